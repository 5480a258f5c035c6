"""Exchanges, bindings and routing outcomes.

Covers: the default exchange routes by queue name; queue.bind / queue.unbind on
amq.direct (exact routing key) and amq.fanout (key ignored, every bound queue); unbinding
a binding that does not exist; bind to a missing exchange / missing queue -> 404; binding
to the default exchange -> 403; publishing to a missing exchange -> 404 channel close;
mandatory publish with no route -> basic.return 312 NO_ROUTE (with and without publisher
confirms); a non-mandatory unroutable message is dropped silently; the built-in amq.*
exchanges exist (passive declare) and cannot be redeclared with another type (406) or
created anew under the amq. prefix (403).
"""

import unittest

import pika
import pika.exceptions

import support
from support import BrokerTestCase, pump, settle

V = "in vhost '/'"


class Bindings(BrokerTestCase):
    def test_direct_bind_routes_exact_key_and_unbind_stops_it(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.queue_bind(q, "amq.direct", routing_key="key.a")
        ch.confirm_delivery()
        ch.basic_publish("amq.direct", "key.a", b"hit")
        ch.basic_publish("amq.direct", "key.b", b"miss")
        ch.basic_publish("amq.direct", "key.a.b", b"miss too")
        self.assertEqual(self.queue_counts(q), (1, 0))
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual((d.body, d.method.exchange, d.method.routing_key),
                         (b"hit", "amq.direct", "key.a"))
        ch.queue_unbind(q, "amq.direct", routing_key="key.a")
        ch.basic_publish("amq.direct", "key.a", b"after unbind")
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_one_queue_bound_twice_gets_one_copy(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.queue_bind(q, "amq.fanout", routing_key="one")
        ch.queue_bind(q, "amq.fanout", routing_key="two")
        self.addCleanup(self._unbind, q, "amq.fanout", ["one", "two"])
        ch.confirm_delivery()
        ch.basic_publish("amq.fanout", "whatever", b"once")
        self.assertEqual(self.queue_counts(q), (1, 0))

    def test_fanout_copies_to_every_bound_queue(self):
        ch = self.channel()
        qs = [self.declare_queue(ch) for _ in range(3)]
        for q in qs:
            ch.queue_bind(q, "amq.fanout", routing_key=q)   # the key does not matter
        self.addCleanup(lambda: [self._unbind(q, "amq.fanout", [q]) for q in qs])
        ch.confirm_delivery()
        ch.basic_publish("amq.fanout", "ignored", b"to all")
        for q in qs:
            d = self.get(ch, q, auto_ack=True)
            self.assertEqual((d.body, d.method.exchange, d.method.routing_key),
                             (b"to all", "amq.fanout", "ignored"))
        ch.queue_unbind(qs[0], "amq.fanout", routing_key=qs[0])
        ch.basic_publish("amq.fanout", "ignored", b"second")
        self.assertEqual([self.queue_counts(q)[0] for q in qs], [0, 1, 1])

    def test_unbind_of_missing_binding_is_ok(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.queue_unbind(q, "amq.direct", routing_key="never-bound")
        self.assertTrue(ch.is_open)

    def test_bind_to_missing_exchange(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        x = support.unique("nox")
        with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' %s" % (x, V)):
            ch.queue_bind(q, x, routing_key="k")

    def test_bind_missing_queue(self):
        ch = self.channel()
        q = support.unique("noq")
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' %s" % (q, V)):
            ch.queue_bind(q, "amq.direct", routing_key="k")

    def test_bind_to_default_exchange_is_refused(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        with self.assertChannelClosed(403, "ACCESS_REFUSED - operation not permitted on the "
                                      "default exchange"):
            ch.queue_bind(q, "", routing_key="k")

    def _unbind(self, q, exchange, keys):
        c = pika.BlockingConnection(support.params())
        try:
            ch = c.channel()
            for k in keys:
                ch.queue_unbind(q, exchange, routing_key=k)
        finally:
            c.close()


class Unroutable(BrokerTestCase):
    def test_mandatory_without_route_is_returned(self):
        ch = self.channel()
        returned = []
        ch.add_on_return_callback(lambda c, method, props, body:
                                  returned.append((method, props, body)))
        key = support.unique("noroute")
        props = pika.BasicProperties(message_id="m-1", content_type="text/plain")
        ch.basic_publish("", key, b"nobody home", props, mandatory=True)
        pump([ch.connection], lambda: returned, what="basic.return")
        method, rprops, body = returned[0]
        self.assertEqual((method.reply_code, method.reply_text, method.exchange, method.routing_key),
                         (312, "NO_ROUTE", "", key))
        self.assertEqual((body, rprops.message_id, rprops.content_type),
                         (b"nobody home", "m-1", "text/plain"))

    def test_mandatory_routed_is_not_returned(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        returned = []
        ch.add_on_return_callback(lambda *a: returned.append(a))
        ch.confirm_delivery()
        ch.basic_publish("", q, b"routed", mandatory=True)
        settle([ch.connection])
        self.assertEqual(returned, [])
        self.assertEqual(self.queue_counts(q), (1, 0))

    def test_mandatory_with_confirms_returns_then_acks(self):
        ch = self.channel()
        ch.confirm_delivery()
        with self.assertRaises(pika.exceptions.UnroutableError) as cm:
            ch.basic_publish("amq.direct", support.unique("noroute"), b"x", mandatory=True)
        (msg,) = cm.exception.messages
        self.assertEqual((msg.method.reply_code, msg.method.reply_text, msg.body),
                         (312, "NO_ROUTE", b"x"))
        self.assertTrue(ch.is_open)

    def test_not_mandatory_unroutable_is_dropped_and_confirmed(self):
        ch = self.channel()
        ch.confirm_delivery()
        ch.basic_publish("amq.direct", support.unique("noroute"), b"dropped")   # ack, no error
        self.assertTrue(ch.is_open)

    def test_publish_to_missing_exchange_closes_channel(self):
        conn = self.connect()
        ch = conn.channel()
        x = support.unique("nox")
        ch.basic_publish(x, "k", b"lost")          # asynchronous: the error comes back later
        with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' %s" % (x, V)):
            ch.queue_declare(support.unique("after"), exclusive=True)
        self.assertTrue(conn.is_open)

    def test_publish_to_missing_exchange_with_confirms(self):
        ch = self.channel()
        ch.confirm_delivery()
        x = support.unique("nox")
        with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' %s" % (x, V)):
            ch.basic_publish(x, "k", b"lost")


class BuiltinExchanges(BrokerTestCase):
    def test_builtin_exchanges_exist(self):
        ch = self.channel()
        for x in ("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"):
            ch.exchange_declare(x, passive=True)

    def test_passive_declare_of_missing_exchange(self):
        ch = self.channel()
        x = support.unique("nox")
        with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' %s" % (x, V)):
            ch.exchange_declare(x, passive=True)

    def test_redeclare_builtin_with_other_type(self):
        ch = self.channel()
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'type' for "
                                      "exchange 'amq.direct' %s: received 'fanout' but current "
                                      "is 'direct'" % V):
            ch.exchange_declare("amq.direct", exchange_type="fanout", durable=True)

    def test_amq_prefix_is_reserved(self):
        ch = self.channel()
        with self.assertChannelClosed(403, "ACCESS_REFUSED - exchange name 'amq.mine' contains "
                                      "reserved prefix 'amq.*'"):
            ch.exchange_declare("amq.mine", exchange_type="direct")


if __name__ == "__main__":
    unittest.main(verbosity=2)
