#!/usr/bin/env python3
"""The lessons teach RabbitMQ's behaviour, not only Warren's: every shipped lesson runs with
`warren --lesson NAME --broker amqp://…` against Debian's rabbitmq-server (started here on
free ports, as the other reference runs do). Its topology is declared over AMQP, only what
the clients saw is checked, and broker-observed expectations show as skipped (–).

Lessons that need Warren's own broker — they restart or step it, or create vhosts and users —
must exit 3 ("cannot run here"), and only those. Every other lesson must exit 0: a ✗ here
means the lesson states something RabbitMQ does not do.
Exit 77 (skipped) when rabbitmq-server is not installed."""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import brokerctl  # noqa: E402

warren, scenarios = sys.argv[1], sys.argv[2]


def needs_warren(lesson):
    topology = lesson.get("topology", {})
    return lesson.get("needsBrokerControl", False) or any(topology.get(k) for k in ("vhosts", "users", "permissions"))


broker = brokerctl.make_broker("rabbitmq")
try:
    broker.start()
except brokerctl.BrokerUnavailable as e:
    print("SKIP:", e)
    sys.exit(77)

failures = 0
try:
    url = "amqp://guest:guest@127.0.0.1:%d/" % broker.port
    for path in sorted(glob.glob(os.path.join(scenarios, "*.json"))):
        if path.endswith("scenario.schema.json"):
            continue
        with open(path) as f:
            lesson = json.load(f)
        # One vhost per lesson, so that one lesson's queues do not meet the next one's.
        vhost = "lesson-" + lesson["name"]
        broker.ctl("add_vhost", vhost)
        broker.ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        run = subprocess.run([warren, "--lesson", path, "--broker", url + vhost], capture_output=True, text=True,
                             timeout=240)
        expected = 3 if needs_warren(lesson) else 0
        marks = [line.strip()[:1] for line in run.stdout.splitlines() if line.strip()[:1] in ("✓", "✗", "–")]
        if run.returncode != expected or (expected == 0 and "✗" in marks):
            failures += 1
            print(f"FAIL: {lesson['name']} on RabbitMQ: exit {run.returncode}, expected {expected}\n"
                  f"{run.stdout}\n{run.stderr}")
        else:
            print(f"ok: {lesson['name']} on RabbitMQ: exit {run.returncode}, "
                  f"{marks.count('✓')} ✓, {marks.count('–')} skipped (broker-observed)")
        broker.ctl("delete_vhost", vhost)
finally:
    broker.stop()
    brokerctl.cleanup(broker)
sys.exit(1 if failures else 0)
