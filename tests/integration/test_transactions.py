"""AMQP transactions (tx.select / tx.commit / tx.rollback), RabbitMQ semantics.

Covers: tx.select -> select-ok (also a second time); publishes inside a transaction are
invisible (basic.get empty, message_count 0 from another connection) until tx.commit, then
all arrive in order, across several queues; tx.rollback discards them and the channel stays
transactional; uncommitted publishes are dropped when the channel closes; a publish to a
missing exchange fails at once (404), not at commit; acks inside a transaction take effect
only at commit (closing the channel before requeues the message, redelivered), a rollback
forgets them (the message is unacked again: it can be acked anew, or is requeued when the
channel closes); nack / reject inside a transaction act at commit (requeue in place, or
drop) and are forgotten by rollback; an uncommitted ack does not free a consumer's prefetch
slot until commit; a mandatory unroutable publish is returned at tx.commit, just before
commit-ok, and not at all after a rollback; tx.commit / tx.rollback on a channel without
tx.select -> 406; confirm.select after tx.select and tx.select after confirm.select -> 406.
"""

import unittest

import frames as F
import support
from support import BrokerTestCase, Collector, WireTestCase, drain, pump, settle

TX_SELECT, TX_SELECT_OK = (90, 10), (90, 11)
TX_COMMIT, TX_COMMIT_OK = (90, 20), (90, 21)
TX_ROLLBACK, TX_ROLLBACK_OK = (90, 30), (90, 31)
BASIC_RETURN = (60, 50)

NOT_TRANSACTIONAL = "PRECONDITION_FAILED - channel is not transactional"


class Publishing(BrokerTestCase):
    def test_select_ok(self):
        ch = self.channel()
        self.assertEqual(ch.tx_select().method.NAME, "Tx.SelectOk")
        self.assertEqual(ch.tx_select().method.NAME, "Tx.SelectOk")   # again: fine

    def test_publishes_are_invisible_until_commit(self):
        ch = self.channel()
        q1, q2 = self.declare_queue(ch), self.declare_queue(ch)
        ch.tx_select()
        for q, body in ((q1, b"one"), (q2, b"two"), (q1, b"three")):
            ch.basic_publish("", q, body)
        self.assertIsNone(self.get(ch, q1))
        self.assertEqual(self.queue_counts(q1), (0, 0))
        self.assertEqual(self.queue_counts(q2), (0, 0))
        self.assertEqual(ch.tx_commit().method.NAME, "Tx.CommitOk")
        self.assertEqual(self.queue_counts(q1), (2, 0))
        self.assertEqual(self.queue_counts(q2), (1, 0))
        self.assertEqual([d.body for d in drain(ch, q1)], [b"one", b"three"])
        self.assertEqual([d.body for d in drain(ch, q2)], [b"two"])

    def test_fanout_publish_in_a_transaction(self):
        ch = self.channel()
        x = self.exchange_name()
        ch.exchange_declare(x, exchange_type="fanout")
        qs = [self.declare_queue(ch) for _ in range(3)]
        for q in qs:
            ch.queue_bind(q, x)
        ch.tx_select()
        ch.basic_publish(x, "", b"to all")
        self.assertEqual([self.queue_counts(q)[0] for q in qs], [0, 0, 0])
        ch.tx_commit()
        self.assertEqual([self.queue_counts(q)[0] for q in qs], [1, 1, 1])

    def test_rollback_discards_and_channel_stays_transactional(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.tx_select()
        ch.basic_publish("", q, b"discarded")
        self.assertEqual(ch.tx_rollback().method.NAME, "Tx.RollbackOk")
        ch.tx_commit()                                 # nothing left to commit
        self.assertEqual(self.queue_counts(q), (0, 0))
        ch.basic_publish("", q, b"kept")
        self.assertEqual(self.queue_counts(q), (0, 0))
        ch.tx_commit()
        self.assertEqual([d.body for d in drain(ch, q)], [b"kept"])

    def test_uncommitted_publishes_are_dropped_when_the_channel_closes(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch)
        ch.tx_select()
        ch.basic_publish("", q, b"never")
        ch.close()
        ch = conn.channel()
        ch.queue_declare(q, passive=True)
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_publish_to_missing_exchange_fails_at_once(self):
        ch = self.channel()
        ch.tx_select()
        x = support.unique("nox")
        ch.basic_publish(x, "k", b"lost")
        with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' in vhost '/'" % x):
            ch.queue_declare(support.unique("after"), exclusive=True)   # not tx.commit


class Acknowledgements(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.conn = self.connect()
        self.q = self.declare_queue(self.conn.channel())

    def requeued_after_close(self, ch):
        """Closes ch; returns [(body, redelivered)] of what is back in the queue."""
        ch.close()
        return [(d.body, d.redelivered) for d in drain(self.conn.channel(), self.q)]

    def test_ack_takes_effect_at_commit(self):
        self.fill(self.q, [b"a"])
        ch = self.conn.channel()
        ch.tx_select()
        ch.basic_ack(self.get(ch, self.q).delivery_tag)
        self.assertEqual(self.requeued_after_close(ch), [(b"a", True)])   # not committed

        self.fill(self.q, [b"b"])
        ch = self.conn.channel()
        ch.tx_select()
        ch.basic_ack(self.get(ch, self.q).delivery_tag)
        ch.tx_commit()
        self.assertEqual(self.requeued_after_close(ch), [])

    def test_rollback_makes_acked_messages_unacked_again(self):
        self.fill(self.q, [b"a", b"b"])
        ch = self.conn.channel()
        ch.tx_select()
        da, db = self.get(ch, self.q), self.get(ch, self.q)
        ch.basic_ack(da.delivery_tag)
        ch.basic_ack(db.delivery_tag)
        ch.tx_rollback()
        ch.basic_ack(db.delivery_tag)        # still a valid tag: b can be acked anew
        ch.tx_commit()
        self.assertEqual(self.requeued_after_close(ch), [(b"a", True)])

    def test_multiple_ack_in_a_transaction(self):
        self.fill(self.q, [b"a", b"b", b"c"])
        ch = self.conn.channel()
        ch.tx_select()
        tags = [self.get(ch, self.q).delivery_tag for _ in range(3)]
        ch.basic_ack(tags[1], multiple=True)
        ch.tx_commit()
        self.assertEqual(self.requeued_after_close(ch), [(b"c", True)])

    def test_nack_and_reject_act_at_commit(self):
        self.fill(self.q, [b"a", b"b", b"c", b"d"])
        ch = self.conn.channel()
        ch.tx_select()
        da, db, dc, dd = (self.get(ch, self.q) for _ in range(4))
        ch.basic_nack(da.delivery_tag, requeue=True)
        ch.basic_reject(db.delivery_tag, requeue=False)
        ch.basic_reject(dc.delivery_tag, requeue=True)
        ch.basic_nack(dd.delivery_tag, requeue=False)
        self.assertEqual(self.queue_counts(self.q), (0, 0))          # nothing requeued yet
        ch.tx_commit()
        self.assertEqual([(d.body, d.redelivered) for d in drain(ch, self.q)],
                         [(b"a", True), (b"c", True)])
        self.assertEqual(self.requeued_after_close(ch), [])

    def test_rollback_forgets_nack(self):
        self.fill(self.q, [b"a", b"b"])
        ch = self.conn.channel()
        ch.tx_select()
        self.get(ch, self.q)
        db = self.get(ch, self.q)
        ch.basic_nack(db.delivery_tag, multiple=True, requeue=False)
        ch.tx_rollback()
        self.assertEqual(self.queue_counts(self.q), (0, 0))
        self.assertEqual(self.requeued_after_close(ch), [(b"a", True), (b"b", True)])

    def test_uncommitted_ack_does_not_free_the_prefetch_slot(self):
        self.fill(self.q, [b"a", b"b"])
        ch = self.conn.channel()
        ch.tx_select()
        ch.basic_qos(prefetch_count=1)
        got = Collector()
        ch.basic_consume(self.q, got)
        pump([self.conn], lambda: got.deliveries)
        ch.basic_ack(got.deliveries[0].delivery_tag)
        settle([self.conn])
        self.assertEqual(got.bodies, [b"a"])
        ch.tx_commit()
        pump([self.conn], lambda: len(got.deliveries) == 2)
        self.assertEqual(got.bodies, [b"a", b"b"])

    def test_one_commit_across_queues(self):
        ch = self.conn.channel()
        q2, q3 = self.declare_queue(ch), self.declare_queue(ch)
        self.fill(self.q, [b"from q"])
        self.fill(q2, [b"from q2"])
        ch.tx_select()
        d1, d2 = self.get(ch, self.q), self.get(ch, q2)
        ch.basic_ack(d1.delivery_tag)
        ch.basic_ack(d2.delivery_tag)
        ch.basic_publish("", q3, b"result")
        self.assertEqual(self.queue_counts(q3), (0, 0))
        ch.tx_commit()
        self.assertEqual(self.requeued_after_close(ch), [])
        self.assertEqual(self.queue_counts(q2), (0, 0))
        self.assertEqual(self.queue_counts(q3), (1, 0))


class Errors(BrokerTestCase):
    def test_commit_without_select(self):
        ch = self.channel()
        with self.assertChannelClosed(406, NOT_TRANSACTIONAL):
            ch.tx_commit()

    def test_rollback_without_select(self):
        ch = self.channel()
        with self.assertChannelClosed(406, NOT_TRANSACTIONAL):
            ch.tx_rollback()

    def test_confirm_select_after_tx_select(self):
        ch = self.channel()
        ch.tx_select()
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - cannot switch from tx to "
                                      "confirm mode"):
            ch.confirm_delivery()

    def test_tx_select_after_confirm_select(self):
        ch = self.channel()
        ch.confirm_delivery()
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - cannot switch from confirm to "
                                      "tx mode"):
            ch.tx_select()


class WireOrder(WireTestCase):
    """Where basic.return and the errors sit among the frames."""

    def publish_unroutable(self, c):
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", support.unique("nq"),
                                                                mandatory=True))
               + F.header_frame(1, 3) + F.body_frame(1, b"ret"))

    def test_mandatory_return_comes_at_commit(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, TX_SELECT))
        c.recv_method(TX_SELECT_OK)
        self.publish_unroutable(c)
        c.send(F.method_frame(1, F.BASIC_QOS, F.short(0) * 3 + F.bits(False)))
        c.recv_method(F.BASIC_QOS_OK)                 # no basic.return before the commit
        c.send(F.method_frame(1, TX_COMMIT))
        f = c.recv_method(BASIC_RETURN)
        r = F.Reader(f.payload, 4)
        self.assertEqual((r.short(), r.shortstr(), r.shortstr()), (312, "NO_ROUTE", ""))
        self.assertEqual(c.recv_frame().type, F.FRAME_HEADER)
        self.assertEqual(c.recv_frame().payload, b"ret")
        c.recv_method(TX_COMMIT_OK)

    def test_rollback_drops_the_return(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, TX_SELECT))
        c.recv_method(TX_SELECT_OK)
        self.publish_unroutable(c)
        c.send(F.method_frame(1, TX_ROLLBACK))
        c.recv_method(TX_ROLLBACK_OK)
        c.send(F.method_frame(1, TX_COMMIT))
        c.recv_method(TX_COMMIT_OK)

    def test_errors_carry_the_method_ids(self):
        for method in (TX_COMMIT, TX_ROLLBACK):
            with self.subTest(method=method):
                c = self.raw(channel=1)
                c.send(F.method_frame(1, method))
                self.assertSoftError(c, 1, 406, NOT_TRANSACTIONAL, *method)
        c = self.raw(channel=1)
        c.send(F.method_frame(1, TX_SELECT))
        c.recv_method(TX_SELECT_OK)
        c.send(F.method_frame(1, (85, 10), F.bits(True)))        # confirm.select no-wait
        self.assertSoftError(c, 1, 406, "PRECONDITION_FAILED - cannot switch from tx to confirm "
                             "mode", 85, 10)


if __name__ == "__main__":
    unittest.main(verbosity=2)
