#!/usr/bin/env python3
"""A declare-ok means the declaration is on disk (issue 12, item 3): when topology.json cannot
be written, the client that declared something durable gets an error instead of declare-ok,
the broker goes on (other clients, transient declarations) and retries the save until it
succeeds; what it then saved survives a restart.

The failure is made as root can feel it too: topology.json replaced, while the broker runs,
by a directory with a file in it, over which the new file cannot be renamed.

Usage: run_topology_save.py --broker WARREN   (exit 0 passed, 1 failed)"""
import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import brokerctl  # noqa: E402

import pika  # noqa: E402

failures = []


def check(condition, what):
    print(("ok: " if condition else "FAIL: ") + what, flush=True)
    if not condition:
        failures.append(what)


def connect(port):
    return pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--broker", required=True)
    binary = ap.parse_args().broker
    with tempfile.TemporaryDirectory(prefix="warren-topology-") as work:
        data = os.path.join(work, "data")
        b = brokerctl.WarrenBroker(binary, port=brokerctl.free_rabbitmq_port(), data_dir=data,
                                   log_path=os.path.join(work, "broker.log"))
        b.start()
        topology = os.path.join(data, "topology.json")
        publisher = connect(b.port)
        publisher_channel = publisher.channel()
        publisher_channel.queue_declare("steady")
        # Break the disk for topology.json.
        if os.path.exists(topology):
            os.remove(topology)
        os.mkdir(topology)
        open(os.path.join(topology, "in-the-way"), "w").close()

        declarer = connect(b.port)
        try:
            declarer.channel().queue_declare("orders", durable=True)
            check(False, "a durable declaration that could not be saved got declare-ok")
        except pika.exceptions.ConnectionClosedByBroker as e:
            check(e.reply_code == 541 and "cannot save the topology" in e.reply_text,
                  f"the durable declaration is answered 541 INTERNAL_ERROR: {e.reply_code} {e.reply_text}")
        other = connect(b.port)
        other.channel().queue_declare("scratch", exclusive=True)
        check(True, "a transient declaration still gets declare-ok")
        other.close()
        publisher_channel.basic_publish("", "steady", b"still here")
        publisher.process_data_events(time_limit=0.3)
        check(publisher.is_open, "a connection that changed nothing durable stays open")

        # Mend the disk: the retry saves what the broker holds, within a couple of seconds.
        shutil.rmtree(topology)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not os.path.isfile(topology):
            time.sleep(0.1)
        saved = open(topology).read() if os.path.isfile(topology) else ""
        check('"orders"' in saved, "the save is retried once the disk works: topology.json holds 'orders'")
        publisher.close()
        check(b.stop() is None, "the broker stops cleanly")
        b.start()
        again = connect(b.port)
        try:
            again.channel().queue_declare("orders", durable=True, passive=True)
            check(True, "after a restart the durable queue is there")
        except pika.exceptions.ChannelClosedByBroker as e:
            check(False, f"after a restart the durable queue is there: {e}")
        again.close()
        b.stop()
    print("topology save: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
