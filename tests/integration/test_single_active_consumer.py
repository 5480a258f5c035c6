"""Single active consumer (x-single-active-consumer = true) on classic queues.

Covers: only the first subscriber receives, even when it is blocked by its prefetch (the
others get nothing, the rest stays ready); declare-ok / passive declare count ALL
consumers, active or not; when the active consumer cancels, or its channel or connection
closes, the next one in subscription order (not channel order) becomes active; its
unacked messages are requeued to the new active consumer (redelivered).

RabbitMQ 3.10.8 quirk, deliberately not tested: when the active consumer is CANCELLED while
it still holds unacked messages, no other consumer is activated (the ready messages stay
put) and the next publish to the queue crashes the queue process ({badmatch,false} in
rabbit_amqqueue_process:attempt_delivery; the queue restarts empty). The tests here only
cancel consumers without unacked messages; the takeover after a cancel is observed with
messages published after the cancel (RabbitMQ does not push already-ready messages to the
new active consumer until something happens on the queue).

Invalid x-single-active-consumer values and inequivalent redeclares are in
test_queue_arguments.
"""

import unittest

from support import BrokerTestCase, Collector, pump, settle

SAC = {"x-single-active-consumer": True}


class SingleActiveConsumer(BrokerTestCase):
    def consumers(self, conn, q, order, prefetch=None, auto_ack=True):
        """One channel per consumer, channels opened 0..n-1, subscribed in `order`."""
        chans = [conn.channel() for _ in order]
        collectors = [Collector(str(i)) for i in range(len(order))]
        tags = [None] * len(order)
        for i in order:
            if prefetch:
                chans[i].basic_qos(prefetch_count=prefetch)
            tags[i] = chans[i].basic_consume(q, collectors[i], auto_ack=auto_ack)
        return chans, collectors, tags

    def test_only_the_first_subscriber_receives(self):
        conn = self.connect()
        q = self.declare_queue(conn.channel(), "sac", arguments=SAC)
        chans, cs, _ = self.consumers(conn, q, [0, 1, 2])
        self.fill(q, [b"%d" % i for i in range(6)])
        pump([conn], lambda: len(cs[0].bodies) == 6)
        settle([conn], 0.1)
        self.assertEqual([c.bodies for c in cs], [[b"%d" % i for i in range(6)], [], []])

    def test_consumer_count_includes_inactive_consumers(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, "sac", arguments=SAC)
        self.consumers(conn, q, [0, 1, 2])
        ok = conn.channel().queue_declare(q, arguments=SAC)
        self.assertEqual((ok.method.message_count, ok.method.consumer_count), (0, 3))
        self.assertEqual(self.queue_counts(q), (0, 3))

    def test_blocked_active_consumer_is_not_bypassed(self):
        conn = self.connect()
        q = self.declare_queue(conn.channel(), "sac", arguments=SAC)
        chans, cs, _ = self.consumers(conn, q, [0, 1], prefetch=1, auto_ack=False)
        self.fill(q, [b"a", b"b", b"c"])
        pump([conn], lambda: cs[0].bodies)
        self.wait_counts(q, messages=2, consumers=2)
        settle([conn], 0.1)
        self.assertEqual((cs[0].bodies, cs[1].bodies), ([b"a"], []))
        chans[0].basic_ack(cs[0].deliveries[0].delivery_tag)
        pump([conn], lambda: len(cs[0].bodies) == 2)
        self.assertEqual((cs[0].bodies, cs[1].bodies), ([b"a", b"b"], []))

    def test_takeover_in_subscription_order(self):
        conn = self.connect()
        q = self.declare_queue(conn.channel(), "sac", arguments=SAC)
        chans, cs, tags = self.consumers(conn, q, [2, 0, 1])     # 2 is first, then 0, then 1
        self.fill(q, [b"m1"])
        pump([conn], lambda: cs[2].bodies)
        chans[2].basic_cancel(tags[2])
        self.wait_counts(q, consumers=2)
        self.fill(q, [b"m2"])
        pump([conn], lambda: cs[0].bodies)
        chans[0].close()                                         # channel closed: next one
        self.wait_counts(q, consumers=1)
        self.fill(q, [b"m3"])
        pump([conn], lambda: cs[1].bodies)
        settle([conn], 0.1)
        self.assertEqual([c.bodies for c in cs], [[b"m2"], [b"m3"], [b"m1"]])

    def test_unacked_messages_go_to_the_next_consumer(self):
        first = self.connect()
        q = self.declare_queue(first.channel(), "sac", arguments=SAC)
        ch0 = first.channel()
        ch0.basic_qos(prefetch_count=1)
        c0 = Collector("first")
        ch0.basic_consume(q, c0)
        rest = self.connect()
        _, cs, _ = self.consumers(rest, q, [0, 1], auto_ack=True)
        self.fill(q, [b"held", b"waiting"])
        pump([first], lambda: c0.bodies)
        self.assertEqual(c0.bodies, [b"held"])
        first.close()                                            # held is requeued
        pump([rest], lambda: len(cs[0].bodies) == 2)
        settle([rest], 0.1)
        self.assertEqual(cs[0].bodies, [b"held", b"waiting"])
        self.assertEqual([d.redelivered for d in cs[0].deliveries], [True, False])
        self.assertEqual(cs[1].bodies, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
