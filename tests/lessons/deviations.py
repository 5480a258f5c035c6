#!/usr/bin/env python3
"""Every deviation a lesson offers its learner must break what it says it breaks: played with
`warren --lesson NAME --deviate DEVIATION`, the lesson exits 1 with a ✗ beside the expectation
the deviation names, followed by that expectation's own explanation. A lesson whose ✓ cannot
turn ✗ would teach nothing; an offered deviation that breaks nothing would mislead.

Also: an unknown deviation is a usage error (2), and --report names the deviation played.
The runs mostly wait (expectations that fail take their whole time), so a few go at once."""
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile

warren, scenarios = sys.argv[1], sys.argv[2]


def deviations():
    for path in sorted(glob.glob(os.path.join(scenarios, "*.json"))):
        if path.endswith("scenario.schema.json"):
            continue
        with open(path) as f:
            lesson = json.load(f)
        for d in lesson.get("deviations", []):
            _, _, step, _, index = d["breaks"].split("/")
            why = lesson["steps"][int(step)]["expect"][int(index)]["why"]["en"]
            yield lesson["name"], d["name"], why


def play(case, report=None):
    lesson, deviation, why = case
    command = [warren, "--lesson", lesson, "--deviate", deviation] + (["--report", report] if report else [])
    run = subprocess.run(command, capture_output=True, text=True, timeout=400)
    failed = [line.strip() for line in run.stdout.splitlines() if line.strip().startswith("✗")]
    explained = [line for line in failed if line.endswith(why)]
    if run.returncode == 1 and explained and "Deviating from the lesson:" in run.stdout:
        return None, f"ok: {lesson} --deviate {deviation} fails: {explained[0]}"
    return f"FAIL: {lesson} --deviate {deviation}: exit {run.returncode}, ✗ lines {failed}\n{run.stdout}\n{run.stderr}", None


cases = list(deviations())
if len(cases) < 3:
    sys.exit(f"FAIL: only {len(cases)} deviations are shipped; the lessons promise at least three")
failures = []
with tempfile.TemporaryDirectory() as work:
    report = os.path.join(work, "report.json")
    first_failure, first_ok = play(cases[0], report)
    results = [(first_failure, first_ok)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        results += list(pool.map(play, cases[1:]))
    for failure, ok in results:
        print(ok or failure)
        if failure:
            failures.append(failure)
    with open(report) as f:
        played = json.load(f)
    if played.get("deviation") != cases[0][1] or played.get("passed"):
        failures.append(f"FAIL: the report of {cases[0][0]} --deviate {cases[0][1]} says {played.get('deviation')!r}, "
                        f"passed {played.get('passed')}")

unknown = subprocess.run([warren, "--lesson", cases[0][0], "--deviate", "no-such-thing"],
                         capture_output=True, text=True, timeout=60)
if unknown.returncode != 2 or "no deviation named 'no-such-thing'" not in unknown.stderr:
    failures.append(f"FAIL: an unknown deviation: exit {unknown.returncode}, {unknown.stderr!r}")
else:
    print("ok: an unknown deviation is a usage error:", unknown.stderr.strip())
print(f"{len(cases)} deviations played, {len(failures)} failures")
sys.exit(1 if failures else 0)
