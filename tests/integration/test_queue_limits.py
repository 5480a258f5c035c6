"""Queue length limits: x-max-length, x-max-length-bytes and x-overflow.

Covers: drop-head (the default): the oldest ready messages are dropped, x-max-length 0
keeps nothing; only ready messages count (unacked ones do not), and a message requeued
into a full drop-head queue is itself the head, so it is the one dropped; the byte limit
counts body bytes only (not properties/headers), a body larger than the limit is dropped,
empty bodies fit even x-max-length-bytes 0 (heads are dropped until the new message fits,
or it goes itself); both limits together; reject-publish: publisher confirms get
basic.nack for refused messages (ack again once there is room), without confirms the
message is silently dropped and the channel stays open, a requeue may exceed the limit, a
DLX is NOT used; a fanout to a full and a free queue is nacked but the free queue keeps its
copy; reject-publish-dlx: nacked AND dead-lettered with reason "maxlen".

Invalid values are in test_queue_arguments; drop-head's dead-lettering in
test_dead_lettering.
"""

import unittest

import pika

from support import (BrokerTestCase, drain_bodies, publish_outcome, raw_get, settle,
                     x_death_summary)


class LimitsTestCase(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.ch = self.channel()
        self.pub = self.channel()
        self.pub.confirm_delivery()

    def outcomes(self, queue, bodies, exchange=""):
        return [publish_outcome(self.pub, exchange, queue, b) for b in bodies]


class DropHead(LimitsTestCase):
    def test_oldest_are_dropped(self):
        q = self.declare_queue(self.ch, "ml", arguments={"x-max-length": 2})
        self.assertEqual(self.outcomes(q, [b"0", b"1", b"2", b"3", b"4"]), ["acked"] * 5)
        self.assertEqual(self.queue_counts(q), (2, 0))
        self.assertEqual(drain_bodies(self.ch, q), [b"3", b"4"])

    def test_explicit_drop_head(self):
        q = self.declare_queue(self.ch, "ml", arguments={"x-max-length": 1,
                                                         "x-overflow": "drop-head"})
        self.outcomes(q, [b"a", b"b"])
        self.assertEqual(drain_bodies(self.ch, q), [b"b"])

    def test_max_length_zero_keeps_nothing(self):
        q = self.declare_queue(self.ch, "ml", arguments={"x-max-length": 0})
        self.assertEqual(self.outcomes(q, [b"a"]), ["acked"])
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_unacked_messages_do_not_count(self):
        q = self.declare_queue(self.ch, "ml", arguments={"x-max-length": 1})
        self.outcomes(q, [b"a"])
        held = self.get(self.ch, q)
        self.outcomes(q, [b"b"])
        self.assertEqual(self.queue_counts(q), (1, 0))
        # requeued to the head of a full queue: the requeued message is the one dropped
        self.ch.basic_reject(held.delivery_tag, requeue=True)
        self.wait_counts(q, messages=1)
        self.assertEqual(drain_bodies(self.ch, q), [b"b"])

    def test_bytes_count_bodies(self):
        q = self.declare_queue(self.ch, "mlb", arguments={"x-max-length-bytes": 10})
        self.outcomes(q, [b"aaaa", b"bbbb", b"cccc", b"dd"])     # 14 bytes -> drop 4
        self.assertEqual(drain_bodies(self.ch, q), [b"bbbb", b"cccc", b"dd"])

    def test_bytes_ignore_properties(self):
        q = self.declare_queue(self.ch, "mlb", arguments={"x-max-length-bytes": 4})
        self.fill(q, [b"abcd"], properties=pika.BasicProperties(
            headers={"big": "x" * 1000}, content_type="text/plain"))
        self.assertEqual(self.queue_counts(q), (1, 0))

    def test_body_larger_than_the_limit(self):
        q = self.declare_queue(self.ch, "mlb", arguments={"x-max-length-bytes": 3})
        self.assertEqual(self.outcomes(q, [b"toolong"]), ["acked"])
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_empty_body_fits_zero_bytes(self):
        q = self.declare_queue(self.ch, "mlb", arguments={"x-max-length-bytes": 0})
        self.outcomes(q, [b"", b""])
        self.assertEqual(self.queue_counts(q), (2, 0))
        # one byte over: heads are dropped until it fits, the new message last
        self.outcomes(q, [b"x"])
        self.assertEqual(self.queue_counts(q), (0, 0))

    def test_both_limits(self):
        q = self.declare_queue(self.ch, "ml", arguments={"x-max-length": 2,
                                                         "x-max-length-bytes": 100})
        self.outcomes(q, [b"1", b"2", b"3"])
        self.assertEqual(drain_bodies(self.ch, q), [b"2", b"3"])


class RejectPublish(LimitsTestCase):
    def test_confirms_are_nacked(self):
        q = self.declare_queue(self.ch, "rp", arguments={"x-max-length": 2,
                                                         "x-overflow": "reject-publish"})
        self.assertEqual(self.outcomes(q, [b"0", b"1", b"2", b"3"]),
                         ["acked", "acked", "nacked", "nacked"])
        self.assertEqual(self.get(self.ch, q, auto_ack=True).body, b"0")
        self.assertEqual(self.outcomes(q, [b"4", b"5"]), ["acked", "nacked"])
        self.assertEqual(drain_bodies(self.ch, q), [b"1", b"4"])

    def test_bytes_limit(self):
        q = self.declare_queue(self.ch, "rp", arguments={"x-max-length-bytes": 4,
                                                         "x-overflow": "reject-publish"})
        self.assertEqual(self.outcomes(q, [b"abc", b"de", b"f"]), ["acked", "nacked", "acked"])
        self.assertEqual(drain_bodies(self.ch, q), [b"abc", b"f"])

    def test_without_confirms_silently_dropped(self):
        q = self.declare_queue(self.ch, "rp", arguments={"x-max-length": 1,
                                                         "x-overflow": "reject-publish"})
        plain = self.channel()
        plain.basic_publish("", q, b"a")
        plain.basic_publish("", q, b"b")
        # sync point: switch the same channel to confirms; "sync" is nacked after a and b
        # were handled (b silently, no basic.nack/return/close for it)
        plain.confirm_delivery()
        self.assertEqual(publish_outcome(plain, "", q, b"sync"), "nacked")
        self.assertTrue(plain.is_open)
        self.assertEqual(drain_bodies(self.ch, q), [b"a"])

    def test_requeue_may_exceed_the_limit(self):
        q = self.declare_queue(self.ch, "rp", arguments={"x-max-length": 1,
                                                         "x-overflow": "reject-publish"})
        self.outcomes(q, [b"a"])
        held = self.get(self.ch, q)
        self.assertEqual(self.outcomes(q, [b"b"]), ["acked"])
        self.ch.basic_reject(held.delivery_tag, requeue=True)
        self.wait_counts(q, messages=2)
        self.assertEqual(drain_bodies(self.ch, q), [b"a", b"b"])

    def test_dead_letter_exchange_not_used(self):
        dead = self.declare_queue(self.ch, "dead")
        q = self.declare_queue(self.ch, "rp", arguments={
            "x-max-length": 1, "x-overflow": "reject-publish",
            "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dead})
        self.assertEqual(self.outcomes(q, [b"a", b"b"]), ["acked", "nacked"])
        settle([self.ch.connection], 0.1)
        self.assertEqual(self.queue_counts(dead), (0, 0))

    def test_fanout_to_a_full_and_a_free_queue(self):
        x = self.exchange_name("fan")
        self.ch.exchange_declare(x, "fanout")
        full = self.declare_queue(self.ch, "full", arguments={"x-max-length": 0,
                                                              "x-overflow": "reject-publish"})
        free = self.declare_queue(self.ch, "free")
        self.ch.queue_bind(full, x)
        self.ch.queue_bind(free, x)
        self.assertEqual(publish_outcome(self.pub, x, "", b"m"), "nacked")
        self.assertEqual((self.queue_counts(full), self.queue_counts(free)), ((0, 0), (1, 0)))


class RejectPublishDlx(LimitsTestCase):
    def test_nacked_and_dead_lettered(self):
        dead = self.declare_queue(self.ch, "dead")
        q = self.declare_queue(self.ch, "rpd", arguments={
            "x-max-length": 1, "x-overflow": "reject-publish-dlx",
            "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dead})
        self.assertEqual(self.outcomes(q, [b"0", b"1", b"2"]), ["acked", "nacked", "nacked"])
        self.assertEqual(drain_bodies(self.ch, q), [b"0"])
        self.wait_counts(dead, messages=2)
        m = raw_get(dead)
        self.assertEqual((m.body, m.exchange, m.routing_key), (b"1", "", dead))
        self.assertEqual(x_death_summary(m.plain_headers), [(q, "maxlen", 1)])
        self.assertEqual(m.plain_headers["x-death"][0]["routing-keys"], [q])
        self.assertEqual(m.plain_headers["x-first-death-reason"], "maxlen")
        self.assertEqual(drain_bodies(self.ch, dead), [b"2"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
