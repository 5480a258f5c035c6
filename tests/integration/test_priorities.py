"""Message priorities (x-max-priority) and consumer priorities (basic.consume x-priority).

Covers: a priority queue hands out higher priorities first, FIFO within one priority, to
basic.get and to a consumer subscribing after the messages were published; priorities
above x-max-priority count as the maximum (the property itself is delivered unchanged);
no priority counts as 0; requeued messages keep their priority order; x-max-priority 0 and
a queue without x-max-priority are plain FIFO. Consumer priorities: the highest-priority
consumer gets messages while it has prefetch capacity, lower ones only while it is blocked,
and it gets them again once it acks; negative priorities rank below the default 0; the 406
texts for an x-priority that is not an integer.

Invalid x-max-priority values at declare are in test_queue_arguments.
"""

import unittest

import pika

from support import BrokerTestCase, Collector, drain, pump, settle

V = "in vhost '/'"


def prio(p):
    return pika.BasicProperties(priority=p)


class MessagePriority(BrokerTestCase):
    def publish_each(self, q, pairs):
        ch = self.channel()
        ch.confirm_delivery()
        for body, p in pairs:
            ch.basic_publish("", q, body, prio(p))

    def test_get_order(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pri", arguments={"x-max-priority": 5})
        self.publish_each(q, [(b"p0", 0), (b"none", None), (b"p3", 3), (b"p9", 9), (b"p5", 5),
                              (b"p1", 1), (b"p3b", 3), (b"p255", 255)])
        self.assertEqual(self.queue_counts(q), (8, 0))
        got = drain(ch, q)
        # 9, 5 and 255 are all "5": FIFO among them; no priority is 0, after p0
        self.assertEqual([d.body for d in got],
                         [b"p9", b"p5", b"p255", b"p3", b"p3b", b"p1", b"p0", b"none"])
        self.assertEqual([d.properties.priority for d in got], [9, 5, 255, 3, 3, 1, 0, None])

    def test_consumer_after_publishing(self):
        conn = self.connect()
        ch = conn.channel()
        q = self.declare_queue(ch, "pri", arguments={"x-max-priority": 10})
        self.publish_each(q, [(b"p0", 0), (b"p3", 3), (b"p9", 9), (b"p1", 1), (b"p9b", 9)])
        ch.basic_qos(prefetch_count=10)
        c = Collector()
        ch.basic_consume(q, c, auto_ack=True)
        pump([conn], lambda: len(c.bodies) == 5)
        self.assertEqual(c.bodies, [b"p9", b"p9b", b"p3", b"p1", b"p0"])

    def test_requeue_keeps_priority_order(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pri", arguments={"x-max-priority": 10})
        self.publish_each(q, [(b"lo", 1), (b"hi", 9), (b"mid", 5)])
        first = self.get(ch, q)
        second = self.get(ch, q)
        self.assertEqual((first.body, second.body), (b"hi", b"mid"))
        ch.basic_nack(second.delivery_tag, multiple=True, requeue=True)
        self.wait_counts(q, messages=3)
        self.assertEqual([d.body for d in drain(ch, q)], [b"hi", b"mid", b"lo"])

    def test_max_priority_zero_is_fifo(self):
        ch = self.channel()
        q = self.declare_queue(ch, "pri", arguments={"x-max-priority": 0})
        self.publish_each(q, [(b"a", 0), (b"b", 5), (b"c", None)])
        self.assertEqual([d.body for d in drain(ch, q)], [b"a", b"b", b"c"])

    def test_plain_queue_ignores_priority(self):
        ch = self.channel()
        q = self.declare_queue(ch, "fifo")
        self.publish_each(q, [(b"a", 0), (b"b", 9), (b"c", 5)])
        self.assertEqual([d.body for d in drain(ch, q)], [b"a", b"b", b"c"])


class ConsumerPriority(BrokerTestCase):
    def test_higher_priority_first_while_it_has_capacity(self):
        conn = self.connect()
        q = self.declare_queue(conn.channel(), "cp")
        lo_ch, hi_ch = conn.channel(), conn.channel()
        lo_ch.basic_qos(prefetch_count=10)
        hi_ch.basic_qos(prefetch_count=2)
        lo, hi = Collector("lo"), Collector("hi")
        lo_ch.basic_consume(q, lo, arguments={"x-priority": 1})     # subscribed first
        hi_ch.basic_consume(q, hi, arguments={"x-priority": 10})
        self.fill(q, [b"0", b"1", b"2", b"3", b"4"])
        pump([conn], lambda: len(lo.bodies) + len(hi.bodies) == 5)
        self.assertEqual((hi.bodies, lo.bodies), ([b"0", b"1"], [b"2", b"3", b"4"]))
        # room again: the high-priority consumer is served again
        hi_ch.basic_ack(hi.deliveries[-1].delivery_tag, multiple=True)
        self.fill(q, [b"5", b"6", b"7"])
        pump([conn], lambda: len(lo.bodies) + len(hi.bodies) == 8)
        self.assertEqual((hi.bodies[2:], lo.bodies[3:]), ([b"5", b"6"], [b"7"]))

    def test_negative_priority_below_default(self):
        conn = self.connect()
        q = self.declare_queue(conn.channel(), "cp")
        neg_ch, def_ch = conn.channel(), conn.channel()
        neg, default = Collector("neg"), Collector("default")
        neg_ch.basic_consume(q, neg, auto_ack=True, arguments={"x-priority": -5})
        def_ch.basic_consume(q, default, auto_ack=True)
        self.fill(q, [b"a", b"b", b"c"])
        pump([conn], lambda: len(default.bodies) == 3)
        settle([conn], 0.1)
        self.assertEqual(neg.bodies, [])

    def test_invalid_x_priority(self):
        q = self.declare_queue(self.channel(), "cp")
        for value, got in [("abc", "longstr"), (True, "bool")]:
            with self.subTest(value=value):
                with self.assertChannelClosed(406, "PRECONDITION_FAILED - invalid arg 'x-priority' "
                                              "for queue '%s' %s: \"expected integer, got %s\""
                                              % (q, V, got)):
                    self.channel().basic_consume(q, Collector(), arguments={"x-priority": value})


if __name__ == "__main__":
    unittest.main(verbosity=2)
