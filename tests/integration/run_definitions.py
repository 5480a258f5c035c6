#!/usr/bin/python3
"""RabbitMQ definitions files between RabbitMQ 3.10 and Warren, both directions.

  1. A RabbitMQ reference node gets a topology from pika (exchanges of every type, queues
     with x-arguments, bindings with headers arguments and exchange-to-exchange ones, a
     second vhost, a user with a password, a user with narrow permissions) and exports it with `rabbitmqctl
     export_definitions`; a set of publishes records where each message goes.
  2. `warren --headless --import` of that file: the same publishes reach the same queues,
     the user logs in with the password only RabbitMQ ever saw, and the import reports
     no errors.
  3. `warren --headless --export` (broker stopped, reading its data directory) writes a
     file that `rabbitmqctl import_definitions` accepts on a fresh node, whose own export
     then equals the original, modulo ordering and versions. Non-durable objects are left
     out of that comparison: they do not outlive the Warren process that imported them.

    /usr/bin/python3 run_definitions.py --broker build/app/warren [--keep]
    /usr/bin/python3 run_definitions.py --capture FILE   # the unit tests' RabbitMQ file

Exit codes: 0 passed, 1 failed, 77 skipped (rabbitmq-server is not installed).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pika
import pika.exceptions

import brokerctl

SKIP = 77
USER, PASSWORD = "alice", "s3cret"
NARROW_USER = "carol"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# ---- RabbitMQ's command line ---------------------------------------------------------------

def rabbitmqctl(broker, *args):
    status, output = broker.ctl(*args)
    check(status == 0, "rabbitmqctl %s failed (%d): %s" % (" ".join(args), status, output))


def export_rabbitmq(broker, path):
    rabbitmqctl(broker, "export_definitions", path)
    with open(path) as f:
        return json.load(f)


# ---- the topology ------------------------------------------------------------------------------

# (exchange, type, arguments); all durable. it.withae sends what it cannot route to it.ae.
EXCHANGES = [
    ("it.direct", "direct", {}),
    ("it.fanout", "fanout", {}),
    ("it.topic", "topic", {}),
    ("it.headers", "headers", {}),
    ("it.ae", "fanout", {}),
    ("it.withae", "direct", {"alternate-exchange": "it.ae"}),
]
# (queue, durable, auto_delete, arguments)
QUEUES = [
    ("it.q.direct", True, False, {"x-message-ttl": 600000, "x-max-length": 1000,
                                  "x-dead-letter-exchange": "it.fanout", "x-dead-letter-routing-key": "dead"}),
    ("it.q.fanout", True, False, {"x-queue-mode": "lazy"}),
    ("it.q.topic", True, False, {"x-max-priority": 5}),
    ("it.q.headers", True, False, {"x-overflow": "reject-publish", "x-max-length-bytes": 1048576}),
    ("it.q.e2e", True, False, {"x-expires": 3600000}),
    ("it.q.ae", True, False, {}),
    ("it.q.quorum", True, False, {"x-queue-type": "quorum", "x-delivery-limit": 3}),
    ("it.q.autodelete", True, True, {}),
    ("it.q.transient", False, False, {}),
]
# (source, destination, destination is a queue, routing key, arguments)
BINDINGS = [
    ("it.direct", "it.q.direct", True, "rk", {}),
    ("it.direct", "it.q.quorum", True, "rk", {}),
    ("it.fanout", "it.q.fanout", True, "", {}),
    ("it.topic", "it.q.topic", True, "a.*.#", {}),
    ("it.headers", "it.q.headers", True, "", {"x-match": "all", "kind": "report", "level": 3}),
    ("it.headers", "it.q.transient", True, "", {"x-match": "any", "kind": "alert", "urgent": True}),
    ("it.direct", "it.topic", False, "e2e.x", {}),
    ("it.topic", "it.q.e2e", True, "e2e.*", {}),
    ("it.ae", "it.q.ae", True, "", {}),
    ("it.withae", "it.q.autodelete", True, "known", {}),
    ("amq.direct", "it.q.direct", True, "via-amq", {}),
]
# (exchange, routing key, headers): what the routing comparison publishes
PROBES = [
    ("it.direct", "rk", None),
    ("it.direct", "other", None),
    ("it.direct", "e2e.x", None),
    ("it.fanout", "anything", None),
    ("it.topic", "a.b.c.d", None),
    ("it.topic", "e2e.y", None),
    ("it.headers", "", {"kind": "report", "level": 3}),
    ("it.headers", "", {"kind": "report", "level": 4}),
    ("it.headers", "", {"kind": "alert"}),
    ("it.withae", "known", None),
    ("it.withae", "unknown", None),
    ("amq.direct", "via-amq", None),
]
DEV_VHOST = "dev"


def connect(port, vhost="/", user="guest", password="guest"):
    return pika.BlockingConnection(pika.ConnectionParameters(
        host="127.0.0.1", port=port, virtual_host=vhost, connection_attempts=1,
        credentials=pika.PlainCredentials(user, password)))


def declare(port):
    with connect(port) as c:
        ch = c.channel()
        for name, kind, arguments in EXCHANGES:
            ch.exchange_declare(name, kind, durable=True, arguments=arguments)
        for name, durable, auto_delete, arguments in QUEUES:
            ch.queue_declare(name, durable=durable, auto_delete=auto_delete, arguments=arguments)
        for source, destination, to_queue, key, arguments in BINDINGS:
            if to_queue:
                ch.queue_bind(destination, source, key, arguments=arguments)
            else:
                ch.exchange_bind(destination, source, key, arguments=arguments)
    with connect(port, DEV_VHOST, USER, PASSWORD) as c:
        ch = c.channel()
        ch.exchange_declare("dev.x", "topic", durable=True)
        ch.queue_declare("dev.q", durable=True)
        ch.queue_bind("dev.q", "dev.x", "#")


def declare_users(broker):
    rabbitmqctl(broker, "add_vhost", DEV_VHOST)
    rabbitmqctl(broker, "add_user", USER, PASSWORD)
    rabbitmqctl(broker, "set_user_tags", USER, "administrator", "monitoring")
    for vhost in ("/", DEV_VHOST):
        rabbitmqctl(broker, "set_permissions", "-p", vhost, USER, ".*", ".*", ".*")
    # Narrow permissions, which must come back exactly from the round trip.
    rabbitmqctl(broker, "add_user", NARROW_USER, PASSWORD)
    rabbitmqctl(broker, "set_permissions", "-p", "/", NARROW_USER, "^carol-", "", r"^(carol|shared)\.")
    rabbitmqctl(broker, "set_permissions", "-p", DEV_VHOST, NARROW_USER, "", "", "")


def declare_unsupported(broker):
    """What Warren has no counterpart for, for the unit tests' file: a limited user with
    partial permissions, limits, policies, parameters, topic permissions."""
    rabbitmqctl(broker, "add_user", "bob", "bobpw")
    rabbitmqctl(broker, "set_permissions", "-p", "/", "bob", "^bob-.*", ".*", "")
    rabbitmqctl(broker, "set_user_limits", "bob", '{"max-channels": 5}')
    rabbitmqctl(broker, "set_topic_permissions", "-p", "/", "bob", "amq.topic", "^x", "^y")
    rabbitmqctl(broker, "set_policy", "-p", DEV_VHOST, "ttl", r"^ttl\.", '{"message-ttl": 1000}',
                "--apply-to", "queues")
    rabbitmqctl(broker, "set_vhost_limits", "-p", DEV_VHOST, '{"max-connections": 10}')
    rabbitmqctl(broker, "set_global_parameter", "my_param", '"some value"')


def probe(port):
    """Where each of PROBES lands: {probe index: sorted queue names}."""
    queues = [q[0] for q in QUEUES]
    landed = {}
    with connect(port) as c:
        ch = c.channel()
        ch.confirm_delivery()
        for i, (exchange, key, headers) in enumerate(PROBES):
            ch.basic_publish(exchange, key, json.dumps(i).encode(), pika.BasicProperties(headers=headers))
        for q in queues:
            while True:
                method, _, body = ch.basic_get(q, auto_ack=True)
                if method is None:
                    break
                landed.setdefault(json.loads(body), []).append(q)
    return {i: sorted(landed.get(i, [])) for i in range(len(PROBES))}


# ---- comparing definitions ---------------------------------------------------------------------

def durable_only(defs):
    """Without non-durable exchanges and queues and the bindings that need them."""
    transient = {(o["vhost"], o["name"]) for o in defs["exchanges"] + defs["queues"] if not o["durable"]}
    out = dict(defs)
    out["exchanges"] = [x for x in defs["exchanges"] if (x["vhost"], x["name"]) not in transient]
    out["queues"] = [q for q in defs["queues"] if (q["vhost"], q["name"]) not in transient]
    out["bindings"] = [b for b in defs["bindings"]
                       if (b["vhost"], b["source"]) not in transient and (b["vhost"], b["destination"]) not in transient]
    return out


def normalized(defs):
    """Sections as sorted lists of canonical JSON, without the version fields. A vhost's
    tags are "" when rabbitmqctl add_vhost made it and [] otherwise: both mean none."""
    out = {}
    for key, value in defs.items():
        if key in ("rabbit_version", "rabbitmq_version", "product_name", "product_version"):
            continue
        if key == "vhosts":
            value = [dict(v, metadata=dict(v["metadata"], tags=v["metadata"]["tags"] or [])) for v in value]
        out[key] = sorted(json.dumps(item, sort_keys=True) for item in value)
    return out


def difference(a, b):
    lines = []
    for key in sorted(set(a) | set(b)):
        for item in sorted(set(a.get(key, [])) ^ set(b.get(key, []))):
            lines.append("  %s: %s %s" % (key, "only in original:" if item in a.get(key, []) else "only in result:  ",
                                          item))
    return "\n".join(lines)


# ---- the steps ---------------------------------------------------------------------------------

def start_rabbitmq(work, name):
    broker = brokerctl.RabbitBroker(port=brokerctl.free_rabbitmq_port(), data_dir=os.path.join(work, name),
                                    log_path=os.path.join(work, name + ".log"))
    broker.start()
    return broker


def run_warren(binary, args, timeout=60):
    res = subprocess.run([binary, "--headless"] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=timeout)
    return res.returncode, res.stdout.decode(errors="replace")


def rabbitmq_original(work):
    """Step 1: the reference topology, its definitions and its routing."""
    rabbit = start_rabbitmq(work, "rabbitmq-original")
    try:
        declare_users(rabbit)
        declare(rabbit.port)
        original = export_rabbitmq(rabbit, os.path.join(work, "original.json"))
        routing = probe(rabbit.port)
    finally:
        rabbit.stop()
    return original, routing


def warren_import(binary, work, routing):
    """Step 2: Warren imports the file at start and then behaves as RabbitMQ did."""
    data_dir = os.path.join(work, "warren-data")
    warren = brokerctl.WarrenBroker(binary, port=brokerctl.free_rabbitmq_port(), data_dir=data_dir,
                                    log_path=os.path.join(work, "warren.log"))
    warren.extra_args = ["--import", os.path.join(work, "original.json")]
    warren.start()
    try:
        with open(warren.log_path, errors="replace") as f:
            log = f.read()
        check("Imported definitions" in log and ", 0 errors." in log, "the import report shows errors:\n" + log)
        got = probe(warren.port)
        check(got == routing, "routing differs after the import:\n  RabbitMQ %s\n  Warren   %s" % (routing, got))
        for vhost in ("/", DEV_VHOST):
            connect(warren.port, vhost, USER, PASSWORD).close()
        try:
            connect(warren.port, "/", USER, "wrong").close()
            raise Failure("a wrong password was accepted")
        except pika.exceptions.ProbableAuthenticationError:
            pass
    finally:
        problem = warren.stop()
    check(problem is None, problem or "")
    return data_dir


def warren_export(binary, work, data_dir):
    """Step 3a: --export reads the data directory (users included) without listening."""
    path = os.path.join(work, "warren.json")
    code, output = run_warren(binary, ["--data-dir", data_dir, "--export", path])
    check(code == 0 and os.path.exists(path), "warren --export failed (%d): %s" % (code, output))
    return path


def rabbitmq_reimport(work, path, original):
    """Step 3b: a fresh RabbitMQ node imports Warren's file and exports the original."""
    rabbit = start_rabbitmq(work, "rabbitmq-reimport")
    try:
        rabbitmqctl(rabbit, "import_definitions", path)
        want = normalized(durable_only(original))
        deadline = time.monotonic() + 30   # the import may finish after the command returns
        while True:
            got = normalized(export_rabbitmq(rabbit, os.path.join(work, "reimported.json")))
            if got == want or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        check(got == want, "RabbitMQ's export after importing Warren's differs:\n" + difference(want, got))
    finally:
        rabbit.stop()


def bad_file(binary, work):
    """A file that is not JSON stops the start with a message and exit code 1."""
    path = os.path.join(work, "broken.json")
    with open(path, "w") as f:
        f.write('{"queues": [')
    code, output = run_warren(binary, ["--port", str(brokerctl.free_rabbitmq_port()), "--bind", "127.0.0.1",
                                       "--data-dir", os.path.join(work, "broken-data"), "--import", path])
    check(code == 1 and "broken.json is not valid JSON" in output,
          "a broken file gave exit code %d and: %s" % (code, output))


def capture(path, work):
    rabbit = start_rabbitmq(work, "rabbitmq-capture")
    try:
        declare_users(rabbit)
        declare(rabbit.port)
        declare_unsupported(rabbit)
        export_rabbitmq(rabbit, path)
    finally:
        rabbit.stop()
    print("captured %s" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--broker", help="the Warren executable")
    parser.add_argument("--capture", metavar="FILE", help="only write RabbitMQ's definitions of the topology "
                                                          "plus unsupported extras to FILE")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    if not os.path.exists("/usr/lib/rabbitmq/bin/rabbitmq-server"):
        print("SKIPPED: rabbitmq-server is not installed")
        return SKIP
    if not args.capture and not args.broker:
        parser.error("--broker is required")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # run the finally clauses: stop the nodes
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(1))
    signal.alarm(165)                                       # before ctest's TIMEOUT of 180 s
    work = os.path.realpath(tempfile.mkdtemp(prefix="warren-it-definitions-"))
    ok = False
    try:
        if args.capture:
            capture(os.path.abspath(args.capture), work)
        else:
            original, routing = rabbitmq_original(work)
            data_dir = warren_import(args.broker, work, routing)
            rabbitmq_reimport(work, warren_export(args.broker, work, data_dir), original)
            bad_file(args.broker, work)
            print("definitions: RabbitMQ -> Warren -> RabbitMQ round trip passed")
        ok = True
    except (Failure, brokerctl.BrokerFailed, brokerctl.BrokerUnavailable) as e:
        print("FAILED: %s" % e)
    finally:
        if ok and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("work directory: %s" % work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
