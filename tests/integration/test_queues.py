"""queue.declare / purge / delete semantics and their errors (reply codes and texts as
RabbitMQ 3.10 sends them).

Covers: declare-ok's queue name, message_count and consumer_count; server-named queues
(amq.gen-...); passive declare of a missing queue -> 404; redeclare with a different
durable / auto_delete / exclusive flag or x-arguments -> 406 (405 for exclusive);
an exclusive queue used from another connection -> 405 for declare, consume, get, purge,
delete; the exclusive queue disappears with its connection; an auto-delete queue
disappears with its last consumer; the reserved "amq." prefix -> 403; purge -> purge-ok
count; delete if-unused / if-empty -> 406; delete returns the message count; delete of a
missing queue is fine; consumers get basic.cancel when their queue is deleted; an exclusive
consumer keeps others out, and cannot join a queue others consume from (403).
"""

import unittest

import pika

import support
from support import BrokerTestCase, Collector, pump

V = "in vhost '/'"


class Declare(BrokerTestCase):
    def test_declare_ok_reports_counts(self):
        ch = self.channel()
        q = self.queue_name()
        ok = ch.queue_declare(q)
        self.assertEqual((ok.method.queue, ok.method.message_count, ok.method.consumer_count),
                         (q, 0, 0))
        self.fill(q, [b"1", b"2", b"3"])
        ch.basic_consume(q, Collector(), auto_ack=False)
        other = self.channel()
        other.basic_qos(prefetch_count=1)
        other.basic_consume(q, Collector())
        ok = self.channel().queue_declare(q)      # an equivalent redeclare is fine
        # message_count counts only ready messages, consumer_count all consumers
        self.assertEqual(ok.method.consumer_count, 2)
        self.assertEqual(ok.method.message_count, 0)

    def test_server_named_queue(self):
        ch = self.channel()
        ok = ch.queue_declare("", exclusive=True)
        name = ok.method.queue
        self.assertRegex(name, r"^amq\.gen-[A-Za-z0-9_-]{22}$")
        ok2 = ch.queue_declare("", exclusive=True)
        self.assertNotEqual(ok2.method.queue, name)
        ch.basic_publish("", name, b"to a generated name")
        d = self.get(ch, name, auto_ack=True)
        self.assertEqual(d.body, b"to a generated name")

    def test_passive_declare_of_missing_queue(self):
        ch = self.channel()
        name = support.unique("missing")
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' %s" % (name, V)):
            ch.queue_declare(name, passive=True)
        self.assertTrue(ch.connection.is_open)

    def test_passive_declare_ignores_flags(self):
        ch = self.channel()
        q = self.declare_queue(ch, durable=False)
        ok = ch.queue_declare(q, passive=True, durable=True, auto_delete=True)
        self.assertEqual(ok.method.queue, q)

    def test_redeclare_with_other_durable(self):
        ch = self.channel()
        q = self.declare_queue(ch, durable=False)
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for "
                                      "queue '%s' %s: received 'true' but current is 'false'"
                                      % (q, V)):
            self.channel().queue_declare(q, durable=True)

    def test_redeclare_with_other_auto_delete(self):
        ch = self.channel()
        q = self.declare_queue(ch, auto_delete=False)
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'auto_delete' "
                                      "for queue '%s' %s: received 'true' but current is 'false'"
                                      % (q, V)):
            self.channel().queue_declare(q, auto_delete=True)

    def test_redeclare_with_other_arguments(self):
        ch = self.channel()
        q = self.declare_queue(ch, arguments={"x-max-length": 10})
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'x-max-length' "
                                      "for queue '%s' %s: received '20' but current is '10'"
                                      % (q, V)):
            self.channel().queue_declare(q, arguments={"x-max-length": 20})

    def test_redeclare_exclusive_as_non_exclusive_on_same_connection(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, exclusive=True)
        with self.assertChannelClosed(405, self._locked(q)):
            conn.channel().queue_declare(q, exclusive=False)

    def test_redeclare_non_exclusive_as_exclusive(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        with self.assertChannelClosed(405, self._locked(q)):
            self.channel().queue_declare(q, exclusive=True)

    def test_reserved_amq_prefix(self):
        ch = self.channel()
        with self.assertChannelClosed(403, "ACCESS_REFUSED - queue name 'amq.mine' contains "
                                      "reserved prefix 'amq.*'"):
            ch.queue_declare("amq.mine")

    @staticmethod
    def _locked(q):
        return ("RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '%s' %s. "
                "It could be originally declared on another connection or the exclusive "
                "property value does not match that of the original declaration." % (q, V))


class Exclusive(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.owner = self.connect()
        self.q = self.declare_queue(self.owner.channel(), exclusive=True)
        self.locked = Declare._locked(self.q)

    def test_declare_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().queue_declare(self.q, exclusive=True)

    def test_passive_declare_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().queue_declare(self.q, passive=True)

    def test_consume_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().basic_consume(self.q, Collector())

    def test_get_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().basic_get(self.q)

    def test_purge_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().queue_purge(self.q)

    def test_delete_from_another_connection(self):
        with self.assertChannelClosed(405, self.locked):
            self.channel().queue_delete(self.q)

    def test_publish_from_another_connection_is_allowed(self):
        self.fill(self.q, [b"anyone may publish"])
        d = self.get(self.owner.channel(), self.q, auto_ack=True)
        self.assertEqual(d.body, b"anyone may publish")

    def test_queue_goes_away_with_its_connection(self):
        self.owner.close()

        def gone():
            try:
                self.queue_counts(self.q)
            except pika.exceptions.ChannelClosedByBroker as e:
                return e.reply_code == 404
            return False
        support.wait_until(gone, what="exclusive queue %s to be deleted" % self.q)


class AutoDelete(BrokerTestCase):
    def test_deleted_when_last_consumer_cancels(self):
        ch = self.channel()
        q = self.declare_queue(ch, auto_delete=True)
        t1 = ch.basic_consume(q, Collector())
        t2 = ch.basic_consume(q, Collector())
        ch.basic_cancel(t1)
        self.assertEqual(self.queue_counts(q), (0, 1))
        ch.basic_cancel(t2)
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' %s" % (q, V)):
            self.channel().queue_declare(q, passive=True)

    def test_not_deleted_before_first_consumer(self):
        ch = self.channel()
        q = self.declare_queue(ch, auto_delete=True)
        self.fill(q, [b"kept"])
        self.assertEqual(self.queue_counts(q), (1, 0))


class PurgeAndDelete(BrokerTestCase):
    def test_purge_returns_count_and_keeps_unacked(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"a", b"b", b"c", b"d"])
        held = self.get(ch, q)                    # unacked: not purged
        ok = ch.queue_purge(q)
        self.assertEqual(ok.method.message_count, 3)
        self.assertEqual(self.queue_counts(q), (0, 0))
        ch.basic_reject(held.delivery_tag, requeue=True)
        self.assertEqual(self.get(ch, q, auto_ack=True).body, b"a")

    def test_purge_missing_queue(self):
        name = support.unique("missing")
        with self.assertChannelClosed(404, "NOT_FOUND - no queue '%s' %s" % (name, V)):
            self.channel().queue_purge(name)

    def test_delete_returns_message_count(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"1", b"2"])
        ok = ch.queue_delete(q)
        self.assertEqual(ok.method.message_count, 2)
        with self.assertChannelClosed(404):
            ch.queue_declare(q, passive=True)

    def test_delete_if_unused_with_consumer(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.basic_consume(q, Collector())
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - queue '%s' %s in use" % (q, V)):
            self.channel().queue_delete(q, if_unused=True)
        self.assertEqual(self.queue_counts(q), (0, 1))

    def test_delete_if_empty_with_messages(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"x"])
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - queue '%s' %s not empty" % (q, V)):
            self.channel().queue_delete(q, if_empty=True)
        self.assertEqual(self.queue_counts(q), (1, 0))

    def test_delete_if_unused_and_if_empty_when_both_hold(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ok = ch.queue_delete(q, if_unused=True, if_empty=True)
        self.assertEqual(ok.method.message_count, 0)

    def test_delete_missing_queue_is_ok(self):
        ch = self.channel()
        ok = ch.queue_delete(support.unique("missing"))
        self.assertEqual(ok.method.message_count, 0)
        self.assertTrue(ch.is_open)

    def test_consumers_are_cancelled_when_their_queue_is_deleted(self):
        conn = self.connect()        # pika announces the consumer_cancel_notify capability
        ch = conn.channel()
        q = self.declare_queue(ch)
        cancelled = []
        ch.add_on_cancel_callback(lambda frame: cancelled.append(frame.method.consumer_tag))
        tag = ch.basic_consume(q, Collector())
        self.channel().queue_delete(q)
        pump([conn], lambda: cancelled, what="basic.cancel from the broker")
        self.assertEqual(cancelled, [tag])


    def test_exclusive_consumer(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.basic_consume(q, Collector(), exclusive=True)
        with self.assertChannelClosed(403, "ACCESS_REFUSED - queue '%s' %s in exclusive use" % (q, V)):
            self.channel().basic_consume(q, Collector())

    def test_exclusive_consumer_refused_when_others_consume(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.basic_consume(q, Collector())
        with self.assertChannelClosed(403, "ACCESS_REFUSED - queue '%s' %s in exclusive use" % (q, V)):
            self.channel().basic_consume(q, Collector(), exclusive=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
