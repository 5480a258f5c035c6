"""Direct reply-to: the amq.rabbitmq.reply-to pseudo-queue for RPC without a reply queue.

Covers: an RPC client consuming from amq.rabbitmq.reply-to in no-ack mode, then publishing
with reply_to="amq.rabbitmq.reply-to": the server sees reply_to rewritten to
amq.rabbitmq.reply-to.<opaque> (the same for every request of that channel, different per
channel; also inside a transaction); a reply published to that name on the default exchange
reaches the client (exchange "", routing key = the full name, the client's consumer tag,
properties kept, not redelivered); replies are routed only to their own channel; a mandatory
reply is delivered AND returned 312 NO_ROUTE (RabbitMQ routes replies outside the queue
list); reply_to values that are not exactly "amq.rabbitmq.reply-to" pass unchanged;
consuming with no_ack=False -> 406; a second reply consumer on the channel -> 406;
publishing with reply_to=amq.rabbitmq.reply-to without a reply consumer on that channel
(none yet, another channel has it, cancelled) -> 406; declare (passive or not) of the
pseudo-queue -> declare-ok (message_count 0, consumer_count 1); passive declare of a live
reply name -> ok, of a gone or bogus one -> 404; basic.get / queue.bind / queue.purge of it ->
404, queue.delete -> ok; consuming from a reply name -> 404; publishing to the bare
pseudo-queue name or a bogus reply name is unroutable; a reply to a client that has gone is
dropped silently (or returned when mandatory). A reply from another virtual host:
run_vhosts.py (this suite's broker has one).
"""

import unittest

import pika
import pika.exceptions

from support import BrokerTestCase, Collector, pump, publish_outcome, settle, wait_until

RT = "amq.rabbitmq.reply-to"
NO_CONSUMER = "PRECONDITION_FAILED - fast reply consumer does not exist"


def no_queue(name):
    return "NOT_FOUND - no queue '%s' in vhost '/'" % name


class DirectReplyTo(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.server_conn = self.connect()
        self.server = self.server_conn.channel()
        self.server.confirm_delivery()
        self.rpc_queue = self.declare_queue(self.server)

    def client(self, connection=None):
        """A channel consuming from the pseudo-queue; returns (channel, Collector, tag)."""
        ch = self.channel(connection)
        got = Collector()
        tag = ch.basic_consume(RT, got, auto_ack=True)
        return ch, got, tag

    def request(self, ch, body=b"request", correlation_id="c-1"):
        ch.basic_publish("", self.rpc_queue, body,
                         pika.BasicProperties(reply_to=RT, correlation_id=correlation_id))
        return self.server_get()

    def server_get(self):
        d = wait_until(lambda: self.get(self.server, self.rpc_queue, auto_ack=True),
                       what="the request")
        return d

    def test_rpc_round_trip(self):
        ch, got, tag = self.client()
        req = self.request(ch, b"2+2?", "c-1")
        reply_to = req.properties.reply_to
        self.assertTrue(reply_to.startswith(RT + "."), reply_to)
        self.assertGreater(len(reply_to), len(RT) + 1)
        self.assertEqual(req.properties.correlation_id, "c-1")
        self.assertEqual(self.request(ch, b"again", "c-2").properties.reply_to, reply_to)

        props = pika.BasicProperties(correlation_id="c-1", content_type="text/plain",
                                     headers={"h": 1})
        self.assertEqual(publish_outcome(self.server, "", reply_to, b"4", props), "acked")
        pump([ch.connection], lambda: got.deliveries, what="the reply")
        d, = got.deliveries
        self.assertEqual((d.body, d.method.exchange, d.method.routing_key, d.method.consumer_tag,
                          d.redelivered),
                         (b"4", "", reply_to, tag, False))
        self.assertEqual((d.properties.correlation_id, d.properties.content_type,
                          d.properties.headers), ("c-1", "text/plain", {"h": 1}))

    def test_each_channel_has_its_own_name(self):
        conn = self.connect()
        (ch1, got1, _), (ch2, got2, _) = self.client(conn), self.client(conn)
        name1 = self.request(ch1).properties.reply_to
        name2 = self.request(ch2).properties.reply_to
        self.assertNotEqual(name1, name2)
        publish_outcome(self.server, "", name2, b"for two")
        pump([conn], lambda: got2.deliveries)
        settle([conn])
        self.assertEqual((got1.bodies, got2.bodies), ([], [b"for two"]))

    def test_rewritten_inside_a_transaction(self):
        ch, got, _ = self.client()
        ch.tx_select()
        ch.basic_publish("", self.rpc_queue, b"tx", pika.BasicProperties(reply_to=RT))
        ch.tx_commit()
        self.assertTrue(self.server_get().properties.reply_to.startswith(RT + "."))

    def test_mandatory_reply_is_delivered_and_returned(self):
        ch, got, _ = self.client()
        name = self.request(ch).properties.reply_to
        self.assertEqual(publish_outcome(self.server, "", name, b"both", mandatory=True),
                         "returned")
        pump([ch.connection], lambda: got.deliveries)
        self.assertEqual(got.bodies, [b"both"])

    def test_other_reply_to_values_pass_unchanged(self):
        ch = self.channel()                    # no reply consumer needed for these
        for value in (RT + ".mine", RT + "x", "amq.rabbitmq.reply"):
            with self.subTest(value=value):
                ch.basic_publish("", self.rpc_queue, b"r", pika.BasicProperties(reply_to=value))
                self.assertEqual(self.server_get().properties.reply_to, value)

    def test_consume_with_acks_is_refused(self):
        ch = self.channel()
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - reply consumer cannot "
                                      "acknowledge"):
            ch.basic_consume(RT, Collector(), auto_ack=False)

    def test_second_reply_consumer_on_a_channel(self):
        ch, _, _ = self.client()
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - reply consumer already set"):
            ch.basic_consume(RT, Collector(), auto_ack=True)

    def test_publish_with_reply_to_without_consumer(self):
        ch = self.channel()
        ch.basic_publish("", self.rpc_queue, b"r", pika.BasicProperties(reply_to=RT))
        with self.assertChannelClosed(406, NO_CONSUMER):
            ch.basic_qos(prefetch_count=0)
        self.assertEqual(self.queue_counts(self.rpc_queue), (0, 0))

    def test_reply_consumer_on_another_channel_does_not_count(self):
        conn = self.connect()
        self.client(conn)
        other = conn.channel()
        with self.assertChannelClosed(406, NO_CONSUMER):
            other.basic_publish("", self.rpc_queue, b"r", pika.BasicProperties(reply_to=RT))
            other.basic_qos(prefetch_count=0)
        self.assertTrue(conn.is_open)

    def test_publish_after_cancel(self):
        ch, _, tag = self.client()
        ch.basic_cancel(tag)
        with self.assertChannelClosed(406, NO_CONSUMER):
            ch.basic_publish("", self.rpc_queue, b"r", pika.BasicProperties(reply_to=RT))
            ch.basic_qos(prefetch_count=0)

    def test_declare_pseudo_queue(self):
        ch = self.channel()                       # no reply consumer anywhere needed
        for passive in (True, False):
            ok = ch.queue_declare(RT, passive=passive).method
            self.assertEqual((ok.queue, ok.message_count, ok.consumer_count), (RT, 0, 1))

    def test_passive_declare_of_reply_names(self):
        client_conn = self.connect()
        ch, _, _ = self.client(client_conn)
        name = self.request(ch).properties.reply_to
        ok = self.server.queue_declare(name, passive=True).method
        self.assertEqual((ok.queue, ok.message_count, ok.consumer_count), (name, 0, 1))
        for bogus in (RT + ".bogus", RT + ".", RT + "x"):
            with self.subTest(name=bogus):
                with self.assertChannelClosed(404, no_queue(bogus)):
                    self.channel().queue_declare(bogus, passive=True)
        client_conn.close()
        wait_until(lambda: self.passive_declare_fails(name) == (404, no_queue(name)),
                   what="the reply name to disappear")

    def passive_declare_fails(self, name):
        ch = self.channel()
        try:
            ch.queue_declare(name, passive=True)
            return None
        except pika.exceptions.ChannelClosedByBroker as e:
            return e.reply_code, e.reply_text

    def test_other_queue_operations_on_the_pseudo_queue(self):
        ops = {"get": lambda ch: ch.basic_get(RT, auto_ack=True),
               "bind": lambda ch: ch.queue_bind(RT, "amq.direct", routing_key="k"),
               "purge": lambda ch: ch.queue_purge(RT)}
        for op, call in ops.items():
            with self.subTest(op=op):
                ch = self.channel()
                with self.assertChannelClosed(404, no_queue(RT)):
                    call(ch)
        self.assertEqual(self.channel().queue_delete(RT).method.message_count, 0)
        ch = self.channel()
        with self.assertChannelClosed(404, no_queue(RT + ".abc")):
            ch.basic_consume(RT + ".abc", Collector(), auto_ack=True)

    def test_publishing_to_the_bare_or_bogus_names(self):
        ch, got, _ = self.client()
        for name in (RT, RT + ".bogus"):
            with self.subTest(name=name):
                self.assertEqual(publish_outcome(self.server, "", name, b"x", mandatory=True),
                                 "returned")
                self.assertEqual(publish_outcome(self.server, "", name, b"x"), "acked")
        settle([ch.connection])
        self.assertEqual(got.bodies, [])

    def test_reply_to_a_client_that_has_gone(self):
        client_conn = self.connect()
        ch, _, _ = self.client(client_conn)
        name = self.request(ch).properties.reply_to
        client_conn.close()
        self.assertEqual(publish_outcome(self.server, "", name, b"late"), "acked")
        self.assertEqual(publish_outcome(self.server, "", name, b"late", mandatory=True),
                         "returned")
        self.assertTrue(self.server.is_open)
        self.assertEqual(self.queue_counts(self.rpc_queue), (0, 0))


if __name__ == "__main__":
    unittest.main(verbosity=2)
