#!/usr/bin/python3
"""Dead-letter cascades a client can set off, against a broker with a small stack: no crash,
no stall, RabbitMQ's cycle rules, and persistent dead letters kept across a restart.

  /usr/bin/python3 run_dead_letter_cascades.py --broker path/to/warren     # Warren (default)
  WARREN_TEST_TARGET=rabbitmq /usr/bin/python3 run_dead_letter_cascades.py  # rabbitmq-server
  ... run_dead_letter_cascades.py [--keep] [--chain N] [SCENARIO ...]

Warren runs under `prlimit --stack=262144`: its broker thread gets a 256 KiB stack, where
delivering dead letters by recursion would overflow after a few hundred queues.

Scenarios (each starts its own broker on a free port with a fresh data directory):
  chain             q0 … q{N-1} (Warren 20,000, RabbitMQ 300), each with x-message-ttl 0
                    dead-lettering through the default exchange to the next, the last one
                    without TTL; one message published to q0 arrives in the last queue with
                    N-1 x-death entries (reason expired, count 1, its routing key, q{N-2}
                    first); meanwhile a second connection's queue.declare round trips never
                    take a second. (RabbitMQ 3.10 reorders the older entries at every death,
                    a quirk of its rabbit_dead_letter:group_by_queue_and_reason; Warren keeps
                    them newest first, as RabbitMQ documents, and that order is checked for
                    Warren only.)
  fanout_storm      (Warren) levels 0 … 29, each a fanout exchange bound to two queues with
                    x-message-ttl 0 that dead-letter to the next level's exchange, and a
                    bounded sink under the last: one message would become 2^30 copies. For a
                    few seconds the broker keeps answering in under a second, its memory
                    stays flat and copies reach the sink (with 30 x-death entries); once the
                    queues are deleted it is idle again and serves a normal publish and get
  cycle             RabbitMQ's cycle rules: a and b dead-letter to each other with a TTL of
                    0, and both to an audit queue: the audit queue gets the copy of a's death
                    and then b's, and the copy back into a is dropped; a message rejected in
                    `work` and expired in `retry` goes round (a rejection is on the way), its
                    x-death counting up both entries
  persistent_copies a persistent message dead-lettered twice into a durable queue, and a
                    transient one, then a restart: the persistent copy is there, with both
                    deaths recorded; the transient one is not

Exit status: 0 all passed, 1 a failure, 77 skipped (rabbitmq-server unavailable). Warren-only
scenarios are reported as skipped in the RabbitMQ run. --timeout stops the run (and its
brokers) before ctest's TIMEOUT would.
"""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import frames as F  # noqa: E402
from run_durability import rss_bytes  # noqa: E402
from run_limits import close_quietly, connect, cpu_seconds, round_trip  # noqa: E402
from scenario_run import RunContext, ScenarioSkipped, expect, note, run_scenarios, running_broker  # noqa: E402

import pika  # noqa: E402  (Debian's python3-pika)

SMALL_STACK = ["prlimit", "--stack=262144"]
PROBE_LIMIT_S = 1.0        # a round trip of another client while a cascade runs
CHAIN_DEADLINE_S = 240.0
STORM_SECONDS = 4.0
STORM_RSS_GROWTH = 64 << 20


class CascadeRun(RunContext):
    """The run's context: what it measured, printed at the end."""

    def __init__(self, args):
        super().__init__(args)
        self.lines = []

    def measured(self):
        return self.lines


def broker(ctx):
    return running_broker(ctx, wrapper=SMALL_STACK if ctx.target == "warren" else ())


def declare_pipelined(port, declarations):
    """queue.declare nowait for each (name, arguments) on one raw connection, written at
    once, then a passive declare of the last one to wait until the broker has them all."""
    with F.RawConnection(port, timeout=120) as raw:
        raw.handshake()
        raw.open_channel(1)
        raw.send(b"".join(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args(name, nowait=True, arguments=args))
                          for name, args in declarations))
        raw.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args(declarations[-1][0], passive=True)))
        raw.recv_method(F.QUEUE_DECLARE_OK, timeout=120)


def ttl0_args(next_queue):
    """A TTL of 0, dead-lettering to `next_queue` through the default exchange (for pika)."""
    return {"x-message-ttl": 0, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": next_queue}


def raw_ttl0_args(next_queue):
    """The same for frames.table(), which needs the TTL's type and bytes."""
    return dict(ttl0_args(next_queue), **{"x-message-ttl": ("l", F.longlong(0))})


class Probe:
    """A second client's round trips (a passive queue.declare), timed."""

    def __init__(self, port, queue):
        self.connection = connect(port, socket_timeout=30)
        self.channel = self.connection.channel()
        self.queue = queue
        self.worst = 0.0
        self.count = 0

    def messages(self):
        started = time.monotonic()
        n = self.channel.queue_declare(self.queue, passive=True).method.message_count
        self.worst = max(self.worst, time.monotonic() - started)
        self.count += 1
        return n

    def close(self):
        close_quietly(self.connection)


def summary(headers):
    return [(d["queue"], d["reason"], d["count"]) for d in headers.get("x-death", [])]


def get_one(channel, queue, deadline=5.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is not None:
            return props, body
        time.sleep(0.02)
    raise AssertionError("nothing arrived in %s within %.0f s" % (queue, deadline))


def get_all(channel, queue):
    out = []
    while True:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            return out
        out.append((props, body))


# --- chain ----------------------------------------------------------------------------------

def scenario_chain(ctx):
    n = ctx.chain if ctx.target == "warren" else min(ctx.chain, 300)
    names = ["q%d" % i for i in range(n)]
    with broker(ctx) as b:
        started = time.monotonic()
        declare_pipelined(b.port, [(names[i], raw_ttl0_args(names[i + 1])) for i in range(n - 1)] + [(names[-1], {})])
        note("%d queues declared in %.1f s" % (n, time.monotonic() - started))
        probe = Probe(b.port, names[-1])
        c = connect(b.port, socket_timeout=60)
        try:
            ch = c.channel()
            started = time.monotonic()
            ch.basic_publish("", names[0], b"down the chain")
            while probe.messages() == 0:
                expect(time.monotonic() - started < CHAIN_DEADLINE_S, "the message never reached %s" % names[-1])
                c.sleep(0.05)   # pika's own sleep: its heartbeats go on meanwhile
            took = time.monotonic() - started
            note("through %d queues in %.1f s; %d probes, the slowest %.3f s" % (n, took, probe.count, probe.worst))
            ctx.lines.append("chain of %d queues: %.1f s end to end, probe round trip at most %.3f s"
                            % (n, took, probe.worst))
            expect(probe.worst < PROBE_LIMIT_S, "a round trip took %.2f s while the chain ran" % probe.worst)

            props, body = get_one(ch, names[-1])
            expect(body == b"down the chain", "got %r" % body)
            deaths = props.headers["x-death"]
            expect(len(deaths) == n - 1, "%d x-death entries, %d queues died in" % (len(deaths), n - 1))
            expect(deaths[0]["queue"] == names[-2], "newest entry: %r" % deaths[0]["queue"])
            for d in deaths:
                expect((d["reason"], d["count"], d["exchange"], d["routing-keys"]) == ("expired", 1, "", [d["queue"]]),
                       "entry %r" % d)
            expect(sorted(d["queue"] for d in deaths) == sorted(names[:-1]), "the entries name other queues")
            if ctx.target == "warren":
                expect([d["queue"] for d in deaths] == names[-2::-1], "entries not newest first")
            first = {k: props.headers.get(k) for k in ("x-first-death-queue", "x-first-death-reason",
                                                        "x-first-death-exchange")}
            expect(first == {"x-first-death-queue": "q0", "x-first-death-reason": "expired",
                             "x-first-death-exchange": ""}, "first death: %r" % first)
            expect(probe.messages() == 0, "a second copy arrived")
        finally:
            probe.close()
            close_quietly(c)


# --- fanout_storm ---------------------------------------------------------------------------

def storm_topology(channel, depth):
    for k in range(depth + 1):
        channel.exchange_declare("storm.x%d" % k, "fanout")
    for k in range(depth):
        for side in "ab":
            q = "storm.%d.%s" % (k, side)
            channel.queue_declare(q, arguments={"x-message-ttl": 0, "x-dead-letter-exchange": "storm.x%d" % (k + 1)})
            channel.queue_bind(q, "storm.x%d" % k)
    channel.queue_declare("storm.sink", arguments={"x-max-length": 10})
    channel.queue_bind("storm.sink", "storm.x%d" % depth)


def scenario_fanout_storm(ctx):
    if ctx.target != "warren":
        raise ScenarioSkipped("Warren only: 2^30 copies would keep rabbitmq-server busy for hours")
    depth = 30
    with broker(ctx) as b:
        pid = b.pid()
        c = connect(b.port, socket_timeout=30)
        probe = Probe(b.port, "storm.sink")
        try:
            ch = c.channel()
            storm_topology(ch, depth)
            rss_before, cpu_before = rss_bytes(pid), cpu_seconds(pid)
            ch.basic_publish("storm.x0", "", b"one of 2^30")
            started, rss_most, reached_sink = time.monotonic(), rss_before, 0
            while time.monotonic() - started < STORM_SECONDS:
                reached_sink = max(reached_sink, probe.messages())
                rss_most = max(rss_most, rss_bytes(pid))
                time.sleep(0.05)
            busy = cpu_seconds(pid) - cpu_before
            note("%d probes in %.0f s of storm, the slowest %.3f s; RSS %.1f -> at most %.1f MiB; CPU %.1f s"
                 % (probe.count, STORM_SECONDS, probe.worst, rss_before / 1048576.0, rss_most / 1048576.0, busy))
            ctx.lines.append("fan-out storm of depth %d: probe round trip at most %.3f s, RSS %.1f -> %.1f MiB"
                            % (depth, probe.worst, rss_before / 1048576.0, rss_most / 1048576.0))
            expect(reached_sink > 0, "no copy reached the bottom of the graph")
            expect(busy > STORM_SECONDS / 4, "the broker used only %.1f s of CPU: no storm?" % busy)
            expect(probe.worst < PROBE_LIMIT_S, "a round trip took %.2f s during the storm" % probe.worst)
            expect(rss_most - rss_before < STORM_RSS_GROWTH,
                   "RSS grew by %.1f MiB during the storm" % ((rss_most - rss_before) / 1048576.0))
            props, _ = get_one(ch, "storm.sink")
            deaths = summary(props.headers)
            expect(len(deaths) == depth and all(r == "expired" and n == 1 for _, r, n in deaths),
                   "a copy at the bottom has x-death %r" % deaths[:3])

            for k in range(depth):
                for side in "ab":
                    ch.queue_delete("storm.%d.%s" % (k, side))
            for k in range(depth + 1):
                ch.exchange_delete("storm.x%d" % k)
            time.sleep(0.5)   # the turn under way, and the copies left, find no queue
            idle_from = cpu_seconds(pid)
            time.sleep(2.0)
            idle = cpu_seconds(pid) - idle_from
            note("CPU over 2 s once the queues were deleted: %.2f s" % idle)
            expect(idle < 0.3, "the broker is still busy (%.2f s of CPU in 2 s) after the queues went" % idle)
        finally:
            probe.close()
            close_quietly(c)
        round_trip(b.port, "after-the-storm")


# --- cycle ----------------------------------------------------------------------------------

def scenario_cycle(ctx):
    with broker(ctx) as b:
        c = connect(b.port)
        try:
            ch = c.channel()
            ch.exchange_declare("cycle.dlx.a", "fanout")
            ch.exchange_declare("cycle.dlx.b", "fanout")
            ch.queue_declare("cycle.audit")
            ch.queue_declare("cycle.a", arguments={"x-message-ttl": 0, "x-dead-letter-exchange": "cycle.dlx.a"})
            ch.queue_declare("cycle.b", arguments={"x-message-ttl": 0, "x-dead-letter-exchange": "cycle.dlx.b"})
            for queue, exchange in (("cycle.b", "cycle.dlx.a"), ("cycle.audit", "cycle.dlx.a"),
                                    ("cycle.a", "cycle.dlx.b"), ("cycle.audit", "cycle.dlx.b")):
                ch.queue_bind(queue, exchange)
            ch.basic_publish("", "cycle.a", b"round")
            time.sleep(1.0)
            audit = [summary(props.headers) for props, _ in get_all(ch, "cycle.audit")]
            expect(audit == [[("cycle.a", "expired", 1)], [("cycle.b", "expired", 1), ("cycle.a", "expired", 1)]],
                   "the audit queue got %r" % audit)
            for q in ("cycle.a", "cycle.b"):
                expect(ch.queue_declare(q, passive=True).method.message_count == 0, "%s kept a copy" % q)

            ch.queue_declare("cycle.work", arguments={"x-dead-letter-exchange": "",
                                                      "x-dead-letter-routing-key": "cycle.retry"})
            ch.queue_declare("cycle.retry", arguments=ttl0_args("cycle.work"))
            ch.basic_publish("", "cycle.work", b"again")
            for rounds in range(1, 4):
                method, _, _ = wait_get(ch, "cycle.work")
                ch.basic_reject(method.delivery_tag, requeue=False)
                method, props, body = wait_get(ch, "cycle.work")
                expect(summary(props.headers) == [("cycle.retry", "expired", rounds), ("cycle.work", "rejected", rounds)],
                       "round %d: x-death %r" % (rounds, summary(props.headers)))
                ch.basic_nack(method.delivery_tag, requeue=True)
        finally:
            close_quietly(c)


def wait_get(channel, queue, deadline=5.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        method, props, body = channel.basic_get(queue, auto_ack=False)
        if method is not None:
            return method, props, body
        time.sleep(0.02)
    raise AssertionError("nothing in %s within %.0f s" % (queue, deadline))


# --- persistent_copies ----------------------------------------------------------------------

def scenario_persistent_copies(ctx):
    with broker(ctx) as b:
        c = connect(b.port)
        try:
            ch = c.channel()
            ch.queue_declare("keep.2", durable=True)
            ch.queue_declare("keep.1", durable=True, arguments=ttl0_args("keep.2"))
            ch.queue_declare("keep.0", durable=True, arguments=ttl0_args("keep.1"))
            ch.confirm_delivery()
            ch.basic_publish("", "keep.0", b"persistent", pika.BasicProperties(delivery_mode=2))
            ch.basic_publish("", "keep.0", b"transient", pika.BasicProperties(delivery_mode=1))
            deadline = time.monotonic() + 5
            while ch.queue_declare("keep.2", passive=True).method.message_count < 2:
                expect(time.monotonic() < deadline, "the copies did not reach keep.2")
                time.sleep(0.05)
        finally:
            close_quietly(c)
        b.restart()
        c = connect(b.port)
        try:
            ch = c.channel()
            kept = get_all(ch, "keep.2")
            expect([body for _, body in kept] == [b"persistent"], "after the restart keep.2 holds %r"
                   % [body for _, body in kept])
            props = kept[0][0]
            expect(summary(props.headers) == [("keep.1", "expired", 1), ("keep.0", "expired", 1)],
                   "x-death after the restart: %r" % summary(props.headers))
            expect(props.delivery_mode == 2, "delivery mode %r" % props.delivery_mode)
        finally:
            close_quietly(c)


SCENARIOS = [
    ("chain", scenario_chain),
    ("fanout_storm", scenario_fanout_storm),
    ("cycle", scenario_cycle),
    ("persistent_copies", scenario_persistent_copies),
]


def add_arguments(ap):
    ap.add_argument("--chain", type=int, default=20000, help="queues in the chain (RabbitMQ: at most 300)")


def main():
    return run_scenarios(__doc__, SCENARIOS, "dead_letter_cascades", add_arguments, CascadeRun)


if __name__ == "__main__":
    sys.exit(main())
