"""Publisher confirms (confirm.select, basic.ack from the broker).

Covers: pika's confirm_delivery() (each publish waits for its ack); confirms for routed,
unroutable, and persistent messages; raw-socket checks of the ack stream: delivery tags
count from 1 per channel after confirm.select, every publish is confirmed exactly once,
acks arrive in increasing tag order and an ack with multiple=True confirms every tag up to
it (the broker decides when to coalesce); confirm.select-ok; confirm.select twice is fine.
"""

import unittest

import pika

import frames as F
from support import AMQP_PORT, BrokerTestCase

CONFIRM_SELECT = (85, 10)
CONFIRM_SELECT_OK = (85, 11)
BASIC_ACK = (60, 80)


class PikaConfirms(BrokerTestCase):
    def test_confirmed_publishes_are_enqueued(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.confirm_delivery()
        for i in range(50):
            ch.basic_publish("", q, b"%d" % i)
        # every basic_publish returned only after its ack: all 50 are in the queue now
        self.assertEqual(self.queue_counts(q), (50, 0))

    def test_persistent_to_durable_queue(self):
        ch = self.channel()
        q = self.declare_queue(ch, durable=True)
        ch.confirm_delivery()
        for i in range(20):
            ch.basic_publish("", q, b"%d" % i, pika.BasicProperties(delivery_mode=2))
        self.assertEqual(self.queue_counts(q), (20, 0))


class RawConfirms(BrokerTestCase):
    def _confirm_channel(self, c):
        c.handshake()
        c.open_channel(1)
        c.send(F.method_frame(1, CONFIRM_SELECT, F.bits(False)))
        c.recv_method(CONFIRM_SELECT_OK)

    def _acks_until(self, c, last_tag):
        """Reads basic.ack frames until last_tag is confirmed; returns [(tag, multiple)]."""
        acks, confirmed = [], set()
        while last_tag not in confirmed:
            f = c.recv_frame()
            self.assertEqual(f.method, BASIC_ACK, f)
            r = F.Reader(f.payload, 4)
            tag, multiple = r.longlong(), bool(r.octet() & 1)
            acks.append((tag, multiple))
            new = set(range(1, tag + 1)) - confirmed if multiple else {tag}
            self.assertNotIn(tag, confirmed, "tag %d confirmed twice: %r" % (tag, acks))
            confirmed |= new
        self.assertEqual(confirmed, set(range(1, last_tag + 1)))
        tags = [t for t, _ in acks]
        self.assertEqual(tags, sorted(tags), "acks out of order: %r" % acks)
        return acks

    def test_every_publish_confirmed_once_in_order(self):
        ch = self.channel()
        q = self.declare_queue(ch, durable=True)
        n = 300
        with F.RawConnection(AMQP_PORT) as c:
            self._confirm_channel(c)
            burst = b"".join(
                F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                + F.header_frame(1, 3, flags=0x1000, props=F.octet(2))   # delivery-mode 2
                + F.body_frame(1, b"abc") for _ in range(n))
            c.send(burst)
            acks = self._acks_until(c, n)
            self.assertLessEqual(len(acks), n)
        self.assertEqual(self.queue_counts(q), (n, 0))

    def test_tags_restart_per_channel_and_select_twice(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        with F.RawConnection(AMQP_PORT) as c:
            self._confirm_channel(c)
            c.send(F.method_frame(1, CONFIRM_SELECT, F.bits(False)))   # again: still select-ok
            c.recv_method(CONFIRM_SELECT_OK)
            pub = (F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                   + F.header_frame(1, 1) + F.body_frame(1, b"x"))
            c.send(pub + pub)
            self.assertEqual(self._acks_until(c, 2)[-1][0], 2)
            c.open_channel(2)
            c.send(F.method_frame(2, CONFIRM_SELECT, F.bits(False)))
            c.recv_method(CONFIRM_SELECT_OK)
            c.send(F.method_frame(2, F.BASIC_PUBLISH, F.publish_args("", q))
                   + F.header_frame(2, 1) + F.body_frame(2, b"y"))
            f = c.recv_method(BASIC_ACK)
            self.assertEqual((f.channel, F.Reader(f.payload, 4).longlong()), (2, 1))


if __name__ == "__main__":
    unittest.main(verbosity=2)
