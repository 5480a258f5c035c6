#!/usr/bin/env python3
"""The lessons exported as pika scripts (`warren --export-lesson NAME --to DIR --url URL`,
PythonExport), run unmodified with /usr/bin/python3 against Warren and, when it is installed,
Debian's rabbitmq-server: what the Lessons page hands a learner must work on a real broker.

For hello-world, round-robin, routing, channels and rpc: setup_topology.py first when there is one, the
consumers in the background with --count (each until it prints " [*] Waiting for messages"),
then the producers in the lesson's order; each consumer must print exactly the bodies the
lesson says it gets, and its queue must be empty afterwards (nothing else was routed there).
An RPC client must print the server's answer to each of its requests.

Usage: exported_scripts.py WARREN_BINARY
Exit: 0 passed, 1 failed, 77 neither broker available (or pika missing).
"""
import ast
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import brokerctl  # noqa: E402

PYTHON = "/usr/bin/python3"
SKIP = 77
ERRORS = ["Run. Run. Or it will explode. 1", "Run. Run. Or it will explode. 2"]
# Per lesson: the queues it uses (emptied first), the producers in the order they run,
# and what each consumer receives, in order.
LESSONS = {
    "hello-world": {
        "queues": ["hello"],
        "producers": ["send.py", "send.py"],
        "received": {"receive.py": ["Hello World!", "Hello World!"]},
    },
    "round-robin": {
        "queues": ["hello"],
        "producers": ["send.py"] * 3,
        # Each run of send.py numbers its one message 1; round-robin gives each worker one.
        "received": {"worker 1": ["Hello World! 1"], "worker 2": ["Hello World! 1"], "worker 3": ["Hello World! 1"]},
    },
    "routing": {
        "queues": ["disk", "screen"],
        "producers": ["emit_log_direct.py error", "emit_log_direct.py info", "emit_log_direct.py debug"],
        "received": {
            "receive_logs_direct.py error": ERRORS,
            "receive_logs_direct.py info warning error": ERRORS + ["Hello 1", "Hello 2", "Hello 3"],
        },
    },
    "channels": {
        "queues": ["hello"],
        "producers": ["send.py"],
        # One consumer script, three channels: every message once, whichever channel took it.
        "received": {"worker.py": ["Hello World!"] * 6},
    },
    "rpc": {
        "queues": ["rpc_queue"],
        "producers": ["rpc_client.py", "rpc_client_2.py"],
        "received": {"rpc_server.py": ["1", "2", "3", "1", "2"]},
        # The answers each client prints: its own requests' only.
        "answers": {"rpc_client.py": ["reply to 1", "reply to 2", "reply to 3"], "rpc_client_2.py": ["reply to 1", "reply to 2"]},
    },
}
ANSWER = re.compile(r"^ \[\.\] Got (b'.*')$")
RECEIVED = re.compile(r"^ \[x\] Received (b'.*'|b\".*\") \(redelivered: (True|False)\)$")

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return condition


def file_of(client):
    """The file name PythonExport gives a client (docs: "worker 1" -> "worker_1.py")."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", client)
    return name if name.endswith(".py") else name + ".py"


def window_free_env():
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)   # --export-lesson must never need a window
    return env


def export(warren, lesson, url, directory):
    res = subprocess.run([warren, "--export-lesson", lesson, "--to", directory, "--url", url],
                         capture_output=True, text=True, env=window_free_env(), timeout=60)
    check(res.returncode == 0, f"{lesson}: --export-lesson exits 0 (got {res.returncode}: {res.stderr})")
    return res.returncode == 0


class Consumer:
    """A consumer script in the background; its output read line by line."""

    def __init__(self, path, count):
        self.lines = []
        self.waiting = threading.Event()
        self.proc = subprocess.Popen([PYTHON, path, "--count", str(count)], cwd=os.path.dirname(path),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if "[*] Waiting for messages" in line:
                self.waiting.set()
        self.waiting.set()   # exited: stop waiting for it either way

    def received(self):
        bodies = []
        for line in self.lines:
            match = RECEIVED.match(line)
            if match:
                bodies.append((ast.literal_eval(match.group(1)).decode(), match.group(2) == "True"))
        return bodies

    def finish(self, timeout=30):
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(5)
        return self.proc.returncode


def run_script(path, what):
    res = subprocess.run([PYTHON, path], cwd=os.path.dirname(path), capture_output=True, text=True, timeout=60)
    check(res.returncode == 0, f"{what} exits 0 (got {res.returncode}): {res.stdout}{res.stderr}")
    return res.stdout


def empty_queues(url, queues):
    import pika
    connection = pika.BlockingConnection(pika.URLParameters(url))
    for queue in queues:
        try:
            connection.channel().queue_delete(queue=queue)
        except pika.exceptions.ChannelClosedByBroker:
            pass   # a broker may refuse to delete a queue that is not there: nothing to empty
    connection.close()


def ready_in(url, queue):
    import pika
    connection = pika.BlockingConnection(pika.URLParameters(url))
    count = connection.channel().queue_declare(queue=queue, passive=True).method.message_count
    connection.close()
    return count


def play(warren, kind, url, name, lesson, work):
    where = f"{kind}/{name}"
    directory = os.path.join(work, name)
    if not export(warren, name, url, directory):
        return
    empty_queues(url, lesson["queues"])
    setup = os.path.join(directory, "setup_topology.py")
    if os.path.exists(setup):
        run_script(setup, f"{where}: setup_topology.py")
    consumers = {}
    for client, bodies in lesson["received"].items():
        consumer = Consumer(os.path.join(directory, file_of(client)), len(bodies))
        consumers[client] = consumer
        check(consumer.waiting.wait(30) and consumer.proc.poll() is None,
              f"{where}: {client} waits for messages: {consumer.lines}")
    for producer in lesson["producers"]:
        out = run_script(os.path.join(directory, file_of(producer)), f"{where}: {producer}")
        check(" [x] Sent " in out, f"{where}: {producer} prints ' [x] Sent': {out!r}")
        if producer in lesson.get("answers", {}):
            answers = [ast.literal_eval(m.group(1)).decode() for m in map(ANSWER.match, out.splitlines()) if m]
            check(answers == lesson["answers"][producer], f"{where}: {producer} gets {lesson['answers'][producer]}, got {answers}")
    for client, expected in lesson["received"].items():
        consumer = consumers[client]
        code = consumer.finish()
        got = consumer.received()
        check(code == 0, f"{where}: {client} exits 0 after --count {len(expected)} (got {code}): {consumer.lines}")
        check([body for body, _ in got] == expected, f"{where}: {client} receives {expected}, got {got}")
        check(not any(redelivered for _, redelivered in got), f"{where}: {client} gets no redelivery: {got}")
    for queue in lesson["queues"]:
        count = ready_in(url, queue)
        check(count == 0, f"{where}: queue {queue!r} is empty at the end (it holds {count})")
    print(f"{where}: done", flush=True)


def against(kind, warren):
    """Plays every lesson against a broker of `kind`; False when that broker is unavailable."""
    try:
        broker = brokerctl.make_broker(kind, binary=warren)
    except brokerctl.BrokerFailed as e:
        check(False, f"{kind}: {e}")
        return True
    try:
        try:
            broker.start()
        except brokerctl.BrokerUnavailable as e:
            print(f"SKIP {kind}: {e}", flush=True)
            return False
        except brokerctl.BrokerFailed as e:
            check(False, f"{kind}: {e}\n{brokerctl.tail(broker.log_path)}")
            return True
        url = f"amqp://guest:guest@127.0.0.1:{broker.port}/"
        print(f"{kind}: {url}", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"warren-scripts-{kind}-") as work:
            for name, lesson in LESSONS.items():
                started = time.monotonic()
                play(warren, kind, url, name, lesson, work)
                print(f"{kind}/{name}: {time.monotonic() - started:.1f} s", flush=True)
        problem = broker.stop()
        check(problem is None, f"{kind}: {problem}")
        return True
    finally:
        if broker.alive():
            broker.stop()
        brokerctl.cleanup(broker)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if subprocess.run([PYTHON, "-c", "import pika"], capture_output=True).returncode != 0:
        print("SKIP: the scripts need pika (apt install python3-pika)")
        return SKIP
    available = [against(kind, sys.argv[1]) for kind in ("warren", "rabbitmq")]
    if not any(available):
        print("SKIP: neither Warren nor RabbitMQ could start")
        return SKIP
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
