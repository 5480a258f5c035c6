"""kombu (Debian's python3-kombu on the py-amqp transport) against the broker: the
messaging layer Celery uses, with its own AMQP stack (not pika).

Covers: SimpleQueue put/get (JSON serialisation, the durable direct exchange and queue it
declares), get on an empty SimpleQueue raises Empty, message ack/requeue; a Producer and a
Consumer on a direct exchange with two routing keys (each queue gets only its key,
properties and headers survive); a Consumer on a topic exchange (kombu.Exchange(type='topic'))
with one queue bound 'a.*.c' and one bound 'a.#', driven by Connection.drain_events: which
routing keys reach which queue ('#' matches zero words, '*' exactly one, possibly empty);
kombu's passive declare of a missing queue -> 404.
"""

import queue as queue_mod
import unittest

import amqp.exceptions
import kombu

import support
from support import AMQP_HOST, AMQP_PORT, BrokerTestCase

URL = "amqp://guest:guest@%s:%d//" % (AMQP_HOST, AMQP_PORT)


class KombuTestCase(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.kconn = kombu.Connection(URL, connect_timeout=10)
        self.addCleanup(self.kconn.release)

    def own_exchange(self, name):
        self.addCleanup(self._delete_exchange, name)

    def _delete_exchange(self, name):
        with kombu.Connection(URL) as c:
            c.default_channel.exchange_delete(name)


class SimpleQueue(KombuTestCase):
    def test_put_and_get(self):
        name = self.queue_name("kombu")
        self.own_exchange(name)         # SimpleQueue declares an exchange of the same name
        sq = self.kconn.SimpleQueue(name)
        self.addCleanup(sq.close)
        sq.put({"hello": "world", "n": [1, 2, 3]})
        sq.put("second")
        msg = sq.get(block=True, timeout=5)
        self.assertEqual(msg.payload, {"hello": "world", "n": [1, 2, 3]})
        self.assertEqual(msg.content_type, "application/json")
        msg.ack()
        msg = sq.get(block=True, timeout=5)
        self.assertEqual(msg.payload, "second")
        msg.requeue()
        again = sq.get(block=True, timeout=5)
        self.assertEqual(again.payload, "second")
        self.assertTrue(again.delivery_info["redelivered"])
        again.ack()
        with self.assertRaises(queue_mod.Empty):
            sq.get(block=True, timeout=0.5)
        self.assertEqual(self.queue_counts(name)[0], 0)

    def test_get_nowait_on_empty_queue(self):
        name = self.queue_name("kombu")
        self.own_exchange(name)
        sq = self.kconn.SimpleQueue(name)
        self.addCleanup(sq.close)
        with self.assertRaises(queue_mod.Empty):
            sq.get_nowait()


class ProducerConsumer(KombuTestCase):
    def test_direct_exchange_routing(self):
        xname = self.exchange_name("kombu-x")
        exchange = kombu.Exchange(xname, type="direct", durable=False, auto_delete=False)
        qa = kombu.Queue(self.queue_name("kombu-a"), exchange, routing_key="a", durable=False)
        qb = kombu.Queue(self.queue_name("kombu-b"), exchange, routing_key="b", durable=False)
        received = {"a": [], "b": []}

        def on_a(body, message):
            received["a"].append((body, message.headers, message.properties.get("priority")))
            message.ack()

        def on_b(body, message):
            received["b"].append((body, message.headers, message.properties.get("priority")))
            message.ack()

        with self.kconn.channel() as ch:
            producer = kombu.Producer(ch, exchange=exchange)
            with kombu.Consumer(ch, queues=[qa], callbacks=[on_a]), \
                    kombu.Consumer(ch, queues=[qb], callbacks=[on_b]):
                for i in range(3):
                    producer.publish({"i": i}, routing_key="a", headers={"seq": i}, priority=3,
                                     declare=[exchange], serializer="json")
                producer.publish("for b", routing_key="b", headers={"seq": 99})
                producer.publish("for nobody", routing_key="c")
                support.wait_until(lambda: self._drain() or (len(received["a"]) == 3
                                                             and len(received["b"]) == 1),
                                   timeout=10, interval=0, what="kombu deliveries")
        self.assertEqual(received["a"], [({"i": i}, {"seq": i}, 3) for i in range(3)])
        self.assertEqual(received["b"], [("for b", {"seq": 99}, 0)])   # kombu sends priority 0

    def test_topic_exchange_patterns(self):
        xname = self.exchange_name("kombu-topic")
        exchange = kombu.Exchange(xname, type="topic", durable=False, auto_delete=False)
        star = kombu.Queue(self.queue_name("kombu-star"), exchange, routing_key="a.*.c", durable=False)
        hash_ = kombu.Queue(self.queue_name("kombu-hash"), exchange, routing_key="a.#", durable=False)
        keys = {   # routing key -> (reaches 'a.*.c', reaches 'a.#')
            "a.b.c": (True, True),
            "a.c": (False, True),
            "a": (False, True),            # '#' matches zero words
            "a.b.b.c": (False, True),
            "a.b.c.d": (False, True),
            "a..c": (True, True),          # '*' matches the empty word
            "b.a.c": (False, False),
            "ab.c": (False, False),
            "A.b.c": (False, False),       # case-sensitive
        }
        received = {"star": [], "hash": []}

        def on(name):
            def callback(body, message):
                received[name].append((message.delivery_info["routing_key"], body))
                message.ack()
            return callback

        with self.kconn.channel() as ch:
            producer = kombu.Producer(ch, exchange=exchange)
            with kombu.Consumer(ch, queues=[star], callbacks=[on("star")]), \
                    kombu.Consumer(ch, queues=[hash_], callbacks=[on("hash")]):
                for key in keys:
                    producer.publish({"key": key}, routing_key=key, declare=[exchange])
                producer.publish("last", routing_key="a.last.c")   # both queues, after the rest
                support.wait_until(
                    lambda: self._drain() or all(r and r[-1] == ("a.last.c", "last")
                                                 for r in received.values()),
                    timeout=10, interval=0, what="kombu deliveries")
        self.assertEqual(received["star"], [(k, {"key": k}) for k, (s, _) in keys.items() if s]
                         + [("a.last.c", "last")])
        self.assertEqual(received["hash"], [(k, {"key": k}) for k, (_, h) in keys.items() if h]
                         + [("a.last.c", "last")])
        self.assertEqual(self.queue_counts(star.name), (0, 0))
        self.assertEqual(self.queue_counts(hash_.name), (0, 0))

    def _drain(self):
        try:
            self.kconn.drain_events(timeout=0.1)
        except TimeoutError:
            pass
        return False

    def test_passive_declare_of_missing_queue(self):
        name = support.unique("missing")
        with self.kconn.channel() as ch:
            with self.assertRaises(amqp.exceptions.NotFound) as cm:
                ch.queue_declare(name, passive=True)
        self.assertEqual(cm.exception.reply_text, "NOT_FOUND - no queue '%s' in vhost '/'" % name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
