#!/usr/bin/env python3
"""What an idle connection costs the broker: Warren and RabbitMQ side by side.

For each broker in turn: start it, read its resident memory (VmRSS) once idle, open N
AMQP connections (raw sockets, the handshake a client does: heartbeat 60 s, frame_max
128 KiB), read it again, then give every connection a channel and a consumer on one shared
queue and read it a third time. Prints the idle RSS and the cost per connection in KiB.

    connection_memory.py --warren build-rel/app/warren [--connections N] [--warren-only]
                         [--quick]

--quick: 50 connections, Warren only, and it checks only that the tool works (a smoke test
in ctest); the figures mean nothing then. Uses no client library: the frames are encoded by
tests/integration/frames.py. Run a Release build on an idle machine.
"""

import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import brokerctl  # noqa: E402
import frames  # noqa: E402

SETTLE_S = 2.0   # after opening: let the broker finish what the handshakes started
QUEUE = "connection-memory"


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for pid %d" % pid)


def broker_pid(broker):
    return broker.pid() if broker.kind == "rabbitmq" else broker.proc.pid


def consume_args(queue):
    # reserved, queue, consumer tag (the broker picks), no-local/no-ack/exclusive/no-wait, args
    return (frames.short(0) + frames.shortstr(queue) + frames.shortstr("")
            + frames.bits(False, True, False, False) + frames.table())


def open_connections(port, n):
    conns = []
    for _ in range(n):
        c = frames.RawConnection(port, timeout=30)
        c.handshake(heartbeat=60)
        conns.append(c)
    return conns


def add_consumers(conns):
    for c in conns:
        c.open_channel(1)
        c.send(frames.method_frame(1, frames.BASIC_CONSUME, consume_args(QUEUE)))
        c.recv_method(frames.BASIC_CONSUME_OK)


def settled_rss(pid):
    time.sleep(SETTLE_S)
    return rss_kib(pid)


def measure(broker, n):
    """Returns (idle KiB, per connection KiB, per connection with channel+consumer KiB)."""
    broker.start()
    try:
        pid = broker_pid(broker)
        setup = frames.RawConnection(broker.port, timeout=30)
        setup.handshake()
        setup.open_channel(1)
        setup.send(frames.method_frame(1, frames.QUEUE_DECLARE, frames.queue_declare_args(QUEUE)))
        setup.recv_method(frames.QUEUE_DECLARE_OK)
        idle = settled_rss(pid)
        conns = open_connections(broker.port, n)
        bare = settled_rss(pid)
        add_consumers(conns)
        consuming = settled_rss(pid)
        for c in conns + [setup]:
            c.close()
        return idle, (bare - idle) / n, (consuming - idle) / n
    finally:
        broker.stop()
        brokerctl.cleanup(broker)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--warren", required=True, help="the warren executable")
    ap.add_argument("--connections", type=int, default=2000)
    ap.add_argument("--warren-only", action="store_true")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n = 50 if args.quick else args.connections

    # Each connection is a descriptor here and one in the broker (inherited by RabbitMQ).
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 2 * n + 200)), hard))

    targets = ["warren"] if args.warren_only or args.quick else ["warren", "rabbitmq"]
    results = {}
    for target in targets:
        broker = brokerctl.make_broker(target, args.warren)
        try:
            results[target] = measure(broker, n)
        except brokerctl.BrokerUnavailable as e:
            print("connection_memory: %s skipped: %s" % (target, e), file=sys.stderr)

    print("%d idle connections (heartbeat 60 s), then each with a channel and a consumer on one queue;"
          % n)
    print("broker RSS (VmRSS) after %.0f s to settle, per connection = (RSS - idle RSS) / %d" % (SETTLE_S, n))
    print()
    print("%-10s | %14s | %20s | %32s" % ("broker", "idle RSS KiB", "KiB per connection",
                                         "KiB per connection+channel+consumer"))
    for target, (idle, bare, consuming) in results.items():
        print("%-10s | %14d | %20.1f | %32.1f" % (target, idle, bare, consuming))
        print("result broker=%s connections=%d idle_rss_kib=%d per_connection_kib=%.1f "
              "per_consumer_connection_kib=%.1f" % (target, n, idle, bare, consuming))
    if "warren" not in results:
        return 1
    if args.quick:
        # The smoke test: the tool ran end to end and measured something.
        idle, bare, consuming = results["warren"]
        return 0 if idle > 0 and consuming > 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
