#!/usr/bin/python3
"""Durability scenarios: real pika clients over TCP against a broker that this runner stops,
kills and restarts itself (so it cannot share run_suite.py's one broker per run).

  /usr/bin/python3 run_durability.py --broker path/to/warren          # Warren (default target)
  WARREN_TEST_TARGET=rabbitmq /usr/bin/python3 run_durability.py      # Debian's rabbitmq-server
  ... run_durability.py [--trials N] [--seed S] [--backlog N] [--keep] [SCENARIO ...]

Scenarios (each starts its own broker on a free port with a fresh data directory):
  restart     durable queue with 3 persistent + 1 transient message, a non-durable queue and
              exchange, a durable exchange with a binding, a delivered-but-unacked message;
              SIGTERM, start: exactly the persistent messages in order, non-durable things
              gone (404), the binding still routes, the unacked one redelivered=True; then
              a SIGKILL 1 s after acking 30 of 50 messages and getting the 31st: exactly
              31..50 come back, the 31st redelivered=True
  crash       --trials times (default 20 for Warren, 5 for RabbitMQ): a pika SelectConnection publishes persistent, numbered messages
              in confirm mode (a window of unconfirmed ones) to a durable fanout exchange with
              two durable queues; SIGKILL after 0.2-1.5 s; start; every confirmed number must
              be in both queues, in increasing order (a repeat only if redelivered)
  corruption  (Warren) the newest segment file's last record torn / bit-flipped / followed by
              garbage: the broker starts, warns, and only the damaged record is gone
  lock        (Warren) a second warren on the same --data-dir exits 1 naming the directory,
              the first keeps serving; after a SIGKILL the stale lock does not stop a start
  disk_alarm  (Warren) --disk-free-limit above the free space: a publisher gets
              connection.blocked "low on disk"; its later publishes are not routed; other
              connections still consume
  memory_alarm (Warren) --memory-high-watermark = idle RSS + 24 MiB; a burst of 240 x 256 KiB
              to a consumer that holds them unacked (a load paging cannot relieve) brings
              connection.blocked "low on memory"; later publishes are held, the alarm stays;
              the consumer acks them all; then connection.unblocked must come and the held
              publishes land
  backlog     (Warren) --backlog 1 KiB messages (half persistent) with no consumer, and a
              16 MiB --paging-window: the broker's VmRSS stays under --rss-limit-mb (default
              idle + 80 MiB + 160 bytes per message); then all are consumed, in order. The full-size run, 5 million
              messages (~5.3 GB of segment files in the data dir, 5-10 minutes):
                /usr/bin/python3 run_durability.py --broker build-release/app/warren \\
                    --backlog 5000000 --timeout 3600 backlog

Exit status: 0 all passed, 1 a failure (also scenarios left unrun because the broker became
unavailable after earlier ones ran), 77 skipped (rabbitmq-server unavailable). Warren-only
scenarios are reported as skipped in the RabbitMQ run. --timeout stops the run (and its
brokers) before ctest's TIMEOUT would.
"""

import collections
import contextlib
import os
import random
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402
from scenario_run import (LIVE, RunContext, ScenarioFailed, ScenarioSkipped, expect, note,  # noqa: E402
                          run_scenarios)

import pika  # noqa: E402  (Debian's python3-pika)
import pika.exceptions  # noqa: E402

PERSISTENT = pika.BasicProperties(delivery_mode=2)
TRANSIENT = pika.BasicProperties(delivery_mode=1)


# --- brokers --------------------------------------------------------------------------------



class Context(RunContext):
    def __init__(self, args):
        super().__init__(args)
        self.failed_brokers = []     # their logs are printed with the failure
        self.numbers = []            # measured numbers, printed in the summary
        self.deferred = []           # failures noted mid-scenario; it goes on and fails at the end

    def begin(self):
        self.deferred = []

    def end(self):
        expect(not self.deferred, "; ".join(self.deferred))

    def failure_details(self, error):
        also = ("\n    also: " + "\n    also: ".join(self.deferred)) if self.deferred and not (
            isinstance(error, ScenarioFailed) and str(error) == "; ".join(self.deferred)) else ""
        for b in self.failed_brokers:
            for path in b.log_files():
                text = brokerctl.tail(path)
                if text:
                    also += "\n---- last lines of %s ----\n%s" % (path, text)
            also += "\nkept for inspection: %s" % b.work_dir
        self.failed_brokers.clear()
        return also

    def measured(self):
        return self.numbers

    def stop_and_start(self, b):
        """Restart (SIGTERM, start on the same data directory). A broker that does not exit
        cleanly is a failure noted for the end of the scenario, so that the checks after the
        restart still run."""
        problem = b.stop()
        if problem:
            self.deferred.append("restart: %s" % problem)
        b.start()


@contextlib.contextmanager
def running_broker(ctx, extra_args=()):
    """A fresh broker (free port, new data directory), started; stopped (SIGTERM) at the
    end. On a failure its work directory is kept and its log printed."""
    b = brokerctl.make_broker(ctx.target, binary=ctx.binary, keep_dir=ctx.args.keep)
    if extra_args:
        b.extra_args = list(extra_args)
    LIVE.append(b)
    ok = False
    try:
        b.start()      # BrokerUnavailable here: the target cannot run (a skip)
        try:
            yield b
        except brokerctl.BrokerUnavailable as e:   # a later start: a failure
            raise ScenarioFailed("the broker did not start again: %s" % e)
        ok = True
    finally:
        problem = b.stop()
        LIVE.remove(b)
        if problem and not ok:
            ctx.deferred.append("stop at the end: %s" % problem)
        if not ok or problem or ctx.deferred:
            ctx.failed_brokers.append(b)
        elif not ctx.args.keep:
            brokerctl.cleanup(b)
    if problem:
        raise ScenarioFailed("broker problem at the end: %s" % problem)


def log_size(b):
    try:
        return os.path.getsize(b.log_path)
    except OSError:
        return 0


def log_since(b, offset):
    with open(b.log_path, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def rss_bytes(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def mib(n):
    return "%.1f MiB" % (n / 1048576.0)


# --- pika helpers ---------------------------------------------------------------------------

def params(port, **kw):
    kw.setdefault("connection_attempts", 1)
    kw.setdefault("blocked_connection_timeout", None)
    return pika.ConnectionParameters(host="127.0.0.1", port=port,
                                     credentials=pika.PlainCredentials("guest", "guest"), **kw)


def connect(port, **kw):
    return pika.BlockingConnection(params(port, **kw))


def close_quietly(*connections):
    for c in connections:
        with contextlib.suppress(Exception):
            if c is not None and c.is_open:
                c.close()


def message_count(port, queue):
    """The queue's ready-message count (passive declare), or None when there is no such
    queue (404)."""
    c = connect(port)
    try:
        try:
            return c.channel().queue_declare(queue, passive=True).method.message_count
        except pika.exceptions.ChannelClosedByBroker as e:
            expect(e.reply_code == 404, "passive declare of %s: %s %s" % (queue, e.reply_code, e.reply_text))
            return None
    finally:
        close_quietly(c)


def exchange_exists(port, exchange):
    c = connect(port)
    try:
        try:
            c.channel().exchange_declare(exchange, passive=True)
            return True
        except pika.exceptions.ChannelClosedByBroker as e:
            expect(e.reply_code == 404, "passive declare of exchange %s: %s %s"
                   % (exchange, e.reply_code, e.reply_text))
            return False
    finally:
        close_quietly(c)


def get_all(channel, queue, limit=100000):
    """basic.get (auto-ack) until empty: [(method, properties, body)]."""
    out = []
    while len(out) < limit:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            return out
        out.append((method, props, body))
    return out


def consume_all(port, queue, timeout=60.0, prefetch=1000, on_delivery=None):
    """Consumes (acking) everything the queue holds, until a passive declare says it is
    empty: [(redelivered, properties, body)] in delivery order."""
    c = connect(port)
    out = []
    try:
        ch = c.channel()
        ch.basic_qos(prefetch_count=prefetch)
        deadline = time.monotonic() + timeout
        while True:
            left = ch.queue_declare(queue, passive=True).method.message_count
            if left == 0:
                return out
            unacked = 0
            for method, props, body in ch.consume(queue, inactivity_timeout=5):
                expect(method is not None, "%s: no delivery for 5 s with %d messages left"
                       % (queue, left))
                out.append((method.redelivered, props, body))
                if on_delivery:
                    on_delivery(len(out))
                unacked += 1
                left -= 1
                if unacked >= prefetch // 2 or left == 0:
                    ch.basic_ack(method.delivery_tag, multiple=True)
                    unacked = 0
                if left == 0:
                    break
                expect(time.monotonic() < deadline, "%s: not drained within %.0f s" % (queue, timeout))
            ch.cancel()
    finally:
        close_quietly(c)


# --- scenario: restart ----------------------------------------------------------------------

def scenario_restart(ctx):
    rich = pika.BasicProperties(delivery_mode=2, content_type="text/plain", content_encoding="utf-8",
                                headers={"seq": 1, "tag": "first", "nested": {"a": [1, "b"]}},
                                priority=3, correlation_id="corr-1", reply_to="replies",
                                message_id="m-1", timestamp=1700000000, type="kind",
                                app_id="durability-test")
    with running_broker(ctx) as b:
        port = b.port
        c = connect(port)
        ch = c.channel()
        ch.confirm_delivery()
        ch.queue_declare("dur.q", durable=True)
        ch.queue_declare("dur.transient-queue", durable=False)
        ch.queue_declare("dur.bound", durable=True)
        ch.queue_declare("dur.unacked", durable=True)
        ch.exchange_declare("dur.x", "direct", durable=True)
        ch.exchange_declare("dur.transient-x", "fanout", durable=False)
        ch.queue_bind("dur.bound", "dur.x", "k")
        ch.basic_publish("", "dur.q", b"persistent-1", rich)
        ch.basic_publish("", "dur.q", b"transient", TRANSIENT)
        ch.basic_publish("", "dur.q", b"persistent-2", PERSISTENT)
        ch.basic_publish("", "dur.q", b"persistent-3", PERSISTENT)
        ch.basic_publish("", "dur.transient-queue", b"in a non-durable queue", PERSISTENT)
        ch.basic_publish("dur.x", "k", b"bound-before", PERSISTENT, mandatory=True)
        ch.basic_publish("", "dur.unacked", b"unacked-1", PERSISTENT)
        ch.basic_publish("", "dur.unacked", b"unacked-2", PERSISTENT)
        # a delivery left unacked while the broker stops
        holder = connect(port)
        method, _, body = holder.channel().basic_get("dur.unacked", auto_ack=False)
        expect(body == b"unacked-1" and not method.redelivered, "first get: %r %r" % (method, body))
        expect(message_count(port, "dur.q") == 4, "dur.q before the restart: %s" % message_count(port, "dur.q"))
        close_quietly(c)

        # holder does not answer the broker's connection.close (it is not reading): the
        # broker must still exit cleanly after its grace period
        t = time.monotonic()
        ctx.stop_and_start(b)
        note("restart (SIGTERM + start) took %.1f s" % (time.monotonic() - t))
        close_quietly(holder)

        c = connect(port)
        ch = c.channel()
        got = consume_all(port, "dur.q")          # basic.consume, acks: (redelivered, props, body)
        expect([g[2] for g in got] == [b"persistent-1", b"persistent-2", b"persistent-3"],
               "dur.q after the restart: %r" % [g[2] for g in got])
        expect(not any(g[0] for g in got),
               "never-delivered messages came back redelivered: %r" % [g[0] for g in got])
        p = got[0][1]
        for name in ("delivery_mode", "content_type", "content_encoding", "headers", "priority",
                     "correlation_id", "reply_to", "message_id", "timestamp", "type", "app_id"):
            expect(getattr(p, name) == getattr(rich, name), "property %s after the restart: %r, sent %r"
                   % (name, getattr(p, name), getattr(rich, name)))
        expect(all(g[1].delivery_mode == 2 for g in got), "delivery modes %r" % [g[1].delivery_mode for g in got])
        expect(message_count(port, "dur.transient-queue") is None,
               "the non-durable queue survived the restart")
        expect(not exchange_exists(port, "dur.transient-x"), "the non-durable exchange survived the restart")
        expect(exchange_exists(port, "dur.x"), "the durable exchange is gone after the restart")
        ch.confirm_delivery()
        try:
            ch.basic_publish("dur.x", "k", b"bound-after", PERSISTENT, mandatory=True)
        except pika.exceptions.UnroutableError:
            raise ScenarioFailed("the durable binding dur.x -k-> dur.bound is gone: basic.return")
        bound = [g[2] for g in get_all(ch, "dur.bound")]
        expect(bound == [b"bound-before", b"bound-after"], "dur.bound after the restart: %r" % bound)
        unacked = [(g[2], g[0].redelivered) for g in get_all(ch, "dur.unacked")]
        expect(unacked == [(b"unacked-1", True), (b"unacked-2", False)],
               "dur.unacked after the restart (body, redelivered): %r" % unacked)

        # A crash (SIGKILL) one second after consuming: what was acked stays acked, what was
        # delivered and not acked comes back marked redelivered. Acks are not confirmed to
        # anyone, so this is a bound, not a guarantee: RabbitMQ holds it well within 1 s.
        ch.queue_declare("dur.acked", durable=True)
        for i in range(1, 51):
            ch.basic_publish("", "dur.acked", b"acked-%d" % i, PERSISTENT)
        for i in range(1, 31):
            method, _, body = ch.basic_get("dur.acked", auto_ack=False)
            expect(body == b"acked-%d" % i, "get %d: %r" % (i, body))
            ch.basic_ack(method.delivery_tag)
        holder = connect(port)
        method, _, body = holder.channel().basic_get("dur.acked", auto_ack=False)
        expect(body == b"acked-31", "get before the kill: %r" % body)
        expect(message_count(port, "dur.acked") == 19, "dur.acked before the kill: %s"
               % message_count(port, "dur.acked"))
        close_quietly(c)
        time.sleep(1.0)
        expect(b.kill() is None, "the broker had died before the SIGKILL")
        close_quietly(holder)
        t = time.monotonic()
        b.start()
        note("start after SIGKILL took %.1f s" % (time.monotonic() - t))
        c = connect(port)
        got = [(g[2], g[0].redelivered) for g in get_all(c.channel(), "dur.acked")]
        close_quietly(c)
        back = [int(g[0].split(b"-")[1]) for g in got]
        resurrected = [n for n in back if n <= 30]
        note("after SIGKILL: %d of 30 acked messages back; acked-31 (delivered, unacked) %s"
             % (len(resurrected), "redelivered=%s" % dict(got).get(b"acked-31") if 31 in back else "missing"))
        expect(back == list(range(31, 51)) or back == resurrected + list(range(31, 51)),
               "dur.acked after the SIGKILL, in this order: %r" % back)
        expect(not resurrected, "%d messages acked 1 s before the SIGKILL came back (%s), redelivered=%s"
               % (len(resurrected), "acked-%d..%d" % (resurrected[0], resurrected[-1]) if resurrected else "",
                  sorted({r for (body, r) in got if int(body.split(b"-")[1]) <= 30})))
        # (after a crash RabbitMQ marks every recovered message redelivered; either is fine
        # for the never-delivered 32..50)
        expect(got[0] == (b"acked-31", True),
               "the delivered, unacked acked-31 after the SIGKILL: %r (want redelivered=True)" % (got[0],))


# --- scenario: crash loop -------------------------------------------------------------------

def crash_body(seq):
    return (b"%010d|" % seq) * 16


class ConfirmingPublisher(threading.Thread):
    """Publishes persistent messages numbered 1, 2, ... (the number is also the delivery
    tag) to an exchange over a pika SelectConnection in confirm mode, keeping up to
    `window` unconfirmed, until the connection dies. confirmed/nacked: sets of numbers."""

    def __init__(self, port, exchange, window=256):
        super().__init__(daemon=True, name="confirming-publisher")
        self.port, self.exchange, self.window = port, exchange, window
        self.published = 0
        self.confirmed, self.nacked, self.outstanding = set(), set(), set()
        self._order = collections.deque()
        self.publishing = threading.Event()
        self.error = None
        self.close_reason = None
        self._halt = False

    def run(self):
        try:
            self.conn = pika.SelectConnection(params(self.port), on_open_callback=self._opened,
                                              on_open_error_callback=self._open_failed,
                                              on_close_callback=self._closed)
            self.conn.ioloop.start()
        except Exception as e:   # noqa: BLE001 -- reported by the scenario
            self.error = "publisher: %r" % e

    def _open_failed(self, conn, err):
        self.error = "publisher could not connect: %r" % err
        conn.ioloop.stop()

    def _closed(self, conn, reason):
        self.close_reason = reason
        conn.ioloop.stop()

    def _opened(self, conn):
        conn.channel(on_open_callback=self._channel_open)

    def _channel_open(self, ch):
        self.ch = ch
        ch.confirm_delivery(ack_nack_callback=self._confirm, callback=lambda frame: self._fill())

    def _fill(self):
        try:
            while len(self.outstanding) < self.window and not self._halt:
                seq = self.published + 1
                self.ch.basic_publish(self.exchange, "", crash_body(seq), PERSISTENT)
                self.published = seq
                self.outstanding.add(seq)
                self._order.append(seq)
        except Exception as e:   # noqa: BLE001 -- the connection is going away
            self._halt = True
            self.error = self.error or "publish failed: %r" % e
        self.publishing.set()

    def _confirm(self, frame):
        m = frame.method
        into = self.confirmed if isinstance(m, pika.spec.Basic.Ack) else self.nacked
        if m.multiple:
            while self._order and self._order[0] <= m.delivery_tag:
                tag = self._order.popleft()
                if tag in self.outstanding:
                    self.outstanding.discard(tag)
                    into.add(tag)
        elif m.delivery_tag in self.outstanding:
            self.outstanding.discard(m.delivery_tag)
            into.add(m.delivery_tag)
        self._fill()


def check_queue(name, deliveries, confirmed, published):
    """deliveries: [(redelivered, properties, body)]. Returns (seen numbers, lost confirmed
    numbers, problems)."""
    seen, problems, last = set(), [], 0
    for redelivered, props, body in deliveries:
        try:
            seq = int(body[:10])
        except ValueError:
            problems.append("%s: foreign body %r" % (name, body[:40]))
            continue
        if body != crash_body(seq) or props.delivery_mode != 2:
            problems.append("%s: message %d damaged (%r..., delivery_mode %s)"
                            % (name, seq, body[:24], props.delivery_mode))
        if not 1 <= seq <= published:
            problems.append("%s: message %d was never published (last published %d)" % (name, seq, published))
        if seq <= last:
            if not (redelivered and seq in seen):
                problems.append("%s: message %d after %d (%s)" % (name, seq, last,
                                "redelivered" if redelivered else "not marked redelivered"))
        else:
            last = seq
        seen.add(seq)
    lost = sorted(confirmed - seen)
    if lost:
        problems.append("%s: %d confirmed messages lost: %s%s" % (name, len(lost), lost[:20],
                                                                  " ..." if len(lost) > 20 else ""))
    return seen, lost, problems


def scenario_crash(ctx):
    trials = ctx.args.trials if ctx.args.trials is not None else (20 if ctx.target == "warren" else 5)
    seed = ctx.args.seed if ctx.args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    note("%d trials, random seed %d (--seed to repeat)" % (trials, seed))
    totals = collections.Counter()
    with running_broker(ctx) as b:
        port = b.port
        failures = []
        for trial in range(1, trials + 1):
            x, queues = "crash.x%d" % trial, ["crash.a%d" % trial, "crash.b%d" % trial]
            c = connect(port)
            ch = c.channel()
            ch.exchange_declare(x, "fanout", durable=True)
            for q in queues:
                ch.queue_declare(q, durable=True)
                ch.queue_bind(q, x)
            close_quietly(c)

            pub = ConfirmingPublisher(port, x)
            pub.start()
            expect(pub.publishing.wait(10), "trial %d: the publisher did not start (%s)" % (trial, pub.error))
            delay = rng.uniform(0.2, 1.5)
            time.sleep(delay)
            in_flight = len(pub.outstanding)
            problem = b.kill()
            expect(problem is None, "trial %d: %s" % (trial, problem))
            pub.join(15)
            expect(not pub.is_alive(), "trial %d: the publisher did not notice the broker's death" % trial)
            t = time.monotonic()
            b.start()
            restart_s = time.monotonic() - t

            confirmed, published = set(pub.confirmed), pub.published
            trial_lost, trial_extra = 0, 0
            for q in queues:
                deliveries = consume_all(port, q)
                seen, lost, problems = check_queue(q, deliveries, confirmed, published)
                trial_lost += len(lost)
                trial_extra += len(seen - confirmed)
                failures += ["trial %d: %s" % (trial, p) for p in problems]
                totals["redelivered"] += sum(1 for d in deliveries if d[0])
            totals["trials"] += 1
            totals["published"] += published
            totals["confirmed"] += len(confirmed)
            totals["nacked"] += len(pub.nacked)
            totals["lost"] += trial_lost
            totals["unconfirmed_recovered"] += trial_extra
            totals["kills_in_flight"] += in_flight > 0
            note("trial %2d: kill after %.2f s, %5d published, %5d confirmed, %3d in flight, "
                 "lost %d, unconfirmed recovered %d (both queues), restart %.1f s"
                 % (trial, delay, published, len(confirmed), in_flight, trial_lost, trial_extra, restart_s))
            c = connect(port)
            ch = c.channel()
            for q in queues:
                ch.queue_delete(q)
            ch.exchange_delete(x)
            close_quietly(c)
        ctx.numbers.append("crash (%s): %d trials, %d published, %d confirmed, %d nacked, "
                           "lost confirmed %d, unconfirmed recovered %d, kills with confirms in "
                           "flight %d/%d, seed %d"
                           % (ctx.target, totals["trials"], totals["published"], totals["confirmed"],
                              totals["nacked"], totals["lost"], totals["unconfirmed_recovered"],
                              totals["kills_in_flight"], totals["trials"], seed))
        note(ctx.numbers[-1])
        expect(not failures, "\n      ".join(failures[:40]))
        expect(totals["kills_in_flight"] > 0, "no kill landed while confirms were outstanding")
        expect(totals["confirmed"] > 0, "nothing was ever confirmed")


# --- scenario: corruption (Warren) ----------------------------------------------------------

_CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0x82F63B78 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc = _CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


PUBLISH_RECORD = 4   # store::RecordType::Publish (broker/store/MessageRecord.h)


def segment_records(path):
    """[(offset, type, payload)] of a segment file: [u32 length][u32 CRC-32C of the
    record's segment number, offset and type, and the payload][u8 type][payload], big-endian
    (broker/store/SegmentLog.h). Stops at the first record that does not check out; returns
    (records, offset where the valid data ends)."""
    data = open(path, "rb").read()
    segment = int(os.path.basename(path).split(".")[0])
    out, at = [], 0
    while at + 9 <= len(data):
        length, crc, rtype = struct.unpack(">IIB", data[at:at + 9])
        payload = data[at + 9:at + 9 + length]
        if len(payload) < length or crc32c(struct.pack(">IIB", segment, at, rtype) + payload) != crc:
            break
        out.append((at, rtype, payload))
        at += 9 + length
    return out, at


def newest_segment(data_dir):
    d = os.path.join(data_dir, "messages")
    segs = sorted(f for f in os.listdir(d) if f.endswith(".wseg") and os.path.getsize(os.path.join(d, f)) > 0)
    expect(segs, "no non-empty .wseg file in %s: %s" % (d, sorted(os.listdir(d))))
    return os.path.join(d, segs[-1])


def corruption_body(i):
    return b"record-%d|" % i + bytes(range(100))


def scenario_corruption(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("Warren's segment files only")
    n = 5
    for mode in ("torn tail", "bit flip", "garbage appended"):
        with running_broker(ctx) as b:
            c = connect(b.port)
            ch = c.channel()
            ch.confirm_delivery()
            ch.queue_declare("corrupt.q", durable=True)
            for i in range(1, n + 1):
                ch.basic_publish("", "corrupt.q", corruption_body(i), PERSISTENT)
            close_quietly(c)
            expect(b.stop() is None, "stop before damaging failed")

            seg = newest_segment(b.data_dir)
            records, valid_end = segment_records(seg)
            size = os.path.getsize(seg)
            expect(valid_end == size, "%s: unreadable data at %d of %d bytes before any damage"
                   % (seg, valid_end, size))
            expect(records and records[-1][1] == PUBLISH_RECORD and records[-1][2].endswith(corruption_body(n)),
                   "%s: the last record is not the publish of message %d: %r"
                   % (seg, n, records[-1][:2] if records else None))
            last_at = records[-1][0]
            if mode == "torn tail":
                os.truncate(seg, size - 3)
                survivors = n - 1
            elif mode == "bit flip":
                with open(seg, "r+b") as f:
                    f.seek(size - 5)          # inside message n's body
                    byte = f.read(1)[0]
                    f.seek(size - 5)
                    f.write(bytes([byte ^ 0x10]))
                survivors = n - 1
            else:
                with open(seg, "ab") as f:
                    f.write(b"\0" * 64 + b"this is not a record\n" + b"\xff" * 64)
                survivors = n
            note("%s: %s (%d bytes, last record at %d)" % (mode, os.path.basename(seg), size, last_at))

            mark = log_size(b)
            b.start()
            log = log_since(b, mark)
            expect("damaged or incomplete record" in log and os.path.basename(seg) in log,
                   "%s: no warning about %s in the log:\n%s" % (mode, os.path.basename(seg), log))
            expect("recovered %d persistent messages" % survivors in log,
                   "%s: expected 'recovered %d persistent messages' in the log:\n%s" % (mode, survivors, log))
            c = connect(b.port)
            ch = c.channel()
            got = get_all(ch, "corrupt.q")
            bodies = [g[2] for g in got]
            expect(bodies == [corruption_body(i) for i in range(1, survivors + 1)],
                   "%s: after the restart the queue holds %d messages: %r"
                   % (mode, len(bodies), [x[:10] for x in bodies]))
            # the repaired log takes new messages and survives a clean restart without warnings
            ch.confirm_delivery()
            ch.basic_publish("", "corrupt.q", b"after repair", PERSISTENT)
            close_quietly(c)
            mark = log_size(b)
            b.restart()
            log = log_since(b, mark)
            expect("damaged" not in log, "%s: warning again after a clean restart:\n%s" % (mode, log))
            c = connect(b.port)
            bodies = [g[2] for g in get_all(c.channel(), "corrupt.q")]
            close_quietly(c)
            expect(bodies == [b"after repair"], "%s: after the second restart: %r" % (mode, bodies))


# --- scenario: lock (Warren) ----------------------------------------------------------------

def scenario_lock(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("Warren's data-directory lock")
    with running_broker(ctx) as b:
        other_port = brokerctl.free_rabbitmq_port()
        res = subprocess.run([b.binary, "--headless", "--port", str(other_port), "--bind", "127.0.0.1",
                              "--data-dir", b.data_dir], stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=30)
        text = (res.stdout + res.stderr).decode("utf-8", "replace").strip()
        note("second instance: exit %d: %s" % (res.returncode, text))
        expect(res.returncode == 1, "second warren on the same data dir exited with %d" % res.returncode)
        expect(b.data_dir in text and ("lock" in text or "in use" in text),
               "second warren's message does not name the directory and the lock: %r" % text)
        expect(str(b.proc.pid) in text, "the message does not name the process holding the lock (%d)"
               % b.proc.pid)
        expect(not brokerctl.accepts(other_port), "the second warren listens on %d" % other_port)
        expect(b.alive(), "the first warren died")
        c = connect(b.port)
        ch = c.channel()
        ch.confirm_delivery()
        ch.queue_declare("lock.q", durable=True)
        ch.basic_publish("", "lock.q", b"still serving", PERSISTENT)
        expect([g[2] for g in get_all(ch, "lock.q")] == [b"still serving"], "first warren does not serve")
        ch.basic_publish("", "lock.q", b"across the crash", PERSISTENT)
        close_quietly(c)
        # a lock left behind by a killed broker is stale: the next start takes it
        expect(b.kill() is None, "the broker had died before the SIGKILL")
        expect(os.path.exists(os.path.join(b.data_dir, "warren.lock")), "no warren.lock after the SIGKILL")
        b.start()
        c = connect(b.port)
        expect([g[2] for g in get_all(c.channel(), "lock.q")] == [b"across the crash"], "after SIGKILL + start")
        close_quietly(c)


# --- scenarios: resource alarms (Warren) ----------------------------------------------------

class BlockWatch:
    """Records connection.blocked / unblocked on a pika connection."""

    def __init__(self, connection, pid=None):
        self.blocked = False
        self.events = []
        self.rss = []         # the broker's RSS when each event arrived (with pid)
        self.pid = pid
        connection.add_on_connection_blocked_callback(self._on_blocked)
        connection.add_on_connection_unblocked_callback(self._on_unblocked)

    def _on_blocked(self, conn, frame):
        self.blocked = True
        self.events.append(("blocked", frame.method.reason))
        if self.pid:
            self.rss.append(mib(rss_bytes(self.pid)))

    def _on_unblocked(self, conn, frame):
        self.blocked = False
        self.events.append(("unblocked", None))
        if self.pid:
            self.rss.append(mib(rss_bytes(self.pid)))


def pump_until(connections, until, timeout, what):
    deadline = time.monotonic() + timeout
    while not until():
        expect(time.monotonic() < deadline, "timed out after %.0f s waiting for %s" % (timeout, what))
        for c in connections:
            c.process_data_events(time_limit=0.02)


def scenario_disk_alarm(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("needs Warren's --disk-free-limit option")
    limit = 10 ** 15       # 1 PB: more than any test machine has free
    with running_broker(ctx, ["--disk-free-limit", str(limit)]) as b:
        consumer = connect(b.port)
        cch = consumer.channel()
        cch.queue_declare("alarm.disk", durable=True)
        publisher = connect(b.port)
        watch = BlockWatch(publisher)
        pch = publisher.channel()          # not a publisher yet: declares work
        pch.queue_declare("alarm.disk", durable=True)
        pch.basic_publish("", "alarm.disk", b"first", PERSISTENT)
        pump_until([publisher], lambda: watch.blocked, 10, "connection.blocked after the first publish")
        expect(watch.events[0] == ("blocked", "low on disk"), "events: %r" % watch.events)
        first_routed = message_count(b.port, "alarm.disk")
        expect(first_routed in (0, 1), "queue count %r" % first_routed)
        for i in range(5):
            pch.basic_publish("", "alarm.disk", b"while blocked %d" % i, PERSISTENT)
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            publisher.process_data_events(time_limit=0.05)
            count = message_count(b.port, "alarm.disk")
            expect(count == first_routed, "publishes after connection.blocked were routed: count %d, was %d"
                   % (count, first_routed))
        expect(watch.blocked and len(watch.events) == 1, "the disk alarm cleared: %r" % watch.events)
        # a connection that does not publish is not blocked: it still consumes
        got = [g[2] for g in get_all(cch, "alarm.disk")]
        expect(got == [b"first"][:first_routed], "consumer got %r" % got)
        cch.queue_declare("alarm.other")
        expect(message_count(b.port, "alarm.disk") == 0, "not drained")
        note("blocked %r; first publish routed: %s; 5 later ones held" % (watch.events[0][1], bool(first_routed)))
        close_quietly(consumer)
        # the publisher's socket is not being read: it cannot close cleanly while blocked;
        # the broker's stop (connection.close from the broker) ends it
        problem = b.stop()
        close_quietly(publisher)
        log = open(b.log_path, "rb").read().decode("utf-8", "replace")
        expect("low on disk" in log, "no disk alarm in the broker's log")
        expect(problem is None, "SIGTERM with a blocked publisher connected: %s" % problem)


class BurstPublisher(threading.Thread):
    """A pika SelectConnection (its own thread) that publishes `count` transient messages to
    a queue at once -- what the broker does not read yet waits in pika's buffer rather than
    blocking the caller -- then keeps its connection open, recording connection.blocked /
    unblocked (with the broker's RSS when each arrived)."""

    def __init__(self, port, queue, count, body, pid):
        super().__init__(daemon=True, name="burst-publisher")
        self.port, self.queue, self.count, self.body, self.pid = port, queue, count, body, pid
        self.blocked = False
        self.events, self.rss = [], []
        self.sent = threading.Event()
        self.error = None

    def run(self):
        try:
            self.conn = pika.SelectConnection(params(self.port), on_open_callback=self._opened,
                                              on_open_error_callback=self._failed,
                                              on_close_callback=lambda c, r: c.ioloop.stop())
            self.conn.add_on_connection_blocked_callback(lambda c, f: self._event(True, f.method.reason))
            self.conn.add_on_connection_unblocked_callback(lambda c, f: self._event(False, None))
            self.conn.ioloop.start()
        except Exception as e:   # noqa: BLE001 -- reported by the scenario
            self.error = repr(e)

    def _failed(self, conn, err):
        self.error = "cannot connect: %r" % err
        conn.ioloop.stop()

    def _event(self, blocked, reason):
        self.blocked = blocked
        self.events.append(("blocked", reason) if blocked else ("unblocked", None))
        self.rss.append(mib(rss_bytes(self.pid)))

    def _opened(self, conn):
        conn.channel(on_open_callback=self._channel_open)

    def _channel_open(self, ch):
        self.ch = ch
        for _ in range(self.count):
            ch.basic_publish("", self.queue, self.body)
        self.sent.set()

    def publish(self, body):
        self.conn.ioloop.add_callback_threadsafe(lambda: self.ch.basic_publish("", self.queue, body))

    def close(self):
        # (while blocked the broker does not read the close; its own stop ends the connection)
        with contextlib.suppress(Exception):
            self.conn.ioloop.add_callback_threadsafe(self.conn.close)
        self.join(2 if self.blocked else 10)


def scenario_memory_alarm(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("needs Warren's absolute --memory-high-watermark")
    # The idle footprint of this binary (a sanitizer build is much bigger) plus a margin that
    # the burst (60 MiB of 256 KiB messages) exceeds well. A load paging cannot relieve: every
    # message goes out to a consumer that does not ack it yet, and delivered messages stay in
    # memory until acked, whatever the alarm does to the queues' paging windows. So only the
    # acks can clear the alarm.
    with running_broker(ctx) as b:
        probe = connect(b.port)
        probe.channel().queue_declare("probe")
        time.sleep(0.3)
        idle = rss_bytes(b.pid())
        close_quietly(probe)
    margin, size, burst = 24 << 20, 256 << 10, 240
    watermark = idle + margin
    note("idle RSS %s; --memory-high-watermark %d (%s); %d x 256 KiB held unacked"
         % (mib(idle), watermark, mib(watermark), burst))
    with running_broker(ctx, ["--memory-high-watermark", str(watermark)]) as b:
        consumer = connect(b.port)
        cch = consumer.channel()
        cch.queue_declare("alarm.mem")
        got, acking = [], [False]

        def on_message(ch, method, props, body):
            got.append((method.delivery_tag, body))
            if acking[0]:
                ch.basic_ack(method.delivery_tag)
        cch.basic_consume("alarm.mem", on_message)   # no prefetch limit: it takes the whole burst
        body = b"m" * size
        pub = BurstPublisher(b.port, "alarm.mem", burst, body, b.pid())
        pub.start()
        try:
            pump_until([consumer], lambda: pub.blocked or pub.error is not None, 20,
                       "connection.blocked after publishing %d x 256 KiB to a consumer that does not ack "
                       "(RSS %s, watermark %s)" % (burst, mib(rss_bytes(b.pid())), mib(watermark)))
            expect(pub.error is None, "publisher: %s" % pub.error)
            expect(pub.events[0] == ("blocked", "low on memory"), "events %r" % pub.events)
            rss_blocked = rss_bytes(b.pid())
            # the broker stops reading the publisher: what it has not read yet stays unrouted
            settle = time.monotonic() + 0.3
            while time.monotonic() < settle:
                consumer.process_data_events(time_limit=0.05)
            held = len(got)
            expect(message_count(b.port, "alarm.mem") == 0,
                   "messages left ready (paging could relieve those): the consumer should hold them all")
            pub.publish(b"sent while blocked")
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                consumer.process_data_events(time_limit=0.05)
                expect(not pub.blocked or len(got) == held, "publishes routed while blocked: %d -> %d"
                       % (held, len(got)))
            expect(pub.blocked, "the memory alarm cleared while every message was still unacked (RSS %s, "
                   "watermark %s)" % (mib(rss_bytes(b.pid())), mib(watermark)))
            note("blocked (RSS %s when it arrived, %s now); %d delivered and unacked, %d + 1 held"
                 % (pub.rss[0], mib(rss_blocked), held, burst - held))
            # the acks free the memory: the alarm clears and the held publishes land
            acking[0] = True
            cch.basic_ack(got[-1][0], multiple=True)
            try:
                pump_until([consumer], lambda: not pub.blocked, 15, "connection.unblocked")
            except ScenarioFailed:
                raise ScenarioFailed("no connection.unblocked within 15 s after acking all %d messages: broker "
                                     "RSS %s, watermark %s" % (held, mib(rss_bytes(b.pid())), mib(watermark)))
            pump_until([consumer], lambda: len(got) == burst + 1, 15,
                       "the publishes held while blocked to arrive (%d of %d)" % (len(got), burst + 1))
            bodies = [g[1] for g in got]
            expect(bodies[-1] == b"sent while blocked" and all(g == body for g in bodies[:-1]), "bodies differ")
            expect([e[0] for e in pub.events] == ["blocked", "unblocked"], "events %r, RSS at each: %s"
                   % (pub.events, pub.rss))
            later = connect(b.port)
            lch = later.channel()
            lch.confirm_delivery()
            lch.basic_publish("", "alarm.mem", b"after unblocked")
            pump_until([consumer], lambda: len(got) == burst + 2, 10, "the last message")
            note("consumer got %d messages, %d before the acks; unblocked at %s"
                 % (len(got), held, pub.rss[-1]))
            close_quietly(later, consumer)
        finally:
            pub.close()


# --- scenario: backlog (Warren) -------------------------------------------------------------

def backlog_body(seq):
    head = b"%010d|" % seq
    return head + b"." * (1024 - len(head))


def scenario_backlog(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("Warren's paging")
    n = ctx.args.backlog
    # A 16 MiB window rather than the default (192 MiB): paging starts after some 12,000
    # messages, so that this many show that the bodies do not stay resident.
    with running_broker(ctx, ["--paging-window", str(16 << 20)]) as b:
        pid = b.pid()
        c = connect(b.port)
        ch = c.channel()
        ch.queue_declare("backlog.q", durable=True)
        peak = [rss_bytes(pid)]
        # Allowance over the idle broker (which a sanitizer build makes much larger): 80 MiB
        # for queue windows and buffers, ~160 bytes of bookkeeping per message (measured:
        # ~75); the bodies themselves (1 KiB each) must not stay resident.
        limit = int(ctx.args.rss_limit_mb * 1048576 if ctx.args.rss_limit_mb
                    else peak[0] + (80 + 160 * n / 1048576.0) * 1048576)
        note("idle RSS %s; %d x 1 KiB (every other one persistent), bound %s"
             % (mib(peak[0]), n, mib(limit)))
        t = time.monotonic()
        for seq in range(1, n + 1):
            ch.basic_publish("", "backlog.q", backlog_body(seq), PERSISTENT if seq & 1 else TRANSIENT)
            if seq % 5000 == 0:
                peak[0] = max(peak[0], rss_bytes(pid))
                expect(peak[0] < limit, "RSS %s after %d messages, bound %s" % (mib(peak[0]), seq, mib(limit)))
        count = ch.queue_declare("backlog.q", passive=True).method.message_count
        publish_s = time.monotonic() - t
        expect(count == n, "queue holds %d of %d" % (count, n))
        for _ in range(10):          # let the broker settle (paging, group commit)
            time.sleep(0.1)
            peak[0] = max(peak[0], rss_bytes(pid))
        after_publish = rss_bytes(pid)
        close_quietly(c)
        note("published in %.1f s (%.0f/s); RSS now %s, peak %s"
             % (publish_s, n / publish_s, mib(after_publish), mib(peak[0])))
        expect(peak[0] < limit, "peak RSS %s, bound %s" % (mib(peak[0]), mib(limit)))

        t = time.monotonic()
        drain_peak = [0]

        def sample(k):
            if k % 5000 == 0:
                drain_peak[0] = max(drain_peak[0], rss_bytes(pid))
        got = consume_all(b.port, "backlog.q", timeout=max(60.0, n / 2000.0), prefetch=2000, on_delivery=sample)
        drain_s = time.monotonic() - t
        expect(len(got) == n, "consumed %d of %d" % (len(got), n))
        bad = [i for i, d in enumerate(got, 1) if d[2] != backlog_body(i) or d[1].delivery_mode != (2 if i & 1 else 1)]
        expect(not bad, "%d messages out of order or damaged, first at position %d" % (len(bad), bad[0] if bad else 0))
        expect(message_count(b.port, "backlog.q") == 0, "backlog.q not empty after the drain")
        ctx.numbers.append("backlog: %d x 1 KiB, idle-to-peak RSS while queued %s (bound %s), "
                           "after publishing %s, peak while draining %s; publish %.1f s, drain %.1f s"
                           % (n, mib(peak[0]), mib(limit), mib(after_publish), mib(drain_peak[0]),
                              publish_s, drain_s))
        note("drained in %.1f s (%.0f/s), peak RSS while draining %s"
             % (drain_s, n / drain_s, mib(drain_peak[0])))


SCENARIOS = [
    ("restart", scenario_restart),
    ("crash", scenario_crash),
    ("corruption", scenario_corruption),
    ("lock", scenario_lock),
    ("disk_alarm", scenario_disk_alarm),
    ("memory_alarm", scenario_memory_alarm),
    ("backlog", scenario_backlog),
]


# --- main -----------------------------------------------------------------------------------

def add_arguments(ap):
    ap.add_argument("--trials", type=int, help="crash-loop trials (default 20 for Warren, 5 for RabbitMQ)")
    ap.add_argument("--seed", type=int, help="random seed of the crash loop's kill times")
    ap.add_argument("--backlog", type=int, default=300000, help="messages in the backlog scenario")
    ap.add_argument("--rss-limit-mb", type=float,
                    help="backlog scenario's RSS bound (default idle RSS + 80 MiB + 160 bytes per message: "
                         "146 MiB for 300000)")


if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS, "durability", add_arguments, Context))
