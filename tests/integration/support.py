"""Shared helpers for the integration tests.

The broker under test is given by the environment (run_suite.py sets it):
  AMQP_URL, AMQP_HOST, AMQP_PORT  where to connect
  WARREN_TEST_TARGET              "warren" or "rabbitmq" (for documented differences only)
A test module can also be run by hand against any running broker:
  AMQP_PORT=5672 /usr/bin/python3 -m unittest -v test_queues

Isolation: every test uses queue/exchange names from unique(), deletes what it declared
and closes every connection it opened (BrokerTestCase does the bookkeeping).
"""

import contextlib
import json
import os
import queue as queue_mod
import signal
import subprocess
import threading
import time
import unittest
import uuid

import pika
import pika.exceptions

import frames as F

HERE = os.path.dirname(os.path.abspath(__file__))
AMQP_HOST = os.environ.get("AMQP_HOST", "127.0.0.1")
AMQP_PORT = int(os.environ.get("AMQP_PORT", "5672"))
AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@%s:%d/%%2F" % (AMQP_HOST, AMQP_PORT))
TARGET = os.environ.get("WARREN_TEST_TARGET", "warren")
PYTHON = "/usr/bin/python3"   # Debian's, with python3-pika and python3-kombu
BROKER = None                 # run_suite.py sets its brokerctl object here (see restart_broker)

# RabbitMQ's defaults, announced in connection.tune
SERVER_FRAME_MAX = 131072
SERVER_CHANNEL_MAX = 2047
SERVER_HEARTBEAT = 60


def restart_broker():
    """Stops and starts the broker under test on the same port and data directory (for
    durability tests). Only possible under run_suite.py; elsewhere the test is skipped."""
    if BROKER is None:
        raise unittest.SkipTest("needs run_suite.py to restart the broker")
    BROKER.restart()


def unique(prefix="q"):
    """A name no other test (or earlier run against the same broker) uses."""
    return "it.%s.%s" % (prefix, uuid.uuid4().hex[:12])


def params(**kw):
    kw.setdefault("connection_attempts", 1)
    kw.setdefault("blocked_connection_timeout", 30)
    return pika.ConnectionParameters(host=AMQP_HOST, port=AMQP_PORT,
                                     credentials=pika.PlainCredentials("guest", "guest"), **kw)


def wait_until(predicate, timeout=5.0, interval=0.02, what="condition"):
    """Polls predicate() until it returns something truthy; fails the test after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(interval)


class Delivery:
    """One message as a consumer or basic.get saw it."""

    def __init__(self, method, properties, body):
        self.method, self.properties, self.body = method, properties, body

    @property
    def delivery_tag(self):
        return self.method.delivery_tag

    @property
    def redelivered(self):
        return self.method.redelivered

    def __repr__(self):
        return "Delivery(%r, tag=%s, redelivered=%s)" % (self.body, self.delivery_tag, self.redelivered)


class Collector:
    """A consumer callback that stores deliveries in arrival order."""

    def __init__(self, name=None):
        self.name = name
        self.deliveries = []

    def __call__(self, channel, method, properties, body):
        self.deliveries.append(Delivery(method, properties, body))

    @property
    def bodies(self):
        return [d.body for d in self.deliveries]


def pump(connections, until, timeout=5.0, what="deliveries"):
    """Runs the I/O of several BlockingConnections until until() is true."""
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))
        for c in connections:
            c.process_data_events(time_limit=0.01)


def settle(connections, seconds=0.3):
    """Lets in-flight frames arrive before asserting that nothing MORE was delivered.

    Only used after a positive sync point; the authoritative check is a queue count."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for c in connections:
            c.process_data_events(time_limit=0.02)


class BrokerTestCase(unittest.TestCase):
    """Opens connections, declares queues, and cleans both up after each test."""

    def setUp(self):
        self._connections = []
        self._queues = []
        self._exchanges = []
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        for c in self._connections:
            with contextlib.suppress(Exception):
                if c.is_open:
                    c.close()
        if self._queues or self._exchanges:
            with contextlib.suppress(Exception):
                c = pika.BlockingConnection(params())
                try:
                    for q in self._queues:
                        ch = c.channel()
                        with contextlib.suppress(Exception):
                            ch.queue_delete(q)
                    for x in self._exchanges:
                        ch = c.channel()
                        with contextlib.suppress(Exception):
                            ch.exchange_delete(x)
                finally:
                    c.close()

    # --- connections and names ---

    def connect(self, **kw):
        c = pika.BlockingConnection(params(**kw))
        self._connections.append(c)
        return c

    def channel(self, connection=None):
        return (connection or self.connect()).channel()

    def queue_name(self, prefix="q"):
        name = unique(prefix)
        self._queues.append(name)
        return name

    def exchange_name(self, prefix="x"):
        name = unique(prefix)
        self._exchanges.append(name)
        return name

    def declare_queue(self, channel, prefix="q", **kw):
        name = self.queue_name(prefix)
        channel.queue_declare(name, **kw)
        return name

    def spawn_consumer(self, queue, **kw):
        """A ConsumerProcess that is killed at the end of the test at the latest."""
        proc = ConsumerProcess(queue, **kw)
        self.addCleanup(proc.kill)
        return proc

    # --- observing the broker ---

    def queue_counts(self, name):
        """(message_count, consumer_count) from a passive declare on a fresh connection."""
        c = pika.BlockingConnection(params())
        try:
            ok = c.channel().queue_declare(name, passive=True)
            return ok.method.message_count, ok.method.consumer_count
        finally:
            c.close()

    def wait_counts(self, name, messages=None, consumers=None, timeout=5.0):
        """Polls the passive declare until both counts match (None: any)."""
        last = [None]

        def ok():
            last[0] = self.queue_counts(name)
            m, cns = last[0]
            return (messages is None or m == messages) and (consumers is None or cns == consumers)

        try:
            wait_until(ok, timeout, interval=0.05, what="queue %s counts" % name)
        except AssertionError:
            self.fail("queue %s: (messages, consumers) = %r, expected (%r, %r)"
                      % (name, last[0], messages, consumers))
        return last[0]

    def publish(self, channel, routing_key, bodies, exchange="", properties=None):
        for body in bodies:
            channel.basic_publish(exchange, routing_key, body, properties)

    def fill(self, queue, bodies, properties=None):
        """Publishes with publisher confirms so the messages are surely enqueued."""
        ch = self.channel()
        ch.confirm_delivery()
        self.publish(ch, queue, bodies, properties=properties)
        ch.connection.close()

    def get(self, channel, queue, auto_ack=False):
        method, props, body = channel.basic_get(queue, auto_ack=auto_ack)
        return None if method is None else Delivery(method, props, body)

    # --- errors ---

    @contextlib.contextmanager
    def assertChannelClosed(self, code, text=None):
        """The block must end with the broker closing the channel (soft error)."""
        with self.assertRaises(pika.exceptions.ChannelClosedByBroker) as cm:
            yield cm
        self.assertEqual(cm.exception.reply_code, code, cm.exception.reply_text)
        if text is not None:
            self.assertEqual(cm.exception.reply_text, text)

    @contextlib.contextmanager
    def assertConnectionClosed(self, code, text=None):
        """The block must end with the broker closing the connection (hard error)."""
        with self.assertRaises(pika.exceptions.ConnectionClosedByBroker) as cm:
            yield cm
        self.assertEqual(cm.exception.reply_code, code, cm.exception.reply_text)
        if text is not None:
            self.assertEqual(cm.exception.reply_text, text)


class ConsumerProcess:
    """A pika consumer in its own process (clients/pika_consumer.py), so it can be SIGKILLed.

    Each delivery it prints is a JSON line; next_delivery() returns them as dicts."""

    def __init__(self, queue, auto_ack=False, prefetch=0, name="consumer"):
        self.name = name
        cmd = [PYTHON, "-u", os.path.join(HERE, "clients", "pika_consumer.py"),
               "--host", AMQP_HOST, "--port", str(AMQP_PORT), "--queue", queue]
        if auto_ack:
            cmd.append("--auto-ack")
        if prefetch:
            cmd += ["--prefetch", str(prefetch)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue_mod.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def _next(self, timeout):
        try:
            item = self.lines.get(timeout=timeout)
        except queue_mod.Empty:
            raise AssertionError("%s: nothing within %.1f s" % (self.name, timeout))
        if item is None:
            raise AssertionError("%s exited: %s" % (self.name, self.proc.stderr.read().decode()))
        return item

    def wait_ready(self, timeout=10.0):
        item = self._next(timeout)
        assert item.get("event") == "consuming", item
        return item

    def next_delivery(self, timeout=5.0):
        item = self._next(timeout)
        assert item.get("event") == "delivery", item
        return item

    def kill(self):
        """SIGKILL: the client gets no chance to close anything; the kernel closes the socket."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.proc.stdout.close()
        self.proc.stderr.close()


def target_is_rabbitmq():
    return TARGET == "rabbitmq"


class WireTestCase(BrokerTestCase):
    """Raw-socket tests (frames.py). After every test the broker must still serve a new,
    well-behaved connection: handshake, channel, server-named queue, publish, get."""

    def setUp(self):
        super().setUp()
        self.addCleanup(self.assert_broker_serves)   # registered first: runs last

    def raw(self, handshake=True, channel=None, **kw):
        c = F.RawConnection(AMQP_PORT)
        self.addCleanup(c.close)
        if handshake:
            c.handshake(**kw)
        if channel is not None:
            c.open_channel(channel)
        return c

    def assert_broker_serves(self):
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake()
            c.open_channel(1)
            c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
            q = F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()
            c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                   + F.header_frame(1, 2) + F.body_frame(1, b"ok"))
            c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
            c.recv_method(F.BASIC_GET_OK)
            c.recv_frame()
            self.assertEqual(c.recv_frame().payload, b"ok")
            c.send(F.method_frame(0, F.CONNECTION_CLOSE, F.close_args()))
            c.recv_method(F.CONNECTION_CLOSE_OK)

    def assertHardError(self, c, code, text, class_id=0, method_id=0):
        """connection.close with exactly these fields, then the socket is closed."""
        self.assertEqual(c.expect_connection_close(), (code, text, class_id, method_id))

    def assertSoftError(self, c, channel, code, text, class_id=0, method_id=0):
        self.assertEqual(c.expect_channel_close(channel), (code, text, class_id, method_id))

    def assertSilentClose(self, c, timeout=10.0):
        """The broker closes the socket without sending anything more."""
        self.assertEqual(c.read_until_closed(timeout), b"")
