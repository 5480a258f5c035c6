#!/usr/bin/python3
"""The broker explaining itself, checked from outside with real processes (issue 9).

  trace_file  `warren --headless --trace-file FILE` while RabbitMQ's tutorial 5 runs as
              published (two receive_logs_topic.py receivers, emit_log_topic.py once per key
              of the tutorial's table) and a tutorial 2 worker.py is killed with SIGKILL
              before it acknowledges its task. A checker reads the JSON lines only: every key
              of the table is routed to exactly the tutorial's queues by the tutorial's
              bindings (or dropped as unroutable), and the killed worker's task is requeued
              with cause connection_lost and delivered, redelivered, to the other worker,
              which acknowledges it. The file is flushed while the broker runs (within a
              second) and on SIGTERM (the 320 closes of the last clients are in it).
  firehose    one pika scenario against Warren (`--trace-on /`) and against Debian's
              rabbitmq-server (`rabbitmqctl trace_on`), a queue bound to amq.rabbitmq.trace
              with '#': per routing key (publish.<exchange>, deliver.<queue>) the trace
              messages' count, order, exchange_name, routing_keys, routed_queues and
              redelivered headers and bodies are equal. Skipped without rabbitmq-server.

  /usr/bin/python3 run_observe.py --broker path/to/warren [--only trace_file|firehose]
Exit status: 0 passed, 1 a failure, 77 skipped (the only scenario asked for could not run).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402
import pika  # noqa: E402

PYTHON = "/usr/bin/python3"
TUTORIALS = os.path.join(HERE, "clients", "tutorials")
SKIP = 77

# RabbitMQ's tutorial 5: Q1 is bound with *.orange.*, Q2 with *.*.rabbit and lazy.#.
TOPIC_TABLE = [
    ("quick.orange.rabbit", {"Q1", "Q2"}),
    ("lazy.orange.elephant", {"Q1", "Q2"}),
    ("quick.orange.fox", {"Q1"}),
    ("lazy.brown.fox", {"Q2"}),
    ("lazy.pink.rabbit", {"Q2"}),          # matches both of Q2's bindings, delivered once
    ("quick.brown.fox", set()),            # matches nothing: discarded
    ("orange", set()),
    ("quick.orange.new.rabbit", set()),
    ("lazy.orange.new.rabbit", {"Q2"}),
]
BINDINGS = {"Q1": ["*.orange.*"], "Q2": ["*.*.rabbit", "lazy.#"]}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A tutorial script running as its own process; its output lines are collected."""

    def __init__(self, script, args, env):
        self.proc = subprocess.Popen([PYTHON, "-u", os.path.join(TUTORIALS, script)] + list(args), env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines = []
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.append(line.decode(errors="replace").rstrip("\n"))

    def wait_for(self, text, timeout=15, count=1):
        deadline = time.monotonic() + timeout
        while sum(text in line for line in self.lines) < count:
            check(time.monotonic() < deadline, "no %r from %s within %d s; it printed %r"
                  % (text, self.proc.args[2], timeout, self.lines))
            time.sleep(0.02)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def run_script(script, args, env):
    res = subprocess.run([PYTHON, os.path.join(TUTORIALS, script)] + list(args), env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    check(res.returncode == 0, "%s %s failed: %s" % (script, args, res.stdout.decode(errors="replace")))


def read_events(path):
    """The JSON lines written so far; every complete line must parse."""
    events = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.endswith("\n"):
                break   # still being written
            try:
                events.append(json.loads(line))
            except ValueError as e:
                raise Failure("line %d of the trace file is not JSON (%s): %r" % (number, e, line))
    return events


def wait_for_events(path, predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        events = read_events(path) if os.path.exists(path) else []
        if predicate(events):
            return events
        check(time.monotonic() < deadline, "the trace file did not show %s within %.1f s" % (what, timeout))
        time.sleep(0.05)


# ---- trace_file ------------------------------------------------------------------------------

def of_kind(events, kind, **fields):
    return [e for e in events if e["event"] == kind and all(e.get(k) == v for k, v in fields.items())]


def tutorial_queues(events):
    """Q1 and Q2 by the bindings their receivers made (the queues are server-named)."""
    names = {}
    for label, keys in BINDINGS.items():
        queues = {e["queue"] for e in of_kind(events, "binding_added", exchange="topic_logs")
                  if e["routing_key"] in keys}
        check(len(queues) == 1, "binding_added events for %s's keys %s name %s" % (label, keys, queues))
        names[label] = queues.pop()
    return names


def check_topic_routes(events):
    names = tutorial_queues(events)
    for key, expected in TOPIC_TABLE:
        published = of_kind(events, "published", exchange="topic_logs", routing_key=key)
        check(len(published) == 1, "%d published events for %r" % (len(published), key))
        trace_id = published[0].get("trace_id")
        check(trace_id, "the published event of %r has no trace_id (every message is traced below "
                        "the budget)" % key)
        routed = of_kind(events, "routed", trace_id=trace_id)
        reached = {e["queue"] for e in routed}
        want = {names[q] for q in expected}
        check(reached == want and len(routed) == len(want),
              "%r was routed to %s, the tutorial says %s" % (key, sorted(reached), sorted(want)))
        for e in routed:
            label = next(l for l, q in names.items() if q == e["queue"])
            check(e["cause"] == "binding" and e["exchange"] == "topic_logs",
                  "%r reached %s by %s of %r" % (key, label, e["cause"], e["exchange"]))
            check(e["detail"] in BINDINGS[label], "%r reached %s by binding %r, not one of %s"
                  % (key, label, e["detail"], BINDINGS[label]))
        if not want:
            check(of_kind(events, "unroutable", trace_id=trace_id),
                  "%r reached no queue but no unroutable event says so" % key)
        for q in want:
            check(of_kind(events, "delivered", trace_id=trace_id, queue=q),
                  "%r was not delivered from %s's queue" % (key, q))
    return names


def check_redelivery(events, killed_first):
    """The task went to one worker, which was killed; it came back and went to the other."""
    consumers = of_kind(events, "consumer_added", queue="task_queue")
    check(len(consumers) == 2, "%d consumers of task_queue in the trace" % len(consumers))
    published = of_kind(events, "published", exchange="", routing_key="task_queue")
    check(len(published) == 1 and published[0]["persistent"], "the task's published event: %s" % published)
    trace_id = published[0]["trace_id"]
    deliveries = of_kind(events, "delivered", trace_id=trace_id)
    check(len(deliveries) == 2, "the task was delivered %d times: %s" % (len(deliveries), deliveries))
    first, second = deliveries
    check(not first["redelivered"] and second["redelivered"], "redelivered flags: %s, %s"
          % (first["redelivered"], second["redelivered"]))
    check(first["connection"] != second["connection"], "both deliveries went to connection %s"
          % first["connection"])
    lost = of_kind(events, "connection_lost", connection=first["connection"])
    check(lost, "no connection_lost for the killed worker's connection %s" % first["connection"])
    requeued = of_kind(events, "requeued", trace_id=trace_id)
    check(len(requeued) == 1 and requeued[0]["cause"] == "connection_lost",
          "the task's requeued events: %s" % requeued)
    check(first["seq"] < lost[0]["seq"] < second["seq"] and requeued[0]["seq"] < second["seq"],
          "order: delivered %d, lost %d, requeued %d, redelivered %d"
          % (first["seq"], lost[0]["seq"], requeued[0]["seq"], second["seq"]))
    acked = of_kind(events, "acked", trace_id=trace_id)
    check(len(acked) == 1 and acked[0]["connection"] == second["connection"] and acked[0]["cause"] == "ack",
          "the task's acked events: %s" % acked)
    check(killed_first is not None, "no worker received the task")


def trace_file(binary, work):
    trace = os.path.join(work, "trace.jsonl")
    broker = brokerctl.WarrenBroker(binary, port=free_port(), data_dir=os.path.join(work, "data"),
                                    log_path=os.path.join(work, "warren.log"))
    broker.extra_args = ["--trace-file", trace]
    broker.start()
    env = dict(os.environ, AMQP_PORT=str(broker.port))
    clients = []
    killed = None
    try:
        receivers = [Client("receive_logs_topic.py", BINDINGS[q], env) for q in ("Q1", "Q2")]
        clients += receivers
        for r in receivers:
            r.wait_for("Waiting for logs")
        for key, _ in TOPIC_TABLE:
            run_script("emit_log_topic.py", [key, "a message for %s" % key], env)
        receivers[0].wait_for(" [x] ", count=sum("Q1" in q for _, q in TOPIC_TABLE))
        receivers[1].wait_for(" [x] ", count=sum("Q2" in q for _, q in TOPIC_TABLE))
        # Flushed within a second while running: the table's last publish is already there.
        last = TOPIC_TABLE[-1][0]
        wait_for_events(trace, lambda ev: of_kind(ev, "published", routing_key=last), 2.5,
                        "the publish of %r while the broker runs" % last)

        workers = []
        for _ in range(2):
            workers.append(Client("worker.py", [], env))
            workers[-1].wait_for("Waiting for messages")
            wait_for_events(trace, lambda ev: len(of_kind(ev, "consumer_added", queue="task_queue")) == len(workers),
                            5, "the worker's consumer")
        clients += workers
        run_script("new_task.py", ["A task.."], env)
        deadline = time.monotonic() + 10
        while killed is None:
            check(time.monotonic() < deadline, "no worker received the task")
            killed = next((w for w in workers if any("Received" in l for l in w.lines)), None)
            time.sleep(0.01)
        killed.stop(signal.SIGKILL)   # before its ack: two seconds of "work" are not over yet
        other = next(w for w in workers if w is not killed)
        other.wait_for("Received 'A task..' (redelivered=True)")
        other.wait_for("Done")
        wait_for_events(trace, lambda ev: of_kind(ev, "acked"), 2.5, "the redelivered task's ack")
    finally:
        problem = broker.stop()   # SIGTERM: the trace must be complete afterwards
        for c in clients:
            c.stop()
    check(problem is None, problem or "")
    events = read_events(trace)
    check(events and events[-1]["event"] == "untraced", "the trace does not end with its last per-second line")
    names = check_topic_routes(events)
    check_redelivery(events, killed)
    closed_by_shutdown = [e for e in of_kind(events, "connection_closed") if e["detail"].startswith("320 ")]
    check(len(closed_by_shutdown) >= 3, "the SIGTERM closes of the two receivers and the worker are missing "
                                       "from the trace (flushed on SIGTERM?): %s" % closed_by_shutdown)
    print("trace_file: %d events; tutorial 5 routes %s, redelivery after SIGKILL, flush on SIGTERM: passed"
          % (len(events), names))


# ---- firehose ---------------------------------------------------------------------------------

TRACE_QUEUE = "it.firehose.trace"
FIREHOSE_HEADERS = ("exchange_name", "routing_keys", "routed_queues", "redelivered")


def firehose_scenario(port):
    """The same client work on either broker: publishes through every kind of route, then
    deliveries by consume (ack, nack with requeue: redelivered) and by basic.get."""
    conn = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
    ch = conn.channel()
    ch.exchange_declare("it.fh.topic", "topic", auto_delete=True)
    for q in ("it.fh.a", "it.fh.b"):
        ch.queue_declare(q, auto_delete=False)
        ch.queue_purge(q)
    ch.queue_bind("it.fh.a", "it.fh.topic", "orders.*")
    ch.queue_bind("it.fh.b", "it.fh.topic", "#")
    ch.basic_publish("it.fh.topic", "orders.new", b"one", pika.BasicProperties(content_type="text/plain"))
    ch.basic_publish("it.fh.topic", "audit.x", b"two", pika.BasicProperties(headers={"CC": ["orders.cc"]}))
    ch.basic_publish("", "it.fh.a", b"three", pika.BasicProperties(delivery_mode=2, priority=3,
                                                                   correlation_id="c-1"))
    ch.basic_publish("it.fh.topic", "nowhere", b"four")   # reaches it.fh.b only (#)
    ch.basic_publish("", "it.fh.nobody", b"five")          # unroutable: traced all the same
    # it.fh.a holds one, (CC) two, three: take one by consume with a nack (requeued), then all.
    got = []
    for method, _props, body in ch.consume("it.fh.a", inactivity_timeout=2):
        if method is None:
            break
        got.append((body, method.redelivered))
        if len(got) == 1:
            ch.basic_nack(method.delivery_tag, requeue=True)
        else:
            ch.basic_ack(method.delivery_tag)
        if len(got) == 4:
            break
    ch.cancel()
    for _ in range(3):   # it.fh.b by basic.get: one, two, four
        method, _props, _body = ch.basic_get("it.fh.b", auto_ack=True)
        if method is None:
            break
    for q in ("it.fh.a", "it.fh.b"):
        ch.queue_delete(q)
    conn.close()
    return got


def collect_trace(port, expected, timeout=10):
    """Everything in the trace queue, in order, once `expected` messages arrived."""
    conn = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
    ch = conn.channel()
    out = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        method, props, body = ch.basic_get(TRACE_QUEUE, auto_ack=True)
        if method is None:
            if len(out) >= expected:
                break
            time.sleep(0.05)
            continue
        headers = props.headers or {}
        out.append((method.routing_key, tuple(_plain(headers.get(h)) for h in FIREHOSE_HEADERS), body))
    ch.queue_delete(TRACE_QUEUE)
    conn.close()
    return out


def _plain(value):
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, bytes):
        return value.decode()
    return value


def declare_trace_queue(port):
    conn = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
    ch = conn.channel()
    ch.queue_declare(TRACE_QUEUE)
    ch.queue_bind(TRACE_QUEUE, "amq.rabbitmq.trace", "#")
    conn.close()


def rabbitmqctl(broker, *args):
    status, output = broker.ctl(*args)
    check(status == 0, "rabbitmqctl %s failed: %s" % (" ".join(args), output))


def traced_run(broker, turn_on):
    broker.start()
    try:
        declare_trace_queue(broker.port)
        turn_on()
        got = firehose_scenario(broker.port)
        # 5 publishes; deliveries: 4 consumed from a (one twice), 3 got from b.
        return got, collect_trace(broker.port, 5 + 4 + 3)
    finally:
        broker.stop()


def by_routing_key(trace):
    groups = {}
    for key, headers, body in trace:
        groups.setdefault(key, []).append((headers, body))
    return groups


def firehose(binary, work):
    if not os.path.exists("/usr/lib/rabbitmq/bin/rabbitmq-server"):
        raise brokerctl.BrokerUnavailable("rabbitmq-server is not installed")
    rabbit = brokerctl.RabbitBroker(port=brokerctl.free_rabbitmq_port(), data_dir=os.path.join(work, "rabbit"),
                                    log_path=os.path.join(work, "rabbit.log"))
    rabbit_got, rabbit_trace = traced_run(rabbit, lambda: rabbitmqctl(rabbit, "trace_on", "-p", "/"))
    warren = brokerctl.WarrenBroker(binary, port=free_port(), data_dir=os.path.join(work, "warren-fh"),
                                    log_path=os.path.join(work, "warren-fh.log"))
    warren.extra_args = ["--trace-on", "/"]
    warren_got, warren_trace = traced_run(warren, lambda: None)
    check(warren_got == rabbit_got, "the clients saw different deliveries: Warren %s, RabbitMQ %s"
          % (warren_got, rabbit_got))
    check(len(rabbit_trace) == 12, "RabbitMQ traced %d messages, not 12: %s" % (len(rabbit_trace), rabbit_trace))
    w, r = by_routing_key(warren_trace), by_routing_key(rabbit_trace)
    check(sorted(w) == sorted(r), "routing keys: Warren %s, RabbitMQ %s" % (sorted(w), sorted(r)))
    for key in sorted(r):
        check(w[key] == r[key], "%s differs:\n  Warren   %s\n  RabbitMQ %s" % (key, w[key], r[key]))
    print("firehose: %d trace messages under %d routing keys, equal to RabbitMQ's: passed"
          % (len(warren_trace), len(r)))


# ---- main -------------------------------------------------------------------------------------

SCENARIOS = {"trace_file": trace_file, "firehose": firehose}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--broker", required=True, help="the Warren executable")
    parser.add_argument("--only", choices=sorted(SCENARIOS))
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # run the finally clauses: stop the brokers
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(1))
    signal.alarm(165)                                       # before ctest's TIMEOUT of 180 s
    work = os.path.realpath(tempfile.mkdtemp(prefix="warren-it-observe-"))
    failed, skipped = [], []
    for name, scenario in SCENARIOS.items():
        if args.only and name != args.only:
            continue
        try:
            scenario(args.broker, work)
        except brokerctl.BrokerUnavailable as e:
            print("SKIPPED %s: %s" % (name, e))
            skipped.append(name)
        except (Failure, brokerctl.BrokerFailed, pika.exceptions.AMQPError) as e:
            print("FAILED %s: %s" % (name, e))
            traceback.print_exc()
            failed.append(name)
    if failed or args.keep:
        print("work directory: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        return 1
    return SKIP if skipped and args.only else 0


if __name__ == "__main__":
    sys.exit(main())
