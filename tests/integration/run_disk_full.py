#!/usr/bin/python3
"""A broker whose data directory fills up mid-run: no confirm without the record on disk.

Warren's data directory is a 12 MiB tmpfs, its segment files 1 MiB (root writes into ext4's reserved blocks, so a real
file system would not fill), mounted in a private mount namespace: the script runs itself
again under `unshare -m`. A publisher sends persistent 64 KiB messages with publisher confirms
until the disk is full and the broker blocks it (its disk alarm: the store cannot write);
a consumer then drains part of the queue, which frees segments, the writes go through, the
held confirms arrive, the alarm clears. After a SIGKILL and a restart, every message the
broker confirmed is there (or was consumed), and none is empty.

Exit 0 on success, 1 on failure, 77 when it cannot mount (not root, no mount namespace).
"""
import argparse
import os
import subprocess
import sys
import threading
import time

import pika

from brokerctl import BrokerFailed, cleanup, make_broker, tail

SIZE_MIB, BODY = 12, 64 << 10


def body(i):
    return (b"%08d" % i) * (BODY // 8)


def number(b):
    """The message's number, or None when the body is not one this script sent, whole."""
    try:
        i = int(b[:8])
    except ValueError:
        return None
    return i if b == body(i) else None


def check(cond, what):
    if not cond:
        raise AssertionError(what)


class ConfirmingPublisher(threading.Thread):
    """Publishes persistent messages with confirms, remembering which the broker acked."""

    def __init__(self, port, total):
        super().__init__(daemon=True)
        self.conn = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port))
        self.ch = self.conn.channel()
        self.ch.queue_declare("disk.full", durable=True)
        self.ch.confirm_delivery()
        self.total, self.acked, self.nacked, self.ended = total, [], [], None

    def run(self):
        try:
            for i in range(self.total):
                try:
                    self.ch.basic_publish("", "disk.full", body(i), pika.BasicProperties(delivery_mode=2))
                    self.acked.append(i)
                except pika.exceptions.NackError:
                    self.nacked.append(i)
            self.ended = "finished"
        except Exception as e:  # noqa: BLE001 - the broker is killed under it in the end
            self.ended = repr(e)


def fill_and_free(broker):
    """Returns (confirmed, consumed) numbers."""
    pub = ConfirmingPublisher(broker.port, 2 * (SIZE_MIB << 20) // BODY)   # twice what the disk holds
    pub.start()
    # Full: confirms stop (pika's blocked callback does not run inside a publish's wait).
    last, since, deadline = -1, time.monotonic(), time.monotonic() + 60
    while time.monotonic() - since < 2.0:
        check(pub.ended is None, "the publisher ended (%s) without the disk filling: %d confirmed"
              % (pub.ended, len(pub.acked)))
        check(time.monotonic() < deadline, "confirms never stopped within 60 s (%d confirmed)" % len(pub.acked))
        if len(pub.acked) != last:
            last, since = len(pub.acked), time.monotonic()
        time.sleep(0.05)
    full_at = len(pub.acked)
    print("disk full: confirms stopped after %d of 64 KiB, %d nacked" % (full_at, len(pub.nacked)))
    check(full_at * BODY <= SIZE_MIB << 20, "more confirmed (%d x 64 KiB) than a %d MiB disk holds"
          % (full_at, SIZE_MIB))
    time.sleep(1.0)
    check(len(pub.acked) == full_at, "confirms went on while the disk was full: %d -> %d" % (full_at, len(pub.acked)))

    consumer = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", broker.port))
    cch = consumer.channel()
    consumed = []
    for method, _, b in cch.consume("disk.full", inactivity_timeout=10):
        check(method is not None, "the consumer got nothing for 10 s after %d messages" % len(consumed))
        check(number(b) is not None, "a consumed message is damaged or empty (%d bytes)" % len(b))
        consumed.append(number(b))
        cch.basic_ack(method.delivery_tag)
        if len(consumed) >= max(1, full_at // 2):
            break
    cch.cancel()
    deadline = time.monotonic() + 30
    while len(pub.acked) <= full_at:
        consumer.process_data_events(0.1)
        check(time.monotonic() < deadline, "no confirm within 30 s after consuming freed space")
    print("consumed %d: writes went through, confirms resumed (%d confirmed now)" % (len(consumed), len(pub.acked)))
    consumer.close()
    return list(pub.acked), consumed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--broker", required=True)
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("SKIP: mounting a tmpfs needs root")
        return 77
    if os.environ.get("WARREN_PRIVATE_MOUNTS") != "1":   # mounts of its own, gone with it
        os.environ["WARREN_PRIVATE_MOUNTS"] = "1"
        os.execvp("unshare", ["unshare", "-m", sys.executable] + sys.argv)
    broker = make_broker("warren", args.broker)
    data = broker.data_dir
    os.makedirs(data)
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,mode=0700" % SIZE_MIB, "tmpfs", data],
                         capture_output=True, text=True)
    if res.returncode != 0:
        print("SKIP: cannot mount a tmpfs (root in a private mount namespace: unshare -m): " + res.stderr.strip())
        cleanup(broker)
        return 77
    broker.extra_args = ["--disk-free-limit", "0", "--store-segment-size", str(1 << 20)]
    try:
        broker.start()
        confirmed, consumed = fill_and_free(broker)
        check(broker.kill() is None, "the broker had exited by itself")
        broker.start()
        conn = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", broker.port))
        ch = conn.channel()
        present = []
        while True:
            method, _, b = ch.basic_get("disk.full", auto_ack=False)
            if method is None:
                break
            check(number(b) is not None, "a recovered message is damaged or empty (%d bytes)" % len(b))
            present.append(number(b))
        missing = sorted(set(confirmed) - set(consumed) - set(present))
        check(not missing, "confirmed messages lost after kill -9: %s" % missing[:20])
        print("after kill -9 and restart: %d messages, every one of the %d confirmed and not consumed, none empty"
              % (len(present), len(set(confirmed) - set(consumed))))
        conn.close()
        broker.stop()
        print("PASS disk_full")
        return 0
    except (AssertionError, BrokerFailed, pika.exceptions.AMQPError) as e:
        print("FAIL disk_full: %s\n---- broker log ----\n%s" % (e, tail(broker.log_path)))
        return 1
    finally:
        if broker.alive():
            broker.kill()
        subprocess.run(["umount", data], check=False)
        cleanup(broker)


if __name__ == "__main__":
    sys.exit(main())
