"""x-queue-type: classic, quorum and stream queues on AMQP 0-9-1.

Covers: "classic" accepted and equivalent to no x-queue-type on redeclare (both ways);
quorum queues: declare needs durable and neither exclusive nor auto-delete (406 texts,
auto-delete checked before exclusive before durable), the arguments a quorum queue refuses
(x-max-priority, x-queue-mode, x-queue-master-locator) and the ones it accepts;
x-delivery-limit refused on a classic queue; redeclaring between classic and quorum -> 406
inequivalent 'x-queue-type' (texts for none / 'classic'); x-delivery-count: basic.get adds
it from the first delivery (0, a long long), basic.deliver only from the first redelivery
(1, 2, ...); a returned message goes to the BACK of a quorum queue; x-delivery-limit N: the
message is delivered N+1 times, then dropped or, with a DLX, dead-lettered with reason
"delivery_limit" (original-expiration kept in x-death).

Streams (x-queue-type "stream") -- a deliberate difference: RabbitMQ 3.10 accepts them on
0-9-1 (durable only; basic.get, auto-ack consumers, purge and nack/reject are connection
errors 540; a consumer needs basic.qos and acks manually and receives an x-stream-offset
header). Warren does not implement streams and refuses the declare with a channel error
406 PRECONDITION_FAILED whose text mentions "stream", rather than faking a log with queue
semantics. The stream tests assert RabbitMQ's behaviour against RabbitMQ and Warren's
refusal against Warren.

Unknown x-queue-type values are in test_queue_arguments.
"""

import unittest

import pika

import support
from support import (BrokerTestCase, Collector, declare_outcome, pump, raw_get, settle,
                     target_is_rabbitmq, wait_get, x_death_summary)

V = "in vhost '/'"
QUORUM = {"x-queue-type": "quorum"}
STREAM = {"x-queue-type": "stream"}


def quorum(**more):
    return dict(QUORUM, **more)


def invalid_property(prop, name):
    return (406, "PRECONDITION_FAILED - invalid property '%s' for queue '%s' %s" % (prop, name, V))


def invalid_for_type(arg, name, queue_type):
    return (406, "PRECONDITION_FAILED - invalid arg '%s' for queue '%s' %s of queue type %s"
            % (arg, name, V, queue_type))


class QueueType(BrokerTestCase):
    def redeclare(self, first, second, durable=True):
        name = self.declare_queue(self.channel(), "qt", durable=durable, arguments=first)
        try:
            self.channel().queue_declare(name, durable=durable, arguments=second)
        except pika.exceptions.ChannelClosedByBroker as e:
            return name, (e.reply_code, e.reply_text)
        return name, None

    def test_classic_equals_no_type(self):
        self.assertIsNone(self.redeclare({}, {"x-queue-type": "classic"})[1])
        self.assertIsNone(self.redeclare({"x-queue-type": "classic"}, {})[1])

    def test_classic_redeclared_as_quorum(self):
        name, got = self.redeclare({}, QUORUM)
        self.assertEqual(got, (406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for "
                                    "queue '%s' %s: received the value 'quorum' of type 'longstr' "
                                    "but current is none" % (name, V)))
        name, got = self.redeclare({"x-queue-type": "classic"}, QUORUM)
        self.assertEqual(got, (406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for "
                                    "queue '%s' %s: received 'quorum' but current is 'classic'"
                                    % (name, V)))

    def test_quorum_redeclared_as_classic(self):
        name, got = self.redeclare(QUORUM, {})
        self.assertEqual(got, (406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for "
                                    "queue '%s' %s: received none but current is the value "
                                    "'quorum' of type 'longstr'" % (name, V)))
        name, got = self.redeclare(QUORUM, {"x-queue-type": "classic"})
        self.assertEqual(got, (406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for "
                                    "queue '%s' %s: received 'classic' but current is 'quorum'"
                                    % (name, V)))

    def test_quorum_redeclare_and_passive(self):
        name, got = self.redeclare(QUORUM, QUORUM)
        self.assertIsNone(got)
        ok = self.channel().queue_declare(name, passive=True)
        self.assertEqual((ok.method.queue, ok.method.message_count, ok.method.consumer_count),
                         (name, 0, 0))
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for "
                                      "queue '%s' %s: received 'false' but current is 'true'"
                                      % (name, V)):
            self.channel().queue_declare(name, durable=False, arguments=QUORUM)

    def test_delivery_limit_refused_on_classic(self):
        name = support.unique("qt")
        self.assertEqual(declare_outcome({"x-delivery-limit": 2}, name=name),
                         invalid_for_type("x-delivery-limit", name, "rabbit_classic_queue"))


class QuorumDeclare(BrokerTestCase):
    def test_properties(self):
        for flags, prop in [({}, "non-durable"),
                            ({"durable": True, "exclusive": True}, "exclusive-owner"),
                            ({"durable": True, "auto_delete": True}, "auto-delete"),
                            ({"exclusive": True}, "exclusive-owner"),
                            ({"exclusive": True, "auto_delete": True}, "auto-delete")]:
            with self.subTest(**flags):
                name = support.unique("qq")
                self.assertEqual(declare_outcome(QUORUM, name=name, **flags),
                                 invalid_property(prop, name))

    def test_refused_arguments(self):
        for arg, value in [("x-max-priority", 5), ("x-queue-mode", "lazy"),
                           ("x-queue-master-locator", "client-local")]:
            with self.subTest(arg=arg):
                name = support.unique("qq")
                self.assertEqual(declare_outcome(quorum(**{arg: value}), name=name, durable=True),
                                 invalid_for_type(arg, name, "rabbit_quorum_queue"))
        # checked before the durable property
        name = support.unique("qq")
        self.assertEqual(declare_outcome(quorum(**{"x-max-priority": 5}), name=name),
                         invalid_for_type("x-max-priority", name, "rabbit_quorum_queue"))

    def test_generic_validation_still_applies(self):
        name = support.unique("qq")
        self.assertEqual(declare_outcome(quorum(**{"x-message-ttl": -1}), name=name, durable=True),
                         (406, "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue '%s' "
                               "%s: {value_negative,-1}" % (name, V)))

    def test_accepted_arguments(self):
        for arg, value in [("x-overflow", "drop-head"), ("x-overflow", "reject-publish"),
                           ("x-overflow", "reject-publish-dlx"), ("x-message-ttl", 1000),
                           ("x-expires", 60000), ("x-max-length", 10),
                           ("x-max-length-bytes", 1000), ("x-delivery-limit", 2),
                           ("x-single-active-consumer", True),
                           ("x-dead-letter-exchange", "dlx"),
                           ("x-dead-letter-strategy", "at-least-once"),
                           ("x-quorum-initial-group-size", 1), ("x-max-in-memory-length", 1),
                           ("x-unknown", 1)]:
            with self.subTest(arg=arg, value=value):
                self.assertIsNone(declare_outcome(quorum(**{arg: value}), durable=True))


class QuorumDelivery(BrokerTestCase):
    def declare_quorum(self, ch, **arguments):
        return self.declare_queue(ch, "qq", durable=True, arguments=quorum(**arguments))

    def test_delivery_count_with_basic_get(self):
        ch = self.channel()
        q = self.declare_quorum(ch)
        self.fill(q, [b"m"], properties=pika.BasicProperties(headers={"a": 1}))
        seen = []
        for _ in range(3):
            d = wait_get(ch, q, auto_ack=False)
            seen.append((d.redelivered, d.properties.headers))
            ch.basic_reject(d.delivery_tag, requeue=True)
        self.assertEqual(seen, [(False, {"a": 1, "x-delivery-count": 0}),
                                (True, {"a": 1, "x-delivery-count": 1}),
                                (True, {"a": 1, "x-delivery-count": 2})])
        m = raw_get(q, timeout=5)
        self.assertEqual(m.headers["x-delivery-count"], ("l", 3))
        self.assertTrue(m.redelivered)

    def test_delivery_count_with_a_consumer(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_quorum(ch)
        self.fill(q, [b"m"])
        ch.basic_qos(prefetch_count=1)
        seen = []

        def on_message(channel, method, properties, body):
            seen.append((method.redelivered, properties.headers))
            if len(seen) < 3:
                channel.basic_reject(method.delivery_tag, requeue=True)
            else:
                channel.basic_ack(method.delivery_tag)
        ch.basic_consume(q, on_message)
        pump([conn], lambda: len(seen) == 3)
        # no header on the first delivery to a consumer (unlike basic.get)
        self.assertEqual(seen, [(False, None), (True, {"x-delivery-count": 1}),
                                (True, {"x-delivery-count": 2})])

    def test_returned_message_goes_to_the_back(self):
        ch = self.channel()
        q = self.declare_quorum(ch)
        self.fill(q, [b"0", b"1", b"2"])
        first = wait_get(ch, q, auto_ack=False)
        self.assertEqual(first.body, b"0")
        ch.basic_reject(first.delivery_tag, requeue=True)
        bodies = [wait_get(ch, q).body for _ in range(3)]
        self.assertEqual(bodies, [b"1", b"2", b"0"])

    def _return_until_gone(self, ch, q):
        seen = []
        while True:
            try:
                d = wait_get(ch, q, timeout=0.5, auto_ack=False)
            except AssertionError:
                return seen
            seen.append((d.properties.headers or {}).get("x-delivery-count"))
            ch.basic_nack(d.delivery_tag, requeue=True)
            if len(seen) > 10:
                self.fail("never dropped: %r" % seen)

    def test_delivery_limit_drops(self):
        ch = self.channel()
        q = self.declare_quorum(ch, **{"x-delivery-limit": 2})
        self.fill(q, [b"poison"])
        self.assertEqual(self._return_until_gone(ch, q), [0, 1, 2])
        self.wait_counts(q, messages=0)

    def test_delivery_limit_dead_letters(self):
        ch = self.channel()
        dead = self.declare_queue(ch, "dead")
        q = self.declare_quorum(ch, **{"x-delivery-limit": 1, "x-dead-letter-exchange": "",
                                       "x-dead-letter-routing-key": dead})
        self.fill(q, [b"poison"], properties=pika.BasicProperties(expiration="60000"))
        self.assertEqual(self._return_until_gone(ch, q), [0, 1])
        m = raw_get(dead, timeout=5)
        self.assertEqual((m.body, m.exchange, m.routing_key), (b"poison", "", dead))
        self.assertNotIn("expiration", m.properties)
        self.assertEqual(x_death_summary(m.plain_headers), [(q, "delivery_limit", 1)])
        death = m.headers["x-death"][1][0][1]
        self.assertEqual(death["count"], ("l", 1))
        self.assertEqual(death["original-expiration"], ("S", b"60000"))
        self.assertEqual(m.plain_headers["x-first-death-reason"], "delivery_limit")

    def test_reject_without_requeue_dead_letters(self):
        ch = self.channel()
        dead = self.declare_queue(ch, "dead")
        q = self.declare_quorum(ch, **{"x-dead-letter-exchange": "",
                                       "x-dead-letter-routing-key": dead})
        self.fill(q, [b"bad"])
        d = wait_get(ch, q, auto_ack=False)
        ch.basic_reject(d.delivery_tag, requeue=False)
        m = raw_get(dead, timeout=5)
        self.assertEqual(x_death_summary(m.plain_headers), [(q, "rejected", 1)])


class Stream(BrokerTestCase):
    """RabbitMQ 3.10 on 0-9-1 vs Warren's deliberate refusal (see the module docstring)."""

    def test_declare(self):
        name = support.unique("stream")
        got = declare_outcome(STREAM, name=name, durable=True)
        if target_is_rabbitmq():
            self.assertIsNone(got)
        else:
            self.assertIsNotNone(got, "Warren must refuse stream queues")
            self.assertEqual(got[0], 406)
            self.assertTrue(got[1].startswith("PRECONDITION_FAILED - "), got[1])
            self.assertIn("stream", got[1])

    def test_refusal_is_a_channel_error(self):
        conn = self.connect()
        ch = conn.channel()
        name = support.unique("stream")
        self._queues.append(name)
        try:
            ch.queue_declare(name, durable=True, arguments=STREAM)
        except pika.exceptions.ChannelClosedByBroker as e:
            self.assertFalse(target_is_rabbitmq(), "RabbitMQ accepts streams: %r" % (e,))
            self.assertEqual(e.reply_code, 406)
        else:
            self.assertTrue(target_is_rabbitmq(), "Warren must refuse stream queues")
        self.assertTrue(conn.is_open)
        self.assertTrue(conn.channel().is_open)

    def rabbitmq_only(self):
        if not target_is_rabbitmq():
            self.skipTest("RabbitMQ stream semantics; Warren refuses stream queues")

    def test_rabbitmq_stream_properties(self):
        self.rabbitmq_only()
        for flags, prop in [({}, "non-durable"),
                            ({"durable": True, "exclusive": True}, "exclusive-owner"),
                            ({"durable": True, "auto_delete": True}, "auto-delete")]:
            with self.subTest(**flags):
                name = support.unique("stream")
                self.assertEqual(declare_outcome(STREAM, name=name, **flags),
                                 invalid_property(prop, name))
        for arg, value in [("x-max-priority", 2), ("x-message-ttl", 2), ("x-max-length", 5),
                           ("x-overflow", "drop-head"), ("x-expires", 100),
                           ("x-single-active-consumer", True), ("x-delivery-limit", 2)]:
            with self.subTest(arg=arg):
                name = support.unique("stream")
                self.assertEqual(declare_outcome(dict(STREAM, **{arg: value}), name=name,
                                                 durable=True),
                                 invalid_for_type(arg, name, "rabbit_stream_queue"))

    def test_rabbitmq_stream_consuming(self):
        self.rabbitmq_only()
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, "stream", durable=True, arguments=STREAM)
        self.fill(q, [b"0", b"1", b"2"])
        ok = conn.channel().queue_declare(q, passive=True)
        # the counts are not those of a queue
        self.assertEqual((ok.method.message_count, ok.method.consumer_count), (0, 0))
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - consumer prefetch count is "
                                      "not set for 'queue '%s' %s'" % (q, V)):
            conn.channel().basic_consume(q, Collector())
        ch.basic_qos(prefetch_count=10)
        c = Collector()
        ch.basic_consume(q, c, arguments={"x-stream-offset": "first"})
        pump([conn], lambda: len(c.bodies) == 3)
        self.assertEqual([(d.body, d.properties.headers) for d in c.deliveries],
                         [(b"0", {"x-stream-offset": 0}), (b"1", {"x-stream-offset": 1}),
                          (b"2", {"x-stream-offset": 2})])
        ch.basic_ack(c.deliveries[-1].delivery_tag, multiple=True)
        # reading does not consume: a second reader from "first" sees everything again
        other = conn.channel()
        other.basic_qos(prefetch_count=10)
        c2 = Collector()
        other.basic_consume(q, c2, arguments={"x-stream-offset": "first"})
        pump([conn], lambda: len(c2.bodies) == 3)
        settle([conn], 0.05)
        self.assertEqual(c2.bodies, [b"0", b"1", b"2"])

    def test_rabbitmq_stream_unsupported_operations(self):
        self.rabbitmq_only()
        q = self.declare_queue(self.channel(), "stream", durable=True, arguments=STREAM)
        self.fill(q, [b"x"])
        what = "not supported by stream queues queue '%s' %s" % (q, V)
        for op, action in [("basic.get", lambda ch: ch.basic_get(q)),
                           ("automatic acknowledgement",
                            lambda ch: (ch.basic_qos(prefetch_count=1),
                                        ch.basic_consume(q, Collector(), auto_ack=True))),
                           ("queue.purge", lambda ch: ch.queue_purge(q))]:
            with self.subTest(op=op):
                with self.assertConnectionClosed(540, "NOT_IMPLEMENTED - %s %s" % (op, what)):
                    action(self.channel())
        conn = self.connect()
        ch = conn.channel()
        ch.basic_qos(prefetch_count=1)
        c = Collector()
        ch.basic_consume(q, c, arguments={"x-stream-offset": "first"})
        pump([conn], lambda: c.bodies)
        with self.assertConnectionClosed(540, "NOT_IMPLEMENTED - basic.nack and basic.reject %s"
                                         % what):
            ch.basic_nack(c.deliveries[0].delivery_tag, requeue=True)
            conn.channel().queue_declare(q, passive=True)       # sync point


if __name__ == "__main__":
    unittest.main(verbosity=2)
