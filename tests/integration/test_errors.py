"""Channel-level (soft) and connection-level (hard) errors a pika client can provoke, and
what survives them.

Covers: ack / nack / reject of an unknown delivery tag -> 406 channel close; acking a
tag twice; acking a message that was delivered with no-ack; a channel error leaves the
connection and its other channels usable (consumers on other channels keep receiving);
a closed channel's unacked messages are requeued; basic.consume on a missing queue -> 404.
(Errors pika refuses to send, e.g. a reused consumer tag, are in test_wire_methods.py.)
"""

import unittest

import support
from support import BrokerTestCase, Collector, pump


def unknown_tag(tag):
    return "PRECONDITION_FAILED - unknown delivery tag %d" % tag


class UnknownDeliveryTag(BrokerTestCase):
    def test_ack_unknown_tag(self):
        ch = self.channel()
        ch.basic_ack(42)             # asynchronous: the close arrives with the next call
        with self.assertChannelClosed(406, unknown_tag(42)):
            ch.basic_qos(prefetch_count=1)

    def test_nack_unknown_tag(self):
        ch = self.channel()
        ch.basic_nack(7, requeue=True)
        with self.assertChannelClosed(406, unknown_tag(7)):
            ch.basic_qos(prefetch_count=1)

    def test_reject_unknown_tag(self):
        ch = self.channel()
        ch.basic_reject(3, requeue=False)
        with self.assertChannelClosed(406, unknown_tag(3)):
            ch.basic_qos(prefetch_count=1)

    def test_double_ack(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x"])
        d = self.get(ch, q)
        ch.basic_ack(d.delivery_tag)
        ch.basic_ack(d.delivery_tag)
        with self.assertChannelClosed(406, unknown_tag(d.delivery_tag)):
            ch.basic_qos(prefetch_count=1)

    def test_ack_of_no_ack_delivery(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x"])
        d = self.get(ch, q, auto_ack=True)
        ch.basic_ack(d.delivery_tag)
        with self.assertChannelClosed(406, unknown_tag(d.delivery_tag)):
            ch.basic_qos(prefetch_count=1)

    def test_ack_multiple_beyond_last_tag(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x"])
        self.get(ch, q)
        ch.basic_ack(5, multiple=True)
        with self.assertChannelClosed(406, unknown_tag(5)):
            ch.basic_qos(prefetch_count=1)


class ErrorIsolation(BrokerTestCase):
    def test_channel_error_leaves_connection_and_other_channels_usable(self):
        conn = self.connect()
        healthy = conn.channel()
        q = self.declare_queue(healthy)
        got = Collector()
        healthy.basic_consume(q, got, auto_ack=True)
        doomed = conn.channel()
        with self.assertChannelClosed(404):
            doomed.queue_declare(support.unique("missing"), passive=True)
        self.assertTrue(conn.is_open)
        self.assertTrue(healthy.is_open)
        self.assertTrue(doomed.is_closed)
        healthy.basic_publish("", q, b"still flowing")
        pump([conn], lambda: got.deliveries)
        self.assertEqual(got.bodies, [b"still flowing"])
        fresh = conn.channel()                  # new channels can still be opened
        fresh.queue_declare(q, passive=True)

    def test_channel_error_requeues_that_channels_unacked(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"held"])
        self.get(ch, q)
        ch.basic_ack(99)
        with self.assertChannelClosed(406):
            ch.basic_qos(prefetch_count=1)
        d = self.get(conn.channel(), q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"held", True))

    def test_consume_from_missing_queue(self):
        ch = self.channel()
        name = support.unique("missing")
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' in vhost '/'" % name):
            ch.basic_consume(name, Collector())


if __name__ == "__main__":
    unittest.main(verbosity=2)
