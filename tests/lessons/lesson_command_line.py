#!/usr/bin/env python3
"""`warren --lessons` and `warren --lesson` from a terminal, as a user types them, with no
display at all: the list's format (NAME<TAB>title, NAME the same in every language), the
titles in Chinese with --lang zh_CN, a lesson run with --report (the JSON's fields), and the
exit statuses for usage errors (2)."""
import json
import os
import re
import subprocess
import sys
import tempfile

warren = sys.argv[1]
env = dict(os.environ)
env.pop("DISPLAY", None)
env.pop("WAYLAND_DISPLAY", None)
env.pop("QT_QPA_PLATFORM", None)   # --lessons and --lesson must never need a window
failures = []


def run(*args, timeout=240):
    return subprocess.run([warren, *args], capture_output=True, text=True, env=env, timeout=timeout)


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


listing = run("--lessons")
check(listing.returncode == 0, f"--lessons exits 0 (got {listing.returncode}: {listing.stderr})")
lines = listing.stdout.splitlines()
check(len(lines) >= 3, f"--lessons lists the lessons (got {len(lines)})")
names = []
for line in lines:
    check(re.fullmatch(r"[a-z0-9-]+\t[^\t]+", line) is not None, f"--lessons line is NAME<TAB>title: {line!r}")
    names.append(line.split("\t")[0])
check("hello-world" in names, "hello-world is listed")

chinese = run("--lessons", "--lang", "zh_CN")
zh_names = [line.split("\t")[0] for line in chinese.stdout.splitlines()]
check(zh_names == names, "the names are the same in Chinese")
check(any(re.search(r"[\u4e00-\u9fff]", line) for line in chinese.stdout.splitlines()),
      "the titles are in Chinese with --lang zh_CN")

unknown = run("--lesson", "no-such-lesson")
check(unknown.returncode == 2, f"an unknown lesson exits 2 (got {unknown.returncode})")
check("no-such-lesson" in unknown.stderr and "hello-world" in unknown.stderr,
      "an unknown lesson is named, with the lessons there are")
check(run("--report", "x.json").returncode == 2, "--report without --lesson exits 2")

with tempfile.TemporaryDirectory() as work:
    broken = os.path.join(work, "broken.json")
    with open(broken, "w") as f:
        f.write('{"name": "Bad Name", "steps": []}')
    invalid = run("--lesson", broken)
    check(invalid.returncode == 2, f"an invalid scenario file exits 2 (got {invalid.returncode})")
    check("/name: does not match" in invalid.stderr and "missing required property 'chapter'" in invalid.stderr,
          f"an invalid scenario file says where it is wrong: {invalid.stderr!r}")

    report_path = os.path.join(work, "report.json")
    played = run("--lesson", "hello-world", "--report", report_path, "--lang", "zh_CN")
    print(played.stdout)
    check(played.returncode == 0, f"hello-world passes (exit {played.returncode}): {played.stderr}")
    check("✓" in played.stdout and "✗" not in played.stdout, "every expectation shows ✓")
    check(re.search(r"127\.0\.0\.1:\d+", played.stdout) is not None, "the scratch broker's address is printed")
    with open(report_path) as f:
        report = json.load(f)
    check(report["lesson"] == "hello-world" and report["passed"] is True and report["failures"] == 0,
          "the report says the lesson passed")
    check(report["language"] == "zh_CN", "the report is in the language asked for")
    check(len(report["steps"]) >= 2 and all(s["expectations"] for s in report["steps"]),
          "the report has every step with its expectations")
    check(all(e["result"] == "passed" for s in report["steps"] for e in s["expectations"]),
          "every expectation of the report passed")
    check(re.search(r"[\u4e00-\u9fff]", report["steps"][0]["say"]) is not None, "the steps are in Chinese")
    check(re.search(r"[\u4e00-\u9fff]", report["steps"][0]["expectations"][0]["expectation"]) is not None,
          "the expectations are described in Chinese")

print("lesson command line:", "ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
