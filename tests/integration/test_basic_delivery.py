"""Publishing and consuming through the default exchange, with pika's BlockingConnection.

Covers: hello world publish/consume (deliver fields); round-robin among three consumers
in subscription order; manual ack (unacked messages are not "ready", come back on close
with redelivered=True); ack multiple and ack 0 multiple; basic.get / get-empty and their
message_count; reject and nack with and without requeue, nack multiple=True; basic.recover;
basic.cancel.
"""

import unittest

import support
from support import BrokerTestCase, Collector, pump


class HelloWorld(BrokerTestCase):
    def test_publish_then_consume(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.basic_publish("", q, b"Hello World!")
        got = Collector()
        tag = ch.basic_consume(q, got, auto_ack=True)
        pump([ch.connection], lambda: got.deliveries)
        (d,) = got.deliveries
        self.assertEqual(d.body, b"Hello World!")
        self.assertEqual(d.method.exchange, "")
        self.assertEqual(d.method.routing_key, q)
        self.assertEqual(d.method.consumer_tag, tag)
        self.assertEqual(d.delivery_tag, 1)
        self.assertFalse(d.redelivered)
        self.assertEqual(self.queue_counts(q), (0, 1))

    def test_consume_then_publish_from_another_connection(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        producer = self.channel()
        for i in range(3):
            producer.basic_publish("", q, b"msg %d" % i)
        pump([ch.connection], lambda: len(got.deliveries) == 3)
        self.assertEqual(got.bodies, [b"msg 0", b"msg 1", b"msg 2"])
        self.assertEqual([d.delivery_tag for d in got.deliveries], [1, 2, 3])


class RoundRobin(BrokerTestCase):
    def test_three_consumers_in_subscription_order(self):
        setup = self.channel()
        q = self.declare_queue(setup)
        consumers = []
        for i in range(3):       # each on its own connection, subscribed one after the other
            ch = self.channel()
            got = Collector("c%d" % (i + 1))
            ch.basic_consume(q, got, auto_ack=True)
            consumers.append((ch.connection, got))
        self.assertEqual(self.queue_counts(q), (0, 3))
        for i in range(9):
            setup.basic_publish("", q, b"m%d" % i)
        conns = [c for c, _ in consumers]
        pump(conns, lambda: sum(len(g.deliveries) for _, g in consumers) == 9)
        self.assertEqual([g.bodies for _, g in consumers],
                         [[b"m0", b"m3", b"m6"], [b"m1", b"m4", b"m7"], [b"m2", b"m5", b"m8"]])


class ManualAck(BrokerTestCase):
    def test_unacked_messages_are_not_ready_and_return_on_close(self):
        q = self.declare_queue(self.channel())
        self.fill(q, [b"a", b"b"])
        ch = self.channel()
        got = Collector()
        ch.basic_consume(q, got)
        pump([ch.connection], lambda: len(got.deliveries) == 2)
        ch.basic_ack(got.deliveries[0].delivery_tag)
        # unacknowledged messages are not counted in declare-ok's message_count
        self.assertEqual(self.queue_counts(q), (0, 1))
        ch.connection.close()
        self.wait_counts(q, messages=1, consumers=0)
        d = self.get(self.channel(), q, auto_ack=True)
        self.assertEqual(d.body, b"b")
        self.assertTrue(d.redelivered)

    def test_ack_multiple(self):
        q = self.declare_queue(self.channel())
        self.fill(q, [b"1", b"2", b"3", b"4"])
        ch = self.channel()
        tags = [self.get(ch, q).delivery_tag for _ in range(4)]
        self.assertEqual(tags, [1, 2, 3, 4])
        ch.basic_ack(3, multiple=True)          # acks 1, 2 and 3
        ch.connection.close()
        self.wait_counts(q, messages=1)
        d = self.get(self.channel(), q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"4", True))

    def test_ack_zero_multiple_acks_everything(self):
        q = self.declare_queue(self.channel())
        self.fill(q, [b"1", b"2", b"3"])
        ch = self.channel()
        for _ in range(3):
            self.get(ch, q)
        ch.basic_ack(0, multiple=True)          # spec: tag 0 with multiple = all outstanding
        ch.connection.close()
        self.wait_counts(q, messages=0, consumers=0)


class BasicGet(BrokerTestCase):
    def test_get_reports_remaining_message_count_and_get_empty(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"one", b"two", b"three"])
        seen = []
        for _ in range(3):
            method, props, body = ch.basic_get(q, auto_ack=True)
            seen.append((body, method.message_count, method.delivery_tag, method.redelivered,
                         method.exchange, method.routing_key))
        self.assertEqual(seen, [(b"one", 2, 1, False, "", q), (b"two", 1, 2, False, "", q),
                                (b"three", 0, 3, False, "", q)])
        self.assertEqual(ch.basic_get(q), (None, None, None))    # basic.get-empty

    def test_get_from_missing_queue(self):
        ch = self.channel()
        name = support.unique("missing")
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' in vhost '/'" % name):
            ch.basic_get(name)


class RejectAndNack(BrokerTestCase):
    def _one(self, bodies=(b"m",)):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, list(bodies))
        return ch, q

    def test_reject_requeue_redelivers(self):
        ch, q = self._one()
        d = self.get(ch, q)
        self.assertFalse(d.redelivered)
        ch.basic_reject(d.delivery_tag, requeue=True)
        d2 = self.get(ch, q, auto_ack=True)
        self.assertEqual((d2.body, d2.redelivered, d2.delivery_tag), (b"m", True, 2))

    def test_reject_without_requeue_drops(self):
        ch, q = self._one()
        ch.basic_reject(self.get(ch, q).delivery_tag, requeue=False)
        self.assertIsNone(self.get(ch, q))
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_nack_multiple_requeue_keeps_order(self):
        ch, q = self._one([b"a", b"b", b"c"])
        tags = [self.get(ch, q).delivery_tag for _ in range(3)]
        ch.basic_nack(tags[-1], multiple=True, requeue=True)
        again = [self.get(ch, q, auto_ack=True) for _ in range(3)]
        self.assertEqual([(d.body, d.redelivered) for d in again],
                         [(b"a", True), (b"b", True), (b"c", True)])

    def test_nack_multiple_without_requeue_drops_only_up_to_tag(self):
        ch, q = self._one([b"a", b"b", b"c"])
        tags = [self.get(ch, q).delivery_tag for _ in range(3)]
        ch.basic_nack(tags[1], multiple=True, requeue=False)     # drops a and b
        ch.basic_nack(tags[2], multiple=False, requeue=True)     # c goes back
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"c", True))
        self.assertIsNone(self.get(ch, q))

    def test_consumer_gets_rejected_message_again(self):
        ch, q = self._one()
        got = Collector()
        ch.basic_consume(q, got)
        pump([ch.connection], lambda: got.deliveries)
        ch.basic_reject(got.deliveries[0].delivery_tag, requeue=True)
        pump([ch.connection], lambda: len(got.deliveries) == 2)
        first, second = got.deliveries
        self.assertEqual((second.body, second.redelivered), (b"m", True))
        self.assertEqual(second.delivery_tag, first.delivery_tag + 1)


class Recover(BrokerTestCase):
    def test_recover_requeue_redelivers_unacked_to_consumer(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x", b"y"])
        got = Collector()
        ch.basic_consume(q, got)
        pump([ch.connection], lambda: len(got.deliveries) == 2)
        ch.basic_recover(requeue=True)
        pump([ch.connection], lambda: len(got.deliveries) == 4)
        self.assertEqual([(d.body, d.redelivered) for d in got.deliveries[2:]],
                         [(b"x", True), (b"y", True)])
        self.assertEqual([d.delivery_tag for d in got.deliveries], [1, 2, 3, 4])
        # the first two tags are no longer valid; acking the new ones empties the queue
        ch.basic_ack(4, multiple=True)
        ch.connection.close()
        self.wait_counts(q, messages=0, consumers=0)

    def test_recover_requeue_after_basic_get(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x"])
        self.get(ch, q)
        ch.basic_recover(requeue=True)
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"x", True))


class Cancel(BrokerTestCase):
    def test_cancel_stops_deliveries_and_keeps_unacked(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        got = Collector()
        tag = ch.basic_consume(q, got)
        ch.basic_publish("", q, b"before")
        pump([ch.connection], lambda: got.deliveries)
        ch.basic_cancel(tag)
        self.assertEqual(self.queue_counts(q), (0, 0))
        self.fill(q, [b"after"])
        support.settle([ch.connection])
        self.assertEqual(got.bodies, [b"before"])
        self.assertEqual(self.queue_counts(q), (1, 0))
        # the message delivered before the cancel is still unacked on the channel
        ch.basic_ack(got.deliveries[0].delivery_tag)
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual((d.body, d.redelivered), (b"after", False))


if __name__ == "__main__":
    unittest.main(verbosity=2)
