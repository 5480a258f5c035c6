"""Message TTL (x-message-ttl, the expiration property) and queue expiry (x-expires).

Covers: queue TTL: messages expire without anyone touching the queue (message_count drops
to 0, basic.get-empty, a later consumer gets nothing); unexpired messages are delivered
unchanged (no expiration property added); an unacked message does not expire, but it does
once it is requeued after its TTL; x-message-ttl 0 keeps a message only for a consumer that
can take it at once. Per-message TTL: "expiration" is a string of milliseconds, kept as sent
on delivery; the smaller of queue and message TTL wins; RabbitMQ drops per-message-expired
messages only at the HEAD of the queue (see test_expired_message_behind_a_live_one);
"0" means deliver now or drop; the 406 texts for invalid expirations (class/method 60,40)
and the odd strings RabbitMQ accepts ("+100", "00"). x-expires: an unused queue is deleted
after the time (then passive declare 404); a consumer keeps it; basic.get and (even passive)
queue.declare restart the timer, publishing does not.

Invalid x-message-ttl / x-expires values at declare are in test_queue_arguments; expired
messages that are dead-lettered in test_dead_lettering.
"""

import time
import unittest

import pika

import frames as F
import support
from support import (AMQP_PORT, BrokerTestCase, Collector, drain_bodies, pump, queue_routable,
                     settle)

V = "in vhost '/'"
MAX_TTL = 315360000000


class QueueTTL(BrokerTestCase):
    def test_messages_expire_untouched(self):
        ch = self.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 150})
        self.fill(q, [b"1", b"2", b"3"])
        # RabbitMQ drops expired messages by itself: the count goes to 0 with nobody
        # consuming (a passive declare does not touch the messages)
        self.wait_counts(q, messages=0, timeout=3)
        self.assertIsNone(self.get(ch, q))
        c = Collector()
        ch.basic_consume(q, c, auto_ack=True)
        settle([ch.connection], 0.2)
        self.assertEqual(c.bodies, [])

    def test_unexpired_messages_are_delivered_unchanged(self):
        ch = self.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 60000})
        self.fill(q, [b"kept"], properties=pika.BasicProperties(message_id="m1"))
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual(d.body, b"kept")
        self.assertEqual(d.properties.message_id, "m1")
        self.assertIsNone(d.properties.expiration)     # the queue TTL is not written into it

    def test_unacked_message_does_not_expire_until_requeued(self):
        ch = self.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 150})
        self.fill(q, [b"held"])
        held = self.get(ch, q)
        time.sleep(0.3)                              # past the TTL while unacked
        self.assertEqual(self.queue_counts(q), (0, 0))
        ch.basic_reject(held.delivery_tag, requeue=True)
        # requeued after its TTL: it expires at once instead of coming back
        self.wait_counts(q, messages=0)
        self.assertIsNone(self.get(ch, q))

    def test_unacked_message_acked_after_its_ttl(self):
        ch = self.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 100})
        self.fill(q, [b"held"])
        held = self.get(ch, q)
        time.sleep(0.2)
        ch.basic_ack(held.delivery_tag)              # no error: the delivery is still valid
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_ttl_zero_without_consumer_drops(self):
        ch = self.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 0})
        self.fill(q, [b"gone"])
        self.assertEqual(self.queue_counts(q), (0, 0))
        self.assertIsNone(self.get(ch, q))

    def test_ttl_zero_with_consumer_delivers(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, "ttl", arguments={"x-message-ttl": 0})
        c = Collector()
        ch.basic_consume(q, c, auto_ack=True)
        self.fill(q, [b"now"])
        pump([conn], lambda: c.bodies, what="the TTL-0 message")
        self.assertEqual(c.bodies, [b"now"])


class PerMessageTTL(BrokerTestCase):
    def test_expiration_property(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        self.fill(q, [b"short"], properties=pika.BasicProperties(expiration="150"))
        self.wait_counts(q, messages=0, timeout=3)
        self.assertIsNone(self.get(ch, q))

    def test_expiration_is_delivered_as_sent(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        self.fill(q, [b"x"], properties=pika.BasicProperties(expiration="60000"))
        d = self.get(ch, q)
        self.assertEqual(d.properties.expiration, "60000")
        ch.basic_reject(d.delivery_tag, requeue=True)        # and after a requeue
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual((d.redelivered, d.properties.expiration), (True, "60000"))

    def test_queue_ttl_smaller_than_message_ttl(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl", arguments={"x-message-ttl": 150})
        self.fill(q, [b"x"], properties=pika.BasicProperties(expiration="60000"))
        self.wait_counts(q, messages=0, timeout=3)

    def test_message_ttl_smaller_than_queue_ttl(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl", arguments={"x-message-ttl": 60000})
        self.fill(q, [b"x"], properties=pika.BasicProperties(expiration="150"))
        self.wait_counts(q, messages=0, timeout=3)

    def test_expired_message_behind_a_live_one(self):
        """RabbitMQ 3.10 only looks at the head: a 100 ms message behind a 60 s one stays
        (and is counted) until it reaches the head; then it is dropped, never delivered."""
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        self.fill(q, [b"long"], properties=pika.BasicProperties(expiration="60000"))
        self.fill(q, [b"short"], properties=pika.BasicProperties(expiration="100"))
        time.sleep(0.3)
        self.assertEqual(self.queue_counts(q), (2, 0))
        self.assertEqual(self.get(ch, q, auto_ack=True).body, b"long")
        self.assertIsNone(self.get(ch, q))
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_expired_messages_dropped_when_the_head_leaves(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        self.fill(q, [b"long"], properties=pika.BasicProperties(expiration="60000"))
        self.fill(q, [b"s1", b"s2"], properties=pika.BasicProperties(expiration="100"))
        time.sleep(0.3)
        self.assertEqual(self.queue_counts(q), (3, 0))
        held = self.get(ch, q)                          # the head leaves (unacked)...
        self.assertEqual(held.body, b"long")
        self.wait_counts(q, messages=0)                 # ...and the expired ones go with it
        ch.basic_reject(held.delivery_tag, requeue=True)
        self.wait_counts(q, messages=1)
        self.assertEqual(drain_bodies(ch, q), [b"long"])

    def test_expiration_zero_without_consumer_drops(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        self.fill(q, [b"gone"], properties=pika.BasicProperties(expiration="0"))
        self.assertEqual(self.queue_counts(q), (0, 0))
        self.assertIsNone(self.get(ch, q))

    def test_expiration_zero_only_for_a_consumer_with_capacity(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, "pttl")
        ch.basic_qos(prefetch_count=1)
        c = Collector()
        ch.basic_consume(q, c)
        self.fill(q, [b"first", b"second"], properties=pika.BasicProperties(expiration="0"))
        pump([conn], lambda: c.bodies, what="the first message")
        self.assertEqual(self.queue_counts(q), (0, 1))   # "second" found no capacity: dropped
        settle([conn], 0.2)
        self.assertEqual(c.bodies, [b"first"])
        self.assertEqual(c.deliveries[0].properties.expiration, "0")
        ch.basic_ack(c.deliveries[0].delivery_tag)
        settle([conn], 0.2)
        self.assertEqual(c.bodies, [b"first"])

    def test_invalid_expirations(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        for value, reason in [("abc", "no_integer"), ("", "no_integer"), (" 100", "no_integer"),
                              ("-1", "{value_negative,-1}"),
                              ("1.5", '{leftover_string,".5"}'),
                              ("100 ", '{leftover_string," "}'),
                              ("1e3", '{leftover_string,"e3"}'),
                              ("0x10", '{leftover_string,"x10"}'),
                              (str(MAX_TTL + 1), "{value_too_large,%d}" % (MAX_TTL + 1))]:
            with self.subTest(expiration=value):
                pub = self.channel()
                with self.assertChannelClosed(406, "PRECONDITION_FAILED - invalid expiration "
                                              "'%s': %s" % (value, reason)):
                    pub.basic_publish("", q, b"x", pika.BasicProperties(expiration=value))
                    pub.queue_declare(q, passive=True)     # sync point: the close arrives
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_invalid_expiration_close_ids(self):
        q = self.declare_queue(self.channel(), "pttl")
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake()
            c.open_channel(1)
            c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                   + F.header_frame(1, 1, flags=0x0100, props=F.shortstr("abc"))
                   + F.body_frame(1, b"x"))
            self.assertEqual(c.expect_channel_close(1), (
                406, "PRECONDITION_FAILED - invalid expiration 'abc': no_integer", 60, 40))

    def test_odd_expirations_accepted(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pttl")
        for value in ["+60000", "060000", str(MAX_TTL)]:
            with self.subTest(expiration=value):
                self.fill(q, [b"x"], properties=pika.BasicProperties(expiration=value))
                d = self.get(ch, q, auto_ack=True)
                self.assertEqual(d.properties.expiration, value)


class Expires(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.probe = self.channel()
        self.probe.confirm_delivery()

    def wait_deleted(self, q, timeout=3.0):
        support.wait_until(lambda: not queue_routable(self.probe, q), timeout,
                           what="queue %s to expire" % q)
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' %s" % (q, V)):
            self.channel().queue_declare(q, passive=True)

    def test_unused_queue_is_deleted(self):
        ch = self.channel()
        q = self.declare_queue(ch, "exp", arguments={"x-expires": 200})
        started = time.monotonic()
        self.fill(q, [b"messages do not keep it"])
        # publishing (the probe too) is no use: the queue goes after ~200 ms
        self.wait_deleted(q)
        self.assertGreaterEqual(time.monotonic() - started, 0.15)

    def test_consumer_keeps_the_queue(self):
        ch = self.channel()
        q = self.declare_queue(ch, "exp", arguments={"x-expires": 150})
        tag = ch.basic_consume(q, Collector(), auto_ack=True)
        time.sleep(0.4)
        self.assertTrue(queue_routable(self.probe, q))
        ch.basic_cancel(tag)
        self.wait_deleted(q)

    def _kept_alive_by(self, action):
        ch = self.channel()
        q = self.declare_queue(ch, "exp", arguments={"x-expires": 250})
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline:
            action(ch, q)
            time.sleep(0.05)
        self.assertTrue(queue_routable(self.probe, q))
        self.wait_deleted(q)

    def test_basic_get_restarts_the_timer(self):
        self._kept_alive_by(lambda ch, q: ch.basic_get(q, auto_ack=True))

    def test_passive_declare_restarts_the_timer(self):
        self._kept_alive_by(lambda ch, q: ch.queue_declare(q, passive=True))


if __name__ == "__main__":
    unittest.main(verbosity=2)
