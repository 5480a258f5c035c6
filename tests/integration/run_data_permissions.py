#!/usr/bin/env python3
"""Warren's data directory is its user's alone, whatever the umask (issue 12, item 7): message
bodies and password hashes must not be readable by others, and a umask that takes the owner's
write bit away must not leave the broker unable to write its own files at the next start.

1. Under umask 0277 a fresh `warren --headless --data-dir D` makes D and every directory in it
   0700 and every file 0600 (the lock file, topology.json, the message segments); a persistent
   message survives a restart under the same umask.
2. A data directory an older Warren left 0755/0644 is tightened at start (umask 022).

Usage: run_data_permissions.py --broker WARREN   (exit 0 passed, 1 failed)"""
import argparse
import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import brokerctl  # noqa: E402

import pika  # noqa: E402

failures = []


def check(condition, what):
    print(("ok: " if condition else "FAIL: ") + what, flush=True)
    if not condition:
        failures.append(what)


def modes(root):
    """Every path under root (root included) with its permission bits."""
    found = {root: stat.S_IMODE(os.stat(root).st_mode)}
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(directory, name)
            found[path] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def check_private(root, when):
    seen = modes(root)
    wrong = {p: oct(m) for p, m in seen.items() if m != (0o700 if os.path.isdir(p) else 0o600)}
    check(not wrong, f"{when}: directories 0700, files 0600 ({len(seen)} paths){'' if not wrong else ': ' + str(wrong)}")
    names = {os.path.basename(p) for p in seen}
    return names


def publish(port):
    connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port))
    channel = connection.channel()
    channel.queue_declare("private", durable=True)
    channel.confirm_delivery()
    channel.basic_publish("", "private", b"a body nobody else may read", pika.BasicProperties(delivery_mode=2))
    connection.close()


def take(port):
    connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port))
    method, _, body = connection.channel().basic_get("private", auto_ack=True)
    connection.close()
    return body if method else None


def broker(binary, work, name):
    b = brokerctl.WarrenBroker(binary, port=brokerctl.free_rabbitmq_port(), data_dir=os.path.join(work, "data"),
                               log_path=os.path.join(work, name + ".log"))
    return b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--broker", required=True)
    binary = ap.parse_args().broker
    with tempfile.TemporaryDirectory(prefix="warren-perms-") as work:
        old = os.umask(0o277)
        try:
            b = broker(binary, work, "first")
            b.start()
            publish(b.port)
            names = check_private(b.data_dir, "umask 0277, running")
            check("warren.lock" in names and "topology.json" in names and any(n.endswith(".wseg") for n in names),
                  f"the lock file, topology.json and a segment were checked: {sorted(names)}")
            check(b.stop() is None, "the broker stops cleanly")
            b = broker(binary, work, "second")
            b.start()
            check(take(b.port) == b"a body nobody else may read", "umask 0277: the persistent message survives a restart")
            check(b.stop() is None, "the broker stops cleanly again")
        finally:
            os.umask(old)
        for path in modes(os.path.join(work, "data")):
            os.chmod(path, 0o755 if os.path.isdir(path) else 0o644)
        os.umask(0o022)
        b = broker(binary, work, "third")
        b.start()
        check_private(b.data_dir, "a data directory left 0755/0644, after a start")
        b.stop()
    print("data permissions: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
