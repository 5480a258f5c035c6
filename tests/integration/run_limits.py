#!/usr/bin/python3
"""RabbitMQ's limits on clients, with brokers this runner starts with non-default settings
(so they cannot share run_suite.py's broker; the limits that hold at the defaults, the
handshake timeout, the close handshake and channel_max, are in test_wire_methods.py).

  /usr/bin/python3 run_limits.py --broker path/to/warren          # Warren (default target)
  WARREN_TEST_TARGET=rabbitmq /usr/bin/python3 run_limits.py      # Debian's rabbitmq-server
  ... run_limits.py [--keep] [SCENARIO ...]

Scenarios (each starts its own broker on a free port with a fresh data directory):
  consumer_timeout  warren --consumer-timeout 1000 / rabbitmq.conf consumer_timeout = 1000
                    (and a 100 ms channel tick, RabbitMQ's channel_tick_interval): a pika
                    consumer that never acks has its channel closed with 406
                    PRECONDITION_FAILED in RabbitMQ's words, 1 to 3 s after the delivery, and
                    the message is back, redelivered; a consumer that acks each delivery
                    600 ms after it came keeps its channel for longer than the timeout
  max_connections   warren --max-connections 3 / connection_max = 3: three pika connections
                    work; of 12 more sockets sending the protocol header none is answered
                    (RabbitMQ: not all, its acceptors each take one more); they are answered
                    in turn as the others close, and a pika client then works
  descriptors       (Warren) under prlimit --nofile=128: 200 idle sockets get no more than the
                    descriptor budget accepted, the broker stays idle (no busy loop on
                    accept errors) and closes the accepted ones at its handshake timeout;
                    once the sockets are gone a pika client connects and works
  unread_output     (Warren) a raw client pipelines 100,000 basic.get (each followed by a
                    basic.reject with requeue, so one 3,000-byte message comes back every
                    time) and reads nothing for 4 s: the broker's memory grows by less than
                    64 MiB (without a bound its output would hold 300 MB), another client is
                    served meanwhile, and once the client reads, all 100,000 get-ok arrive

Exit status: 0 all passed, 1 a failure, 77 skipped (rabbitmq-server unavailable). Warren-only
scenarios are reported as skipped in the RabbitMQ run. --timeout stops the run (and its
brokers) before ctest's TIMEOUT would.
"""

import contextlib
import errno
import os
import select
import socket
import struct
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import frames as F  # noqa: E402
from scenario_run import ScenarioFailed, ScenarioSkipped, expect, note, run_scenarios, running_broker  # noqa: E402

import pika  # noqa: E402  (Debian's python3-pika)
import pika.exceptions  # noqa: E402

TIMEOUT_TEXT = ("PRECONDITION_FAILED - delivery acknowledgement on channel 1 timed out. Timeout value "
                "used: 1000 ms. This timeout value can be configured, see consumers doc guide to "
                "learn more")


def connect(port, **kw):
    kw.setdefault("connection_attempts", 1)
    kw.setdefault("socket_timeout", 5)
    return pika.BlockingConnection(pika.ConnectionParameters(
        host="127.0.0.1", port=port, credentials=pika.PlainCredentials("guest", "guest"), **kw))


def close_quietly(*connections):
    for c in connections:
        with contextlib.suppress(Exception):
            if c is not None and c.is_open:
                c.close()


def round_trip(port, queue):
    """A pika client declares, publishes and gets a message back: the broker serves."""
    c = connect(port)
    try:
        ch = c.channel()
        ch.queue_declare(queue, auto_delete=True)
        ch.basic_publish("", queue, b"served")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            method, _, body = ch.basic_get(queue, auto_ack=True)
            if method is not None:
                expect(body == b"served", "got %r back" % body)
                return
            time.sleep(0.02)
        raise ScenarioFailed("the published message did not come back")
    finally:
        close_quietly(c)


# --- consumer_timeout -----------------------------------------------------------------------

def consume_until_closed(port, queue, ack_after=None, within=6.0):
    """A pika consumer on `queue` (channel 1): acks each delivery ack_after seconds after it
    came (None: never). Returns (delivery times, (code, text, at) of the channel's close or
    None), watching for `within` seconds."""
    c = connect(port)
    ch = c.channel()
    ch.basic_qos(prefetch_count=1)
    delivered, closed = [], []

    def on_message(channel, method, properties, body):
        delivered.append(time.monotonic())
        if ack_after is not None:
            c.call_later(ack_after, lambda tag=method.delivery_tag: channel.basic_ack(tag))

    ch.basic_consume(queue, on_message)
    c.call_later(within, ch.stop_consuming)
    try:
        ch.start_consuming()   # raises when the broker closes the channel
    except pika.exceptions.ChannelClosedByBroker as e:
        closed.append((e.reply_code, e.reply_text, time.monotonic()))
    finally:
        close_quietly(c)
    return delivered, (closed[0] if closed else None)


def scenario_consumer_timeout(args):
    with running_broker(args, warren_args=["--consumer-timeout", "1000"],
                        rabbit_settings=["consumer_timeout = 1000"],
                        rabbit_erl_args="-rabbit channel_tick_interval 100") as b:
        c = connect(b.port)
        ch = c.channel()
        ch.queue_declare("slow")
        ch.queue_declare("steady")
        ch.basic_publish("", "slow", b"never acked")
        for i in range(4):
            ch.basic_publish("", "steady", b"%d" % i)
        close_quietly(c)

        delivered, closed = consume_until_closed(b.port, "slow")
        expect(len(delivered) == 1, "deliveries to the slow consumer: %d" % len(delivered))
        expect(closed is not None, "the channel of a consumer that never acks stayed open for 6 s")
        code, text, at = closed
        expect((code, text) == (406, TIMEOUT_TEXT), "channel closed with %r %r" % (code, text))
        waited = at - delivered[0]
        note("closed %.2f s after the delivery" % waited)
        expect(1.0 <= waited <= 3.0, "closed %.2f s after the delivery (timeout 1 s)" % waited)

        c = connect(b.port)
        try:
            method, _, body = c.channel().basic_get("slow", auto_ack=True)
            expect(method is not None and body == b"never acked" and method.redelivered,
                   "after the timeout basic.get gave %r %r" % (method, body))
        finally:
            close_quietly(c)

        delivered, closed = consume_until_closed(b.port, "steady", ack_after=0.6, within=3.2)
        expect(closed is None, "a consumer acking within the timeout was closed: %r" % (closed,))
        expect(len(delivered) == 4, "the steady consumer got %d of 4 messages" % len(delivered))


# --- max_connections ------------------------------------------------------------------------

def greeted(sock):
    """Whether the broker answered the protocol header (connection.start is waiting)."""
    try:
        return len(sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)) == 1
    except BlockingIOError:
        return False


def scenario_max_connections(args):
    with running_broker(args, warren_args=["--max-connections", "3"],
                        rabbit_settings=["connection_max = 3"]) as b:
        full = [connect(b.port) for _ in range(3)]
        for c in full:
            c.channel().queue_declare("", exclusive=True)
        waiting = []
        for _ in range(12):
            s = socket.create_connection(("127.0.0.1", b.port), timeout=5)
            s.sendall(F.PROTOCOL_HEADER)
            s.setblocking(False)
            waiting.append(s)
        time.sleep(1.5)
        answered = [s for s in waiting if greeted(s)]
        note("%d of 12 connections beyond the limit answered" % len(answered))
        if args.target == "warren":
            expect(not answered, "%d connections beyond --max-connections 3 answered" % len(answered))
        else:
            expect(len(answered) < len(waiting), "all connections beyond connection_max answered")

        # As connections close, the waiting ones are served in turn.
        close_quietly(*full)
        deadline = time.monotonic() + 15
        while waiting and time.monotonic() < deadline:
            select.select(waiting, [], [], 0.2)
            for s in [s for s in waiting if greeted(s)]:
                waiting.remove(s)
                s.close()
        for s in waiting:
            s.close()
        expect(not waiting, "%d connections still unanswered after the others closed" % len(waiting))
        round_trip(b.port, "after-the-limit")


# --- descriptors ----------------------------------------------------------------------------

def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_idle_sockets(port, count, timeout=3.0):
    """Non-blocking connects; returns (connected sockets, how many failed or timed out)."""
    pending = []
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex(("127.0.0.1", port))
        if err not in (0, errno.EINPROGRESS):
            s.close()
            continue
        pending.append(s)
    connected, deadline = [], time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        _, writable, _ = select.select([], pending, [], 0.1)
        for s in writable:
            pending.remove(s)
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                connected.append(s)
            else:
                s.close()
    for s in pending:
        s.close()
    return connected, count - len(connected)


def closed_by_broker(sock):
    try:
        return sock.recv(1, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def scenario_descriptors(args):
    if args.target != "warren":
        raise ScenarioSkipped("Warren only")
    with running_broker(args, wrapper=["prlimit", "--nofile=128:128"]) as b:
        pid = b.pid()
        socks, failed = open_idle_sockets(b.port, 200)
        note("200 idle sockets: %d connected (accepted or in the backlog), %d refused or timed out"
             % (len(socks), failed))
        before = cpu_seconds(pid)
        time.sleep(2.0)
        cpu = cpu_seconds(pid) - before
        note("broker CPU over 2 s with the sockets idle: %.2f s" % cpu)
        expect(cpu < 0.5, "the broker used %.2f s of CPU in 2 s of idle sockets (busy accepting?)" % cpu)
        with open(b.log_path, "rb") as f:
            log = f.read().decode("utf-8", "replace")
        expect("connections open, the limit" in log, "no warning that the descriptor budget was reached")

        deadline = time.monotonic() + 15   # the handshake timeout (10 s) closes the accepted ones
        while time.monotonic() < deadline and not any(closed_by_broker(s) for s in socks):
            time.sleep(0.2)
        expect(any(closed_by_broker(s) for s in socks), "no idle socket closed by the broker in 15 s")
        expect(b.alive(), "the broker died")
        for s in socks:
            s.close()
        round_trip(b.port, "after-the-drought")


# --- unread output ---------------------------------------------------------------------------

def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise ScenarioFailed("no VmRSS for the broker")


# A long name makes 100,000 requests (29 MB) more than the kernel's socket buffers hold, so
# that a broker which stops reading leaves the client's sender blocked.
UNREAD_QUEUE = "unread-" + "q" * 200


def pipelined_gets(count):
    get = F.method_frame(1, F.BASIC_GET, F.get_args(UNREAD_QUEUE, no_ack=False))
    return b"".join(get + F.method_frame(1, F.BASIC_REJECT, F.longlong(tag) + F.bits(True))
                    for tag in range(1, count + 1))


def count_get_oks(sock, wanted, timeout):
    """Reads frames until `wanted` basic.get-ok came; anything but get-ok and content fails."""
    buf, got, deadline = bytearray(), 0, time.monotonic() + timeout
    get_ok = struct.pack(">HH", *F.BASIC_GET_OK)
    while got < wanted:
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        chunk = sock.recv(1 << 20)
        expect(chunk, "the broker closed the connection after %d get-ok" % got)
        expect(time.monotonic() < deadline, "only %d of %d get-ok in %d s" % (got, wanted, timeout))
        buf += chunk
        pos = 0
        while len(buf) - pos >= 7:
            ftype, _, size = struct.unpack_from(">BHI", buf, pos)
            if len(buf) - pos < size + 8:
                break
            if ftype == F.FRAME_METHOD:
                expect(buf[pos + 7:pos + 11] == get_ok, "unexpected method %r" % bytes(buf[pos + 7:pos + 11]))
                got += 1
            pos += size + 8
        del buf[:pos]
    return got


def scenario_unread_output(args):
    if args.target != "warren":
        raise ScenarioSkipped("Warren only")
    gets = 100_000
    with running_broker(args) as b:
        pid = b.pid()
        c = connect(b.port)
        c.channel().queue_declare(UNREAD_QUEUE)
        c.channel().basic_publish("", UNREAD_QUEUE, b"x" * 3000)
        close_quietly(c)
        with F.RawConnection(b.port) as raw:
            raw.handshake()
            raw.open_channel()
            before = rss_mib(pid)
            writer = socket.socket(fileno=os.dup(raw.sock.fileno()))
            writer.settimeout(None)   # blocks while the broker does not read: TCP pushes back
            sender = threading.Thread(target=writer.sendall, args=(pipelined_gets(gets),), daemon=True)
            sender.start()
            peak = before
            for _ in range(40):
                time.sleep(0.1)
                peak = max(peak, rss_mib(pid))
            note("broker RSS %.0f MiB before, at most %.0f MiB over 4 s of unread output" % (before, peak))
            expect(peak - before < 64, "the broker grew by %.0f MiB for a client that reads nothing" % (peak - before))
            expect(sender.is_alive(), "the broker read all 100,000 requests without their answers leaving")
            round_trip(b.port, "served-meanwhile")
            got = count_get_oks(raw.sock, gets, timeout=180)
            sender.join(10)
            writer.close()
            note("%d get-ok read once the client read" % got)
            expect(not sender.is_alive(), "the broker stopped reading the client's requests")


SCENARIOS = [
    ("consumer_timeout", scenario_consumer_timeout),
    ("max_connections", scenario_max_connections),
    ("descriptors", scenario_descriptors),
    ("unread_output", scenario_unread_output),
]


def main():
    return run_scenarios(__doc__, SCENARIOS, "limits")


if __name__ == "__main__":
    sys.exit(main())
