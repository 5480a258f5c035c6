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

    def start_consumer_thread(self, setup, name="consumer-thread", timeout=10.0):
        """A ConsumerThread, started and ready (setup done); stopped at the end of the test
        at the latest."""
        thread = ConsumerThread(setup, name=name)
        self.addCleanup(thread.stop, raise_error=False)
        return thread.start_ready(timeout)

    def spawn_process(self, cmd, name, **kw):
        """A ChildProcess, SIGKILLed at the end of the test if it is still running then."""
        proc = ChildProcess(cmd, name, **kw)
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


class ConsumerThread(threading.Thread):
    """A consumer with its own BlockingConnection in a thread of the test process: a
    tutorial's worker or RPC server running next to the code under test.

    setup(channel) runs in the thread: it declares, sets qos and calls basic_consume. The
    thread then runs start_consuming() until stop(). An exception in the thread (in setup or
    in a callback) ends it and is re-raised by start_ready() or stop()."""

    def __init__(self, setup, name="consumer-thread"):
        super().__init__(name=name, daemon=True)
        self._setup = setup
        self.ready = threading.Event()
        self.error = None
        self.connection = None
        self.channel = None

    def run(self):
        try:
            self.connection = pika.BlockingConnection(params())
            self.channel = self.connection.channel()
            self._setup(self.channel)
            self.ready.set()
            self.channel.start_consuming()
        except BaseException as e:   # reported to the test by start_ready()/stop()
            self.error = e
        finally:
            self.ready.set()
            with contextlib.suppress(Exception):
                if self.connection is not None and self.connection.is_open:
                    self.connection.close()

    def _raise(self):
        error, self.error = self.error, None
        if error is not None:
            raise AssertionError("%s failed: %r" % (self.name, error)) from error

    def start_ready(self, timeout=10.0):
        self.start()
        if not self.ready.wait(timeout):
            raise AssertionError("%s: not consuming within %.1f s" % (self.name, timeout))
        self._raise()
        return self

    def stop(self, timeout=10.0, raise_error=True):
        if self.is_alive() and self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.add_callback_threadsafe(self.channel.stop_consuming)
        if self.ident is not None:
            self.join(timeout)
            if self.is_alive():
                raise AssertionError("%s did not stop within %.1f s" % (self.name, timeout))
        if raise_error:
            self._raise()


class ChildProcess:
    """Another client program (a Celery worker, a tutorial script) as a subprocess. Its
    stdout and stderr are merged and read line by line in a thread; wait_for_line() is the
    sync point ("ready" lines), terminate() the clean stop (SIGTERM, then wait)."""

    def __init__(self, cmd, name, env=None, cwd=None):
        self.name = name
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        self.lines = []
        self._changed = threading.Condition()
        self._eof = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            with self._changed:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._eof = True
            self._changed.notify_all()

    @property
    def output(self):
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_line(self, text, timeout=10.0):
        """The first output line containing text; fails if the process exits or the time runs
        out first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if text in line:
                        return line
                if self._eof:
                    self.proc.wait(5)
                    raise AssertionError("%s exited (%s) before printing %r:\n%s"
                                         % (self.name, self.proc.returncode, text, self.output))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("%s printed no %r within %.1f s:\n%s"
                                         % (self.name, text, timeout, "\n".join(self.lines)))
                self._changed.wait(left)

    def terminate(self, timeout=10.0):
        """SIGTERM and wait; returns the exit status. Fails if it is still running after
        timeout (it is then SIGKILLed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("%s did not exit within %.1f s of SIGTERM:\n%s"
                                 % (self.name, timeout, self.output))
        self._reader.join(5)
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self._reader.join(5)
        self.proc.stdout.close()


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


# --- routing helpers (test_exchange_features, test_exchange_bindings, test_transactions,
#     test_direct_reply_to) ---------------------------------------------------------------

import struct as _struct   # noqa: E402


def drain(channel, queue, limit=1000):
    """Every message basic.get (no-ack) still finds in queue, as Deliveries, in order."""
    out = []
    while len(out) < limit:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            break
        out.append(Delivery(method, props, body))
    return out


def drain_bodies(channel, queue):
    return [d.body for d in drain(channel, queue)]


def publish_outcome(channel, exchange, routing_key, body, properties=None, mandatory=False):
    """Publishes on a channel in confirm mode (pika's confirm_delivery) and tells what the
    broker answered: "acked", "returned" (basic.return, then ack) or "nacked"."""
    try:
        channel.basic_publish(exchange, routing_key, body, properties, mandatory=mandatory)
    except pika.exceptions.UnroutableError:
        return "returned"
    except pika.exceptions.NackError:
        return "nacked"
    return "acked"


_FIELD_FORMATS = {"t": ">B", "b": ">b", "B": ">B", "s": ">h", "u": ">H", "I": ">i", "i": ">I",
                  "l": ">q", "f": ">f", "d": ">d", "T": ">Q"}


def field(kind, value=None):
    """One typed field-table value for frames.table(): field("b", 1) is a signed octet,
    "B" unsigned octet, "s"/"u" (un)signed short, "I"/"i" (un)signed long, "l" long long,
    "f"/"d" float/double, "T" timestamp, "t" boolean, "S" longstr, "x" byte array, "V" void.
    pika always sends ints as "I"/"l"; this is for the other widths."""
    if kind in _FIELD_FORMATS:
        return (kind, _struct.pack(_FIELD_FORMATS[kind], int(value) if kind == "t" else value))
    if kind in ("S", "x"):
        return (kind, F.longstr(value))
    if kind == "V":
        return ("V", b"")
    raise ValueError("field kind %r" % kind)


QUEUE_BIND, QUEUE_BIND_OK = (50, 20), (50, 21)
CONFIRM_SELECT, CONFIRM_SELECT_OK = (85, 10), (85, 11)
BASIC_ACK_METHOD = (60, 80)
HEADERS_FLAG = 0x2000   # basic properties: the headers bit


class RawPublisher:
    """A raw connection with channel 1 in confirm mode, for tables pika cannot encode
    (integer widths, floats, timestamps). Use as a context manager."""

    def __init__(self):
        self.c = F.RawConnection(AMQP_PORT)
        self.c.handshake()
        self.c.open_channel(1)
        self.c.send(F.method_frame(1, CONFIRM_SELECT, F.bits(False)))
        self.c.recv_method(CONFIRM_SELECT_OK)
        self.published = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        with contextlib.suppress(Exception):
            self.c.send(F.method_frame(0, F.CONNECTION_CLOSE, F.close_args()))
            self.c.recv_method(F.CONNECTION_CLOSE_OK, timeout=2)
        self.c.close()

    def queue_bind(self, queue, exchange, routing_key="", arguments=None):
        """arguments: {name: field(...)}. Returns None on bind-ok, else the channel.close
        fields (code, text, class, method), after which the publisher is unusable."""
        self.c.send(F.method_frame(1, QUEUE_BIND, F.short(0) + F.shortstr(queue)
                                   + F.shortstr(exchange) + F.shortstr(routing_key)
                                   + F.bits(False) + F.table(arguments)))
        f = self.c.recv_method()
        if f.method == QUEUE_BIND_OK:
            return None
        assert f.method == F.CHANNEL_CLOSE, f
        self.c.send(F.method_frame(1, F.CHANNEL_CLOSE_OK))
        return F.parse_close(f)

    def publish(self, exchange, routing_key, body, headers=None):
        """headers: {name: field(...)} or None for no headers property."""
        flags, props = (0, b"") if headers is None else (HEADERS_FLAG, F.table(headers))
        self.c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args(exchange, routing_key))
                    + F.header_frame(1, len(body), flags=flags, props=props)
                    + F.body_frame(1, body))
        self.published += 1

    def wait_confirms(self, timeout=5.0):
        """Reads basic.acks until every publish so far is confirmed (routed and enqueued)."""
        acked = 0
        while acked < self.published:
            f = self.c.recv_method(timeout=timeout)
            assert f.method == BASIC_ACK_METHOD, f
            r = F.Reader(f.payload, 4)
            acked = max(acked, r.longlong())   # single or multiple: all up to it are in


# --- queue arguments (test_queue_arguments, test_ttl, test_dead_lettering, test_queue_limits,
#     test_priorities, test_single_active_consumer, test_quorum) ----------------------------

import struct as _qa_struct   # noqa: E402

_QA_FIXED = {"t": ">B", "b": ">b", "B": ">B", "s": ">h", "u": ">H", "I": ">i", "i": ">I",
             "l": ">q", "f": ">f", "d": ">d", "T": ">Q"}

def declare_outcome(arguments=None, name=None, **flags):
    """queue.declare on a fresh connection: None when declare-ok came back (the queue is
    deleted again), else (reply_code, reply_text) of the channel.close. flags: durable,
    exclusive, auto_delete, passive. A hard error (connection.close) is raised as is."""
    name = name or unique("decl")
    c = pika.BlockingConnection(params())
    try:
        ch = c.channel()
        try:
            ch.queue_declare(name, arguments=arguments, **flags)
        except pika.exceptions.ChannelClosedByBroker as e:
            return (e.reply_code, e.reply_text)
        with contextlib.suppress(Exception):
            c.channel().queue_delete(name)
        return None
    finally:
        with contextlib.suppress(Exception):
            if c.is_open:
                c.close()


def wait_get(channel, queue, timeout=5.0, auto_ack=True):
    """Polls basic.get until a message arrives (e.g. a dead-lettered one); a Delivery."""
    found = []

    def got():
        method, props, body = channel.basic_get(queue, auto_ack=auto_ack)
        if method is not None:
            found.append(Delivery(method, props, body))
        return found
    wait_until(got, timeout, what="a message in %s" % queue)
    return found[0]


def queue_routable(confirm_channel, queue):
    """Whether the default exchange still routes to queue, found out WITHOUT touching the
    queue the way passive declare or basic.get do (both restart an x-expires timer): a
    mandatory publish on a channel in confirm mode; basic.return = no such queue. The probe
    message stays in the queue if it exists."""
    return publish_outcome(confirm_channel, "", queue, b"probe", mandatory=True) != "returned"


def _typed_value(r):
    kind = chr(r.octet())
    if kind in _QA_FIXED:
        v = r._take(_QA_FIXED[kind])
        return (kind, bool(v) if kind == "t" else v)
    if kind in ("S", "x"):
        return (kind, r.longstr())
    if kind == "F":
        return (kind, typed_table(r.table_raw()))
    if kind == "A":
        data, items = r.table_raw(), []
        ar = F.Reader(data)
        while ar.pos < len(data):
            items.append(_typed_value(ar))
        return (kind, items)
    if kind == "D":
        scale = r.octet()
        return (kind, (scale, r._take(">i")))
    if kind == "V":
        return (kind, None)
    raise ValueError("unknown field type %r" % kind)


def typed_table(data):
    """A field table's bytes (no length prefix) -> {name: (type_char, value)}, nested tables
    and arrays typed too; strings stay bytes. Tells "l" (long long) from "I" etc., which
    pika's decoder hides."""
    r, out = F.Reader(data), {}
    while r.pos < len(data):
        name = r.shortstr()
        out[name] = _typed_value(r)
    return out


def untyped(value):
    """typed_table()'s output without the type chars (strings decoded as UTF-8)."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        kind, v = value
        if kind == "F":
            return {k: untyped(x) for k, x in v.items()}
        if kind == "A":
            return [untyped(x) for x in v]
        if kind == "S":
            return v.decode("utf-8", "replace")
        return v
    if isinstance(value, dict):
        return {k: untyped(x) for k, x in value.items()}
    return value


_BASIC_PROPERTIES = [   # (name, flag bit, kind) in wire order
    ("content_type", 0x8000, "s"), ("content_encoding", 0x4000, "s"), ("headers", 0x2000, "F"),
    ("delivery_mode", 0x1000, "o"), ("priority", 0x0800, "o"), ("correlation_id", 0x0400, "s"),
    ("reply_to", 0x0200, "s"), ("expiration", 0x0100, "s"), ("message_id", 0x0080, "s"),
    ("timestamp", 0x0040, "q"), ("type", 0x0020, "s"), ("user_id", 0x0010, "s"),
    ("app_id", 0x0008, "s"), ("cluster_id", 0x0004, "s")]


class RawMessage:
    """A message as basic.get-ok delivered it on the wire: properties by pika's names, the
    headers table typed (typed_table) in .headers, untyped in .plain_headers."""

    def __init__(self, exchange, routing_key, redelivered, properties, body):
        self.exchange, self.routing_key, self.redelivered = exchange, routing_key, redelivered
        self.properties, self.body = properties, body
        self.headers = properties.get("headers")
        self.plain_headers = None if self.headers is None else untyped(self.headers)

    def __repr__(self):
        return "RawMessage(%r, rk=%r, props=%r)" % (self.body, self.routing_key, self.properties)


def raw_get(queue, timeout=0.0):
    """basic.get (no-ack) over a raw connection, polling up to timeout seconds; a RawMessage,
    or None when the queue stayed empty."""
    deadline = time.monotonic() + timeout
    with F.RawConnection(AMQP_PORT) as c:
        c.handshake()
        c.open_channel(1)
        while True:
            c.send(F.method_frame(1, F.BASIC_GET, F.get_args(queue)))
            f = c.recv_frame()
            if f.method == F.BASIC_GET_OK:
                break
            assert f.method == F.BASIC_GET_EMPTY, f
            if time.monotonic() > deadline:
                return None
            time.sleep(0.02)
        r = F.Reader(f.payload, 4)
        r.longlong()                                    # delivery tag
        redelivered, exchange, routing_key = bool(r.octet()), r.shortstr(), r.shortstr()
        h = c.recv_frame()
        size, flags = _qa_struct.unpack(">QH", h.payload[4:14])
        pr, props = F.Reader(h.payload, 14), {}
        for name, bit, kind in _BASIC_PROPERTIES:
            if flags & bit:
                props[name] = {"s": pr.shortstr, "o": pr.octet, "q": pr.longlong,
                               "F": lambda: typed_table(pr.table_raw())}[kind]()
        body = b""
        while len(body) < size:
            body += c.recv_frame().payload
        c.send(F.method_frame(0, F.CONNECTION_CLOSE, F.close_args()))
        with contextlib.suppress(Exception):
            c.recv_method(F.CONNECTION_CLOSE_OK, timeout=2)
        return RawMessage(exchange, routing_key, redelivered, props, body)


def x_death_summary(headers):
    """[(queue, reason, count), ...] of a pika headers dict's x-death (newest first)."""
    return [(d["queue"], d["reason"], d["count"]) for d in (headers or {}).get("x-death", [])]
