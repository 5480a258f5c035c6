#!/usr/bin/env python3
"""Broken variants of shipped lessons must fail: each variant changes one thing a learner
could get wrong (a consumer's ack mode flipped, a queue made non-durable, a binding key
changed), runs with `warren --lesson FILE`, and must exit 1 with a ✗ beside the expectation
the change breaks, followed by that expectation's own explanation. A lesson whose ✓ cannot
turn ✗ would teach nothing."""
import copy
import json
import os
import subprocess
import sys
import tempfile

warren, scenarios = sys.argv[1], sys.argv[2]


def load(name):
    with open(os.path.join(scenarios, name + ".json")) as f:
        return json.load(f)


def client(lesson, name):
    return next(c for c in lesson["clients"] if c["name"] == name)


def flip_ack(lesson):
    client(lesson, "worker 1")["ack"] = "automatic"


def transient_queue(lesson):
    for c in lesson["clients"]:
        if c.get("queue", {}).get("name") == "hello":
            c["queue"]["durable"] = False


def manual_ack(lesson):
    client(lesson, "worker 1")["ack"] = "manual"


def change_binding_key(lesson):
    binding = next(b for b in lesson["topology"]["bindings"] if b["destination"] == "disk")
    binding["routing_key"] = "eror"


# (lesson, what is broken, the change, the explanation that must follow a ✗)
VARIANTS = [
    ("crash-redelivery", "worker 1 with automatic ack", flip_ack,
     "an unacknowledged message of a dead consumer goes to the next one, marked redelivered"),
    ("durability", "the queue 'hello' declared transient", transient_queue,
     "a durable queue keeps its persistent messages across a restart; transient messages are lost"),
    ("routing", "'disk' bound with 'eror' instead of 'error'", change_binding_key, "'disk' is bound with 'error'"),
    # "still 0" must hold a while: the crashed worker's requeued messages reach worker 2.
    ("auto-ack-loss", "worker 1 with manual ack", manual_ack,
     "automatically acknowledged messages are deleted on delivery: there is nothing to redeliver"),
]

failures = 0
with tempfile.TemporaryDirectory() as work:
    for name, what, change, explanation in VARIANTS:
        lesson = copy.deepcopy(load(name))
        change(lesson)
        path = os.path.join(work, name + "-broken.json")
        with open(path, "w") as f:
            json.dump(lesson, f, ensure_ascii=False)
        run = subprocess.run([warren, "--lesson", path], capture_output=True, text=True, timeout=240)
        failed_lines = [line for line in run.stdout.splitlines() if line.strip().startswith("✗")]
        explained = any(line.rstrip().endswith(explanation) for line in failed_lines)
        if run.returncode == 1 and explained:
            print(f"ok: {name} with {what} fails: {next(l for l in failed_lines if l.rstrip().endswith(explanation)).strip()}")
        else:
            failures += 1
            print(f"FAIL: {name} with {what}: exit {run.returncode}, ✗ lines {failed_lines}\n{run.stdout}\n{run.stderr}")
        # The unbroken lesson is run by its own ctest (lesson_<name>).
sys.exit(1 if failures else 0)
