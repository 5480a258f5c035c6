"""amqp-tools (librabbitmq's command-line clients, Debian package amqp-tools) against the
broker: a C client with its own AMQP stack.

Covers: amqp-declare-queue (named, server-named, durable) prints the queue name;
amqp-publish with content type/encoding, reply-to, a header and persistent mode, checked
through pika; amqp-get prints a body and exits 2 on an empty queue, 1 on a missing queue
(with RabbitMQ's 404 text); amqp-consume -c N runs its command once per message, acks
exactly N and leaves the rest; amqp-consume -e/-r binds its own exclusive queue;
amqp-delete-queue prints the deleted message count.
"""

import subprocess
import unittest

import pika
import pika.exceptions

import support
from support import AMQP_HOST, AMQP_PORT, BrokerTestCase

CONN = ["--server", AMQP_HOST, "--port", str(AMQP_PORT)]


def tool(name, *args, timeout=20, input=None):
    """Runs an amqp-tools command; returns (exit code, stdout, stderr) as text."""
    res = subprocess.run([name] + CONN + list(args), capture_output=True, timeout=timeout,
                         input=input)
    return res.returncode, res.stdout.decode(), res.stderr.decode()


class AmqpTools(BrokerTestCase):
    def test_declare_publish_get_round_trip(self):
        q = self.queue_name("tools")
        self.assertEqual(tool("amqp-declare-queue", "-q", q), (0, q + "\n", ""))
        self.assertEqual(self.queue_counts(q), (0, 0))
        rc, _, err = tool("amqp-publish", "-r", q, "-b", "hello from amqp-tools")
        self.assertEqual(rc, 0, err)
        self.assertEqual(tool("amqp-get", "-q", q), (0, "hello from amqp-tools", ""))
        rc, out, _ = tool("amqp-get", "-q", q)
        self.assertEqual((rc, out), (2, ""))             # empty queue

    def test_server_named_and_durable_declare(self):
        rc, out, _ = tool("amqp-declare-queue", "-q", "")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^amq\.gen-[A-Za-z0-9_-]{22}\n$")
        self._queues.append(out.strip())
        q = self.queue_name("tools-durable")
        self.assertEqual(tool("amqp-declare-queue", "-d", "-q", q)[0], 0)
        with self.assertChannelClosed(406):
            self.channel().queue_declare(q, durable=False)

    def test_publish_properties(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        rc, _, err = tool("amqp-publish", "-r", q, "-b", "{}", "-C", "application/json",
                          "-E", "utf-8", "-t", "reply.here", "-H", "colour: blue", "-p")
        self.assertEqual(rc, 0, err)
        d = self.get(ch, q, auto_ack=True)
        p = d.properties
        self.assertEqual((d.body, p.content_type, p.content_encoding, p.reply_to, p.headers,
                          p.delivery_mode),
                         (b"{}", "application/json", "utf-8", "reply.here", {"colour": "blue"}, 2))

    def test_get_missing_queue(self):
        name = support.unique("missing")
        rc, out, err = tool("amqp-get", "-q", name)
        self.assertEqual(rc, 1)
        self.assertIn("404", err)
        self.assertIn("NOT_FOUND - no queue '%s' in vhost '/'" % name, err)

    def test_consume_count(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"m1", b"m2", b"m3", b"m4"])
        rc, out, err = tool("amqp-consume", "-q", q, "-c", "3", "--", "sh", "-c", "cat; echo")
        self.assertEqual((rc, out), (0, "m1\nm2\nm3\n"), err)
        self.wait_counts(q, messages=1, consumers=0)     # exactly three were acked
        rc, out, _ = tool("amqp-delete-queue", "-q", q)
        self.assertEqual((rc, out), (0, "1\n"))

    def test_consume_with_its_own_bound_queue(self):
        key = support.unique("toolkey")
        proc = subprocess.Popen(["amqp-consume"] + CONN + ["-e", "amq.direct", "-r", key,
                                                            "-x", "-c", "1", "cat"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        ch = self.channel()
        ch.confirm_delivery()

        def routed():            # amqp-consume has bound its queue once this stops bouncing
            try:
                ch.basic_publish("amq.direct", key, b"via amq.direct", mandatory=True)
                return True
            except pika.exceptions.UnroutableError:
                return False
        support.wait_until(routed, timeout=10, interval=0.05, what="amqp-consume's binding")
        out, err = proc.communicate(timeout=10)
        self.assertEqual((proc.returncode, out), (0, b"via amq.direct"), err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
