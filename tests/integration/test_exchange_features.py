"""exchange.declare / exchange.delete in detail, internal and auto-delete exchanges, and
alternate exchanges (the "alternate-exchange" argument).

Covers: declaring each type (direct, fanout, topic, headers), then a passive declare;
an unknown or empty type -> connection 503 COMMAND_INVALID (even for an existing name, even
with no-wait); a passive declare ignores the type; no-wait declare/delete (no answer, errors
still close the channel); redeclaring with another type / durable / auto_delete / internal ->
406 (type is checked first); the alternate-exchange argument takes part in equivalence (added,
dropped, changed -> 406 texts), other arguments do not (accepted); a non-string
alternate-exchange -> 406; `amq.` names -> 403 (case-sensitive); the built-in amq.* exchanges
redeclared with their own properties are fine, as non-durable -> 406; the default exchange
cannot be declared, passively declared or deleted (403); deleting amq.* -> 403 (even a
missing amq.* name); deleting a missing exchange -> ok; delete if-unused refused (406) while
the exchange is the source of a queue or exchange binding, not when it is only a destination;
publishing to an internal exchange -> 403 (but it can be reached through an exchange binding);
auto-delete exchanges go when their last binding as a source goes (queue unbind, queue
deleted, exclusive queue's connection closed, destination exchange deleted, exchange unbind),
not when they were never bound, and not when a destination-only binding goes.
Alternate exchanges: unroutable messages go to the AE with their original exchange and
routing key; mandatory + AE that routes -> no basic.return; AE that cannot route, a missing
AE, a deleted AE, an AE cycle or a self-AE -> dropped, or basic.return 312 NO_ROUTE (naming
the original exchange) when mandatory; AE chains of two hops; an internal AE works; the AE
is not used when the exchange routes to an exchange binding that leads nowhere, but the
destination exchange's own AE is.
"""

import unittest

import pika
import pika.exceptions

import frames as F
import support
from support import BrokerTestCase, WireTestCase, drain, publish_outcome

V = "in vhost '/'"
EXCHANGE_DECLARE, EXCHANGE_DECLARE_OK = (40, 10), (40, 11)
EXCHANGE_DELETE = (40, 20)


def inequivalent(arg, name, received, current):
    return ("PRECONDITION_FAILED - inequivalent arg '%s' for exchange '%s' %s: received %s but "
            "current is %s" % (arg, name, V, received, current))


def no_exchange(name):
    return "NOT_FOUND - no exchange '%s' %s" % (name, V)


def in_use(name):
    return "PRECONDITION_FAILED - exchange '%s' %s in use" % (name, V)


DEFAULT_REFUSED = "ACCESS_REFUSED - operation not permitted on the default exchange"


class Declare(BrokerTestCase):
    def test_each_type_declares_and_passive_declare_finds_it(self):
        ch = self.channel()
        for kind in ("direct", "fanout", "topic", "headers"):
            x = self.exchange_name(kind)
            ch.exchange_declare(x, exchange_type=kind)
            ch.exchange_declare(x, passive=True)
            ch.exchange_declare(x, exchange_type=kind)          # identical redeclare
        d = self.exchange_name("durable")
        ch.exchange_declare(d, exchange_type="fanout", durable=True)
        ch.exchange_declare(d, exchange_type="fanout", durable=True)

    def test_unknown_type_is_a_connection_error(self):
        for kind in ("nosuch", "x-delayed-message", "DIRECT"):
            with self.subTest(kind=kind):
                ch = self.channel()
                with self.assertConnectionClosed(503, "COMMAND_INVALID - unknown exchange type "
                                                 "'%s'" % kind):
                    ch.exchange_declare(support.unique("badtype"), exchange_type=kind)

    def test_empty_type(self):
        ch = self.channel()
        with self.assertConnectionClosed(503, "COMMAND_INVALID - invalid exchange type ''"):
            ch.exchange_declare(support.unique("notype"), exchange_type="")

    def test_unknown_type_for_existing_or_builtin_name_is_still_503(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="direct")
        with self.assertConnectionClosed(503, "COMMAND_INVALID - unknown exchange type 'nosuch'"):
            ch.exchange_declare(x, exchange_type="nosuch")
        ch = self.channel()
        with self.assertConnectionClosed(503, "COMMAND_INVALID - unknown exchange type 'nosuch'"):
            ch.exchange_declare("amq.direct", exchange_type="nosuch")

    def test_passive_declare_ignores_type_and_flags(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="direct")
        ch.exchange_declare(x, exchange_type="fanout", passive=True)
        ch.exchange_declare(x, exchange_type="nosuch", durable=True, auto_delete=True,
                            internal=True, passive=True)
        self.assertTrue(ch.is_open)

    def test_redeclare_with_other_properties(self):
        conn = self.connect()
        x = self.exchange_name()
        conn.channel().exchange_declare(x, exchange_type="direct")
        cases = [
            (dict(exchange_type="fanout"), "type", "'fanout'", "'direct'"),
            (dict(exchange_type="topic", durable=True), "type", "'topic'", "'direct'"),
            (dict(durable=True), "durable", "'true'", "'false'"),
            (dict(durable=True, auto_delete=True), "durable", "'true'", "'false'"),
            (dict(auto_delete=True), "auto_delete", "'true'", "'false'"),
            (dict(auto_delete=True, internal=True), "auto_delete", "'true'", "'false'"),
            (dict(internal=True), "internal", "'true'", "'false'"),
        ]
        for kw, arg, received, current in cases:
            with self.subTest(**kw):
                kw.setdefault("exchange_type", "direct")
                ch = conn.channel()
                with self.assertChannelClosed(406, inequivalent(arg, x, received, current)):
                    ch.exchange_declare(x, **kw)
        self.assertTrue(conn.is_open)

    def test_redeclare_of_durable_with_durable_false(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="topic", durable=True)
        with self.assertChannelClosed(406, inequivalent("durable", x, "'false'", "'true'")):
            ch.exchange_declare(x, exchange_type="topic", durable=False)

    def test_alternate_exchange_argument_takes_part_in_equivalence(self):
        conn = self.connect()
        x = self.exchange_name()
        ae = {"alternate-exchange": "ae1"}
        conn.channel().exchange_declare(x, arguments=ae)
        conn.channel().exchange_declare(x, arguments=ae)                    # same: fine
        conn.channel().exchange_declare(x, arguments=dict(ae, **{"x-other": 1}))   # extra: fine
        ch = conn.channel()
        with self.assertChannelClosed(406, inequivalent("alternate-exchange", x, "'ae2'", "'ae1'")):
            ch.exchange_declare(x, arguments={"alternate-exchange": "ae2"})
        ch = conn.channel()
        with self.assertChannelClosed(406, inequivalent(
                "alternate-exchange", x, "none", "the value 'ae1' of type 'longstr'")):
            ch.exchange_declare(x)

    def test_alternate_exchange_added_on_redeclare(self):
        conn = self.connect()
        x = self.exchange_name()
        conn.channel().exchange_declare(x)
        ch = conn.channel()
        with self.assertChannelClosed(406, inequivalent(
                "alternate-exchange", x, "the value 'amq.fanout' of type 'longstr'", "none")):
            ch.exchange_declare(x, arguments={"alternate-exchange": "amq.fanout"})
        ch = conn.channel()
        with self.assertChannelClosed(406, inequivalent(
                "alternate-exchange", x, "the value '5' of type 'signedint'", "none")):
            ch.exchange_declare(x, arguments={"alternate-exchange": 5})

    def test_other_arguments_are_not_compared(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, arguments={"x-foo": "1"})
        ch.exchange_declare(x, arguments={"x-foo": "2"})
        ch.exchange_declare(x)
        self.assertTrue(ch.is_open)

    def test_alternate_exchange_of_wrong_type(self):
        ch = self.channel()
        x = support.unique("x")
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - invalid type 'signedint' for arg "
                                      "'alternate-exchange' in exchange '%s' %s" % (x, V)):
            ch.exchange_declare(x, arguments={"alternate-exchange": 5})

    def test_reserved_amq_prefix(self):
        ch = self.channel()
        with self.assertChannelClosed(403, "ACCESS_REFUSED - exchange name 'amq.foo' contains "
                                      "reserved prefix 'amq.*'"):
            ch.exchange_declare("amq.foo", exchange_type="fanout", durable=True)
        ch = self.channel()
        with self.assertChannelClosed(404, no_exchange("amq.foo")):
            ch.exchange_declare("amq.foo", passive=True)
        ch = self.channel()
        x = self.exchange_name()
        upper = "AMQ." + x                   # the check is case-sensitive
        self._exchanges.append(upper)
        ch.exchange_declare(upper)

    def test_builtin_exchanges_redeclared_with_their_own_properties(self):
        ch = self.channel()
        for name, kind in (("amq.direct", "direct"), ("amq.fanout", "fanout"),
                           ("amq.topic", "topic"), ("amq.headers", "headers"),
                           ("amq.match", "headers")):
            ch.exchange_declare(name, exchange_type=kind, durable=True)
        with self.assertChannelClosed(406, inequivalent("durable", "amq.direct", "'false'",
                                                        "'true'")):
            ch.exchange_declare("amq.direct", exchange_type="direct", durable=False)

    def test_default_exchange_cannot_be_declared(self):
        for passive in (False, True):
            with self.subTest(passive=passive):
                ch = self.channel()
                with self.assertChannelClosed(403, DEFAULT_REFUSED):
                    ch.exchange_declare("", exchange_type="direct", durable=True, passive=passive)


class Delete(BrokerTestCase):
    def test_delete_then_passive_declare_is_404(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="topic")
        ch.exchange_delete(x)
        with self.assertChannelClosed(404, no_exchange(x)):
            ch.exchange_declare(x, passive=True)

    def test_delete_missing_exchange_is_ok(self):
        ch = self.channel()
        ch.exchange_delete(support.unique("nox"))
        ch.exchange_delete(support.unique("nox"), if_unused=True)
        self.assertTrue(ch.is_open)

    def test_delete_builtin_is_refused(self):
        for name, if_unused in (("amq.direct", False), ("amq.fanout", True),
                                ("amq.nonexistent", False)):
            with self.subTest(name=name):
                ch = self.channel()
                with self.assertChannelClosed(403, "ACCESS_REFUSED - deletion of system exchange "
                                              "'%s' %s not allowed" % (name, V)):
                    ch.exchange_delete(name, if_unused=if_unused)

    def test_delete_default_exchange_is_refused(self):
        ch = self.channel()
        with self.assertChannelClosed(403, DEFAULT_REFUSED):
            ch.exchange_delete("")

    def test_if_unused_with_queue_binding(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x)
        q = self.declare_queue(ch)
        ch.queue_bind(q, x, routing_key="k")
        with self.assertChannelClosed(406, in_use(x)):
            ch.exchange_delete(x, if_unused=True)
        ch = self.channel()
        ch.exchange_declare(x, passive=True)          # still there
        ch.queue_unbind(q, x, routing_key="k")
        ch.exchange_delete(x, if_unused=True)
        with self.assertChannelClosed(404, no_exchange(x)):
            ch.exchange_declare(x, passive=True)

    def test_if_unused_counts_source_bindings_only(self):
        ch = self.channel()
        src, dst = self.exchange_name("src"), self.exchange_name("dst")
        ch.exchange_declare(src)
        ch.exchange_declare(dst)
        ch.exchange_bind(dst, src, routing_key="k")
        with self.assertChannelClosed(406, in_use(src)):
            ch.exchange_delete(src, if_unused=True)
        ch = self.channel()
        ch.exchange_delete(dst, if_unused=True)       # only a destination: not "in use"
        ch.exchange_delete(src, if_unused=True)       # its binding went with dst
        for x in (src, dst):
            with self.assertChannelClosed(404, no_exchange(x)):
                self.channel().exchange_declare(x, passive=True)

    def test_delete_removes_bindings(self):
        ch = self.channel()
        ch.confirm_delivery()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="fanout")
        q = self.declare_queue(ch)
        ch.queue_bind(q, x)
        ch.exchange_delete(x)
        ch.exchange_declare(x, exchange_type="fanout")   # a new exchange: no bindings
        self.assertEqual(publish_outcome(ch, x, "", b"m", mandatory=True), "returned")
        self.assertEqual(self.queue_counts(q), (0, 0))


class NoWait(WireTestCase):
    """exchange.declare / delete with no-wait: no reply; errors still close the channel."""

    def declare_args(self, name, kind="direct", passive=False, nowait=False):
        return (F.short(0) + F.shortstr(name) + F.shortstr(kind)
                + F.bits(passive, False, False, False, nowait) + F.table())

    def test_declare_no_wait(self):
        x = self.exchange_name()
        c = self.raw(channel=1)
        c.send(F.method_frame(1, EXCHANGE_DECLARE, self.declare_args(x, "fanout", nowait=True))
               + F.method_frame(1, EXCHANGE_DECLARE, self.declare_args(x, passive=True)))
        c.recv_method(EXCHANGE_DECLARE_OK)            # the passive one's; nothing before it
        c.send(F.method_frame(1, EXCHANGE_DECLARE, self.declare_args(x, "topic", nowait=True)))
        self.assertSoftError(c, 1, 406, inequivalent("type", x, "'topic'", "'fanout'"), 40, 10)

    def test_unknown_type_with_no_wait(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, EXCHANGE_DECLARE,
                              self.declare_args(support.unique("x"), "nosuch", nowait=True)))
        self.assertHardError(c, 503, "COMMAND_INVALID - unknown exchange type 'nosuch'", 40, 10)

    def test_delete_no_wait(self):
        x = self.exchange_name()
        c = self.raw(channel=1)
        c.send(F.method_frame(1, EXCHANGE_DECLARE, self.declare_args(x, nowait=True))
               + F.method_frame(1, EXCHANGE_DELETE,
                                F.short(0) + F.shortstr(x) + F.bits(False, True))
               + F.method_frame(1, EXCHANGE_DECLARE, self.declare_args(x, passive=True)))
        self.assertSoftError(c, 1, 404, no_exchange(x), 40, 10)


class Internal(BrokerTestCase):
    def test_publish_to_internal_exchange_is_refused(self):
        conn = self.connect()
        ch = conn.channel()
        x = self.exchange_name("internal")
        ch.exchange_declare(x, exchange_type="fanout", internal=True)
        ch.exchange_declare(x, exchange_type="fanout", internal=True)
        ch.basic_publish(x, "k", b"refused")
        with self.assertChannelClosed(403, "ACCESS_REFUSED - cannot publish to internal exchange "
                                      "'%s' %s" % (x, V)):
            ch.basic_qos(prefetch_count=0)
        self.assertTrue(conn.is_open)

    def test_internal_exchange_reached_through_an_exchange_binding(self):
        ch = self.channel()
        ch.confirm_delivery()
        front, inner = self.exchange_name("front"), self.exchange_name("inner")
        ch.exchange_declare(front, exchange_type="direct")
        ch.exchange_declare(inner, exchange_type="fanout", internal=True)
        ch.exchange_bind(inner, front, routing_key="in")
        q = self.declare_queue(ch)
        ch.queue_bind(q, inner)
        self.assertEqual(publish_outcome(ch, front, "in", b"via front"), "acked")
        d, = drain(ch, q)
        self.assertEqual((d.body, d.method.exchange, d.method.routing_key),
                         (b"via front", front, "in"))


class AutoDelete(BrokerTestCase):
    def assertGone(self, x):
        with self.assertChannelClosed(404, no_exchange(x)):
            self.channel().exchange_declare(x, passive=True)

    def assertExists(self, x):
        self.channel().exchange_declare(x, passive=True)

    def test_never_bound_auto_delete_exchange_stays(self):
        conn = self.connect()
        x = self.exchange_name()
        conn.channel().exchange_declare(x, auto_delete=True)
        conn.close()
        self.assertExists(x)

    def test_goes_when_last_queue_binding_is_unbound(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, auto_delete=True)
        q = self.declare_queue(ch)
        ch.queue_bind(q, x, routing_key="k1")
        ch.queue_bind(q, x, routing_key="k2")
        ch.queue_unbind(q, x, routing_key="k1")
        ch.queue_unbind(q, x, routing_key="never")     # a missing binding changes nothing
        self.assertExists(x)
        ch.queue_unbind(q, x, routing_key="k2")
        self.assertGone(x)

    def test_goes_when_its_queue_is_deleted(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="fanout", auto_delete=True)
        q = self.declare_queue(ch)
        ch.queue_bind(q, x)
        ch.queue_delete(q)
        self.assertGone(x)

    def test_goes_when_its_exclusive_queues_connection_closes(self):
        x = self.exchange_name()
        self.channel().exchange_declare(x, auto_delete=True)
        owner = self.connect()
        ch = owner.channel()
        q = ch.queue_declare("", exclusive=True).method.queue
        ch.queue_bind(q, x, routing_key="k")
        owner.close()
        support.wait_until(lambda: self._exchange_missing(x), what="auto-delete of " + x)

    def _exchange_missing(self, x):
        c = pika.BlockingConnection(support.params())
        try:
            c.channel().exchange_declare(x, passive=True)
            return False
        except pika.exceptions.ChannelClosedByBroker as e:
            self.assertEqual(e.reply_code, 404)
            return True
        finally:
            if c.is_open:
                c.close()

    def test_goes_when_last_exchange_binding_as_source_is_unbound(self):
        ch = self.channel()
        x, dst = self.exchange_name("ad"), self.exchange_name("dst")
        ch.exchange_declare(x, auto_delete=True)
        ch.exchange_declare(dst)
        ch.exchange_bind(dst, x, routing_key="k")
        ch.exchange_unbind(dst, x, routing_key="k")
        self.assertGone(x)
        self.assertExists(dst)

    def test_goes_when_its_destination_exchange_is_deleted(self):
        ch = self.channel()
        x, dst = self.exchange_name("ad"), self.exchange_name("dst")
        ch.exchange_declare(x, auto_delete=True)
        ch.exchange_declare(dst)
        ch.exchange_bind(dst, x, routing_key="k")
        ch.exchange_delete(dst)
        self.assertGone(x)

    def test_destination_only_bindings_do_not_count(self):
        ch = self.channel()
        x, src = self.exchange_name("ad"), self.exchange_name("src")
        ch.exchange_declare(x, auto_delete=True)
        ch.exchange_declare(src)
        ch.exchange_bind(x, src, routing_key="k")
        ch.exchange_unbind(x, src, routing_key="k")     # x was never a source: stays
        self.assertExists(x)
        # a destination binding does not keep it alive once its last source binding goes
        ch.exchange_bind(x, src, routing_key="k")
        q = self.declare_queue(ch)
        ch.queue_bind(q, x, routing_key="k")
        ch.queue_unbind(q, x, routing_key="k")
        self.assertGone(x)


class AlternateExchange(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.ch = self.channel()
        self.ch.confirm_delivery()

    def exchange(self, kind="direct", ae=None, **kw):
        x = self.exchange_name(kind)
        self.ch.exchange_declare(x, exchange_type=kind,
                                 arguments=None if ae is None else {"alternate-exchange": ae}, **kw)
        return x

    def bound_queue(self, exchange, key=""):
        q = self.declare_queue(self.ch)
        self.ch.queue_bind(q, exchange, routing_key=key)
        return q

    def outcome(self, exchange, key, body, mandatory=False):
        return publish_outcome(self.ch, exchange, key, body, mandatory=mandatory)

    def seen(self, q):
        return [(d.body, d.method.exchange, d.method.routing_key) for d in drain(self.ch, q)]

    def test_unroutable_goes_to_the_alternate_exchange(self):
        ae = self.exchange("fanout")
        main = self.exchange("direct", ae=ae)
        qm, qa = self.bound_queue(main, "k"), self.bound_queue(ae)
        self.assertEqual(self.outcome(main, "k", b"routed"), "acked")
        self.assertEqual(self.outcome(main, "other", b"to ae"), "acked")
        self.assertEqual(self.outcome(main, "other", b"to ae, mandatory", mandatory=True), "acked")
        self.assertEqual(self.seen(qm), [(b"routed", main, "k")])
        self.assertEqual(self.seen(qa), [(b"to ae", main, "other"),
                                         (b"to ae, mandatory", main, "other")])

    def test_fanout_without_bindings_uses_its_alternate_exchange(self):
        ae = self.exchange("fanout")
        main = self.exchange("fanout", ae=ae)
        qa = self.bound_queue(ae)
        self.assertEqual(self.outcome(main, "any", b"x", mandatory=True), "acked")
        self.assertEqual(self.seen(qa), [(b"x", main, "any")])

    def test_alternate_exchange_that_cannot_route(self):
        ae = self.exchange("direct")
        main = self.exchange("direct", ae=ae)
        self.bound_queue(ae, "elsewhere")
        self.assertEqual(self.outcome(main, "k", b"dropped"), "acked")
        self._assert_returned(main, "k")

    def _assert_returned(self, exchange, key):
        with self.assertRaises(pika.exceptions.UnroutableError) as cm:
            self.ch.basic_publish(exchange, key, b"back", mandatory=True)
        (msg,) = cm.exception.messages
        self.assertEqual((msg.method.reply_code, msg.method.reply_text, msg.method.exchange,
                          msg.method.routing_key, msg.body),
                         (312, "NO_ROUTE", exchange, key, b"back"))

    def test_missing_alternate_exchange(self):
        main = self.exchange("direct", ae=support.unique("missing-ae"))
        self.assertEqual(self.outcome(main, "k", b"dropped"), "acked")
        self._assert_returned(main, "k")
        self.assertTrue(self.ch.is_open)

    def test_deleted_alternate_exchange(self):
        ae = self.exchange("fanout")
        main = self.exchange("direct", ae=ae)
        qa = self.bound_queue(ae)
        self.ch.exchange_delete(ae)
        self._assert_returned(main, "k")
        self.assertEqual(self.queue_counts(qa), (0, 0))

    def test_chain_of_alternate_exchanges(self):
        last = self.exchange("fanout")
        middle = self.exchange("direct", ae=last)
        main = self.exchange("direct", ae=middle)
        qm, ql = self.bound_queue(middle, "m"), self.bound_queue(last)
        self.assertEqual(self.outcome(main, "m", b"to middle", mandatory=True), "acked")
        self.assertEqual(self.outcome(main, "z", b"to last", mandatory=True), "acked")
        self.assertEqual(self.seen(qm), [(b"to middle", main, "m")])
        self.assertEqual(self.seen(ql), [(b"to last", main, "z")])

    def test_cycle_of_alternate_exchanges(self):
        one, two = self.exchange_name("one"), self.exchange_name("two")
        self.ch.exchange_declare(one, arguments={"alternate-exchange": two})
        self.ch.exchange_declare(two, arguments={"alternate-exchange": one})
        q1, q2 = self.bound_queue(one, "1"), self.bound_queue(two, "2")
        self.assertEqual(self.outcome(one, "2", b"one->two"), "acked")
        self.assertEqual(self.outcome(two, "1", b"two->one"), "acked")
        self.assertEqual(self.outcome(one, "none", b"lost"), "acked")
        self._assert_returned(one, "none")
        self.assertEqual(self.seen(q1), [(b"two->one", two, "1")])
        self.assertEqual(self.seen(q2), [(b"one->two", one, "2")])

    def test_exchange_as_its_own_alternate(self):
        x = self.exchange_name("self")
        self.ch.exchange_declare(x, arguments={"alternate-exchange": x})
        self.assertEqual(self.outcome(x, "none", b"lost"), "acked")
        self._assert_returned(x, "none")

    def test_internal_alternate_exchange(self):
        ae = self.exchange("fanout", internal=True)
        main = self.exchange("direct", ae=ae)
        qa = self.bound_queue(ae)
        self.assertEqual(self.outcome(main, "k", b"to internal ae", mandatory=True), "acked")
        self.assertEqual(self.seen(qa), [(b"to internal ae", main, "k")])

    def test_not_used_when_an_exchange_binding_matches(self):
        ae = self.exchange("fanout")
        main = self.exchange("direct", ae=ae)
        dead_end = self.exchange("direct")
        self.ch.exchange_bind(dead_end, main, routing_key="k")
        qa = self.bound_queue(ae)
        self._assert_returned(main, "k")            # routed to dead_end, which has no queue
        self.assertEqual(self.queue_counts(qa), (0, 0))
        self.assertEqual(self.outcome(main, "other", b"unmatched"), "acked")
        self.assertEqual(self.seen(qa), [(b"unmatched", main, "other")])

    def test_destination_exchanges_alternate_is_used(self):
        ae = self.exchange("fanout")
        dest = self.exchange("direct", ae=ae)
        main = self.exchange("direct")
        self.ch.exchange_bind(dest, main, routing_key="k")
        qa = self.bound_queue(ae)
        self.assertEqual(self.outcome(main, "k", b"via dest's ae", mandatory=True), "acked")
        self.assertEqual(self.seen(qa), [(b"via dest's ae", main, "k")])


if __name__ == "__main__":
    unittest.main(verbosity=2)
