"""basic.qos prefetch limits, with RabbitMQ's reading of the `global` flag:

  global=False -> the limit applies to EACH consumer created afterwards on the channel;
  global=True  -> one limit shared by all consumers on the channel;
  both may be set at once (per-consumer first, then global) and are then both enforced,
  but a later global=False qos clears the global limit (a RabbitMQ quirk, tested);
  prefetch_count=0 means no limit; basic.get ignores prefetch.
(The 0-9-1 spec says global=False is per channel and True per connection; RabbitMQ
deliberately reinterprets it, and clients rely on RabbitMQ's meaning.)

Counting method: after the expected deliveries arrived, the queue's ready count
(passive declare) proves no more left the queue.
"""

import unittest

from support import BrokerTestCase, Collector, pump, settle


class Prefetch(BrokerTestCase):
    def _filled_queues(self, n, messages):
        ch = self.channel()
        names = [self.declare_queue(ch) for _ in range(n)]
        for q in names:
            self.fill(q, [b"%d" % i for i in range(messages)])
        return names

    def _consume(self, ch, queues):
        collectors = []
        for q in queues:
            got = Collector(q)
            ch.basic_consume(q, got)
            collectors.append(got)
        return collectors

    def test_per_consumer_limit(self):
        qa, qb = self._filled_queues(2, 5)
        ch = self.channel()
        ch.basic_qos(prefetch_count=2)               # global=False
        a, b = self._consume(ch, [qa, qb])
        pump([ch.connection], lambda: len(a.deliveries) == 2 and len(b.deliveries) == 2)
        settle([ch.connection])
        self.assertEqual((len(a.deliveries), len(b.deliveries)), (2, 2))
        self.assertEqual(self.queue_counts(qa), (3, 1))
        self.assertEqual(self.queue_counts(qb), (3, 1))
        ch.basic_ack(a.deliveries[0].delivery_tag)   # frees one slot of consumer a only
        pump([ch.connection], lambda: len(a.deliveries) == 3)
        settle([ch.connection])
        self.assertEqual((len(a.deliveries), len(b.deliveries)), (3, 2))
        self.assertEqual(self.queue_counts(qa), (2, 1))

    def test_global_limit_is_shared_by_the_channel(self):
        qa, qb = self._filled_queues(2, 5)
        ch = self.channel()
        ch.basic_qos(prefetch_count=2, global_qos=True)
        a, b = self._consume(ch, [qa, qb])
        pump([ch.connection], lambda: len(a.deliveries) + len(b.deliveries) == 2)
        settle([ch.connection])
        self.assertEqual(len(a.deliveries) + len(b.deliveries), 2)
        ready = self.queue_counts(qa)[0] + self.queue_counts(qb)[0]
        self.assertEqual(ready, 8)
        first = (a.deliveries + b.deliveries)[0]
        ch.basic_ack(first.delivery_tag)
        pump([ch.connection], lambda: len(a.deliveries) + len(b.deliveries) == 3)
        settle([ch.connection])
        self.assertEqual(len(a.deliveries) + len(b.deliveries), 3)

    def _limits_seen(self, qos_calls):
        """Four queues with 3 messages, one consumer each on a channel set up by qos_calls."""
        queues = self._filled_queues(4, 3)
        ch = self.channel()
        for count, global_qos in qos_calls:
            ch.basic_qos(prefetch_count=count, global_qos=global_qos)
        collectors = self._consume(ch, queues)
        return ch, queues, collectors

    def test_per_consumer_then_global_both_apply(self):
        # RabbitMQ's documented combination: per-consumer first, then the channel-wide one
        ch, queues, collectors = self._limits_seen([(1, False), (3, True)])
        pump([ch.connection], lambda: sum(len(c.deliveries) for c in collectors) == 3)
        settle([ch.connection])
        counts = [len(c.deliveries) for c in collectors]
        self.assertEqual(sorted(counts), [0, 1, 1, 1])
        self.assertEqual(sum(self.queue_counts(q)[0] for q in queues), 9)

    def test_per_consumer_qos_clears_an_earlier_global_limit(self):
        # RabbitMQ quirk (rabbit_channel: basic.qos global=false calls unlimit_prefetch):
        # a later global=False qos removes the channel-wide limit set before it.
        ch, queues, collectors = self._limits_seen([(3, True), (1, False)])
        pump([ch.connection], lambda: sum(len(c.deliveries) for c in collectors) == 4)
        settle([ch.connection])
        self.assertEqual([len(c.deliveries) for c in collectors], [1, 1, 1, 1])
        self.assertEqual(sum(self.queue_counts(q)[0] for q in queues), 8)

    def test_zero_means_unlimited(self):
        (q,) = self._filled_queues(1, 20)
        ch = self.channel()
        ch.basic_qos(prefetch_count=0)
        (got,) = self._consume(ch, [q])
        pump([ch.connection], lambda: len(got.deliveries) == 20)
        self.assertEqual(self.queue_counts(q), (0, 1))

    def test_per_consumer_limit_applies_to_consumers_created_after_it(self):
        qa, qb = self._filled_queues(2, 4)
        ch = self.channel()
        (a,) = self._consume(ch, [qa])                # no limit yet: takes all 4
        pump([ch.connection], lambda: len(a.deliveries) == 4)
        ch.basic_qos(prefetch_count=1)
        (b,) = self._consume(ch, [qb])
        pump([ch.connection], lambda: len(b.deliveries) == 1)
        settle([ch.connection])
        self.assertEqual(len(b.deliveries), 1)
        self.assertEqual(self.queue_counts(qb), (3, 1))
        self.fill(qa, [b"more"])                      # the older consumer stays unlimited
        pump([ch.connection], lambda: len(a.deliveries) == 5)

    def test_basic_get_ignores_prefetch(self):
        (q,) = self._filled_queues(1, 3)
        ch = self.channel()
        ch.basic_qos(prefetch_count=1, global_qos=True)
        ch.basic_qos(prefetch_count=1)
        got = [self.get(ch, q) for _ in range(3)]
        self.assertTrue(all(d is not None for d in got))


if __name__ == "__main__":
    unittest.main(verbosity=2)
