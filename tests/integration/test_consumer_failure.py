"""Consumers that die: each consumer is a separate process (clients/pika_consumer.py)
killed with SIGKILL, so the broker only sees the TCP connection drop.

Covers: a manual-ack consumer killed before acking -> its message goes to the next
consumer with redelivered=True; all consumers killed -> the message waits (ready) in the
queue until a consumer comes back; an auto-ack (no-ack) consumer killed -> the message is
gone; a consumer connection closed cleanly without acking -> same requeue as a kill.

Sync point used instead of sleeps: a passive queue.declare's consumer_count drops to 0
only once the broker has handled the dead connection (and requeued its messages).
"""

import unittest

from support import BrokerTestCase


class KilledConsumer(BrokerTestCase):
    def test_unacked_message_goes_to_next_consumer_redelivered(self):
        q = self.declare_queue(self.channel())
        first = self.spawn_consumer(q, name="first")
        first.wait_ready()
        second = self.spawn_consumer(q, name="second")
        second.wait_ready()
        self.wait_counts(q, consumers=2)
        self.fill(q, [b"Hello World!"])
        d = first.next_delivery()             # the first subscriber gets the first message
        self.assertEqual((d["body"], d["redelivered"]), ("Hello World!", False))
        first.kill()
        d = second.next_delivery()
        self.assertEqual((d["body"], d["redelivered"]), ("Hello World!", True))
        self.assertEqual(self.queue_counts(q), (0, 1))

    def test_message_waits_until_a_consumer_returns(self):
        q = self.declare_queue(self.channel())
        consumers = []
        for i in range(3):             # one after the other: the subscription order is fixed
            consumers.append(self.spawn_consumer(q, name="c%d" % i))
            consumers[-1].wait_ready()
        self.wait_counts(q, consumers=3)
        self.fill(q, [b"precious"])
        owner = consumers[0]
        self.assertEqual(owner.next_delivery()["body"], "precious")
        for c in consumers:
            c.kill()
        # once the broker saw all three go, the message is ready again, nobody has it
        self.wait_counts(q, messages=1, consumers=0)
        back = self.spawn_consumer(q, name="returning")
        back.wait_ready()
        d = back.next_delivery()
        self.assertEqual((d["body"], d["redelivered"]), ("precious", True))

    def test_auto_ack_consumer_killed_loses_the_message(self):
        q = self.declare_queue(self.channel())
        c = self.spawn_consumer(q, auto_ack=True, name="no-ack")
        c.wait_ready()
        self.wait_counts(q, consumers=1)
        self.fill(q, [b"fire and forget"])
        self.assertEqual(c.next_delivery()["body"], "fire and forget")
        c.kill()
        self.wait_counts(q, consumers=0)
        self.assertEqual(self.queue_counts(q), (0, 0))
        self.assertIsNone(self.get(self.channel(), q))

    def test_prefetch_one_killed_consumer_releases_only_its_message(self):
        q = self.declare_queue(self.channel())
        a = self.spawn_consumer(q, prefetch=1, name="a")
        a.wait_ready()
        b = self.spawn_consumer(q, prefetch=1, name="b")
        b.wait_ready()
        self.wait_counts(q, consumers=2)
        self.fill(q, [b"m1", b"m2", b"m3"])
        self.assertEqual(a.next_delivery()["body"], "m1")
        self.assertEqual(b.next_delivery()["body"], "m2")
        self.assertEqual(self.queue_counts(q), (1, 2))     # m3 waits: both at prefetch 1
        a.kill()
        self.wait_counts(q, consumers=1)
        # m1 is back at the head of the queue, ahead of m3; b is still full (never acks)
        self.assertEqual(self.queue_counts(q), (2, 1))
        b.kill()
        self.wait_counts(q, messages=3, consumers=0)
        ch = self.channel()
        got = [self.get(ch, q, auto_ack=True) for _ in range(3)]
        self.assertEqual([(d.body, d.redelivered) for d in got],
                         [(b"m1", True), (b"m2", True), (b"m3", False)])


class ClosedConsumer(BrokerTestCase):
    def test_clean_close_without_ack_requeues(self):
        q = self.declare_queue(self.channel())
        self.fill(q, [b"x"])
        ch = self.channel()
        d = self.get(ch, q)
        self.assertFalse(d.redelivered)
        ch.close()                    # channel.close with an unacked message
        self.wait_counts(q, messages=1)
        d = self.get(self.channel(), q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"x", True))


if __name__ == "__main__":
    unittest.main(verbosity=2)
