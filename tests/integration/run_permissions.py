#!/usr/bin/python3
"""RabbitMQ's access control, run the same way against Warren and rabbitmq-server.

  /usr/bin/python3 run_permissions.py --broker path/to/warren       # Warren (default target)
  /usr/bin/python3 run_permissions.py --target rabbitmq             # Debian's rabbitmq-server
  ... run_permissions.py [--keep] [SCENARIO ...]

Scenarios (each starts its own broker on a free port with a fresh data directory):
  permission_table  users with configure / write / read patterns (imported from one
                    definitions file: `warren --import`, `rabbitmqctl import_definitions`)
                    each try one operation from TABLE on a connection of their own; the
                    outcome (ok, or the channel's or connection's reply code and text) must
                    be the table's. The table was written from RabbitMQ 3.10's answers, so the
                    RabbitMQ run checks the table and the Warren run checks Warren against it.
  loopback_users    guest logs in over 127.0.0.1 but not over the machine's own non-loopback
                    address; a user not in loopback_users does; with loopback_users naming
                    that user instead (warren --loopback-users, rabbitmq.conf
                    loopback_users.NAME), the two swap; Warren warns at start that guest keeps
                    its default password on a non-loopback address. Skipped when the machine
                    has no non-loopback IPv4 address.

Exit status: 0 all passed, 1 a failure, 77 skipped (rabbitmq-server unavailable).
"""

import base64
import contextlib
import fnmatch
import hashlib
import json
import os
import re
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402
from scenario_run import (ScenarioFailed, ScenarioSkipped, expect, note, running_broker,  # noqa: E402
                          run_scenarios)

import pika  # noqa: E402  (Debian's python3-pika)
import pika.exceptions  # noqa: E402

PASSWORD = "pw"

# user: (configure, write, read) on "/". "stranger" exists with no permissions at all.
PERMISSIONS = {
    "prefix": ("^foo", "", "^bar"),
    "unanchored": ("foo", "^w", "^r"),
    "forwarder": (".*", "^w", r"^(ae|dl)\."),
    "nothing": ("", "", ""),
}
USERS = list(PERMISSIONS) + ["stranger"]

# What guest declares before the table runs: exchanges (name, type, arguments) and queues
# (name, arguments), with bindings (queue or exchange, source).
SETUP_EXCHANGES = [("xfoo", "direct", {}), ("rx", "fanout", {}), ("rx2", "fanout", {}), ("wx", "fanout", {}),
                   ("wx2", "fanout", {}), ("ae.old", "direct", {"alternate-exchange": "wx"})]
SETUP_QUEUES = [("xfooq", {}), ("barq", {}), ("readq", {}), ("rq", {}), ("wq", {}),
                ("dl.old", {"x-dead-letter-exchange": "wx"})]
SETUP_QUEUE_BINDINGS = [("wq", "rx")]
SETUP_EXCHANGE_BINDINGS = [("wx", "rx")]

OK = "ok"


def refused(kind, name, user):
    return (403, "ACCESS_REFUSED - access to %s '%s' in vhost '/' refused for user '%s'" % (kind, name, user))


def not_found(kind, name):
    return (404, "NOT_FOUND - no %s '%s' in vhost '/'" % (kind, name))


DEFAULT_EXCHANGE = (403, "ACCESS_REFUSED - operation not permitted on the default exchange")

# (user, operation, expected). An operation is (method, arguments...); expected is OK, the
# channel's (code, text), or ("connection", code, text). "*" in a text matches anything.
TABLE = [
    # Configure "^foo": anchored by the pattern itself.
    ("prefix", ("exchange.declare", "foo.new", "direct"), OK),
    ("prefix", ("exchange.declare", "xfoo", "direct"), refused("exchange", "xfoo", "prefix")),
    ("prefix", ("exchange.delete", "nothere"), refused("exchange", "nothere", "prefix")),
    ("prefix", ("exchange.delete", "foo.new"), OK),
    ("prefix", ("queue.declare", "foo.q"), OK),
    ("prefix", ("queue.declare", ""), refused("queue", "amq.gen-*", "prefix")),
    ("prefix", ("queue.delete", "nothere"), refused("queue", "nothere", "prefix")),
    ("prefix", ("queue.delete", "foo.gone"), OK),
    # Passive declares need no permission.
    ("prefix", ("exchange.declare.passive", "xfoo"), OK),
    ("prefix", ("exchange.declare.passive", "nox"), not_found("exchange", "nox")),
    ("prefix", ("queue.declare.passive", "xfooq"), OK),
    ("prefix", ("queue.declare.passive", "noq"), not_found("queue", "noq")),
    # Checks that come before the permission's.
    ("prefix", ("queue.declare", "amq.x"), (403, "ACCESS_REFUSED - queue name 'amq.x' contains reserved prefix 'amq.*'")),
    ("prefix", ("exchange.declare", "amq.direct", "direct"), refused("exchange", "amq.direct", "prefix")),
    ("prefix", ("exchange.delete", "amq.direct"),
     (403, "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed")),
    ("prefix", ("exchange.declare", "", "direct"), DEFAULT_EXCHANGE),
    ("prefix", ("exchange.declare", "zzz", "nosuch"), ("connection", 503, "COMMAND_INVALID - unknown exchange type 'nosuch'")),
    # Write "": nothing, the default exchange (amq.default) included, before its existence.
    ("prefix", ("basic.publish", "", "barq"), refused("exchange", "amq.default", "prefix")),
    ("prefix", ("basic.publish", "nothere", "k"), refused("exchange", "nothere", "prefix")),
    # Read "^bar".
    ("prefix", ("basic.get", "barq"), OK),
    ("prefix", ("basic.get", "readq"), refused("queue", "readq", "prefix")),
    ("prefix", ("basic.get", "barmissing"), not_found("queue", "barmissing")),
    ("prefix", ("basic.consume", "amq.rabbitmq.reply-to"), OK),   # direct reply-to needs none

    # Configure "foo": unanchored, and case-sensitive.
    ("unanchored", ("exchange.declare", "xfoo", "direct"), OK),
    ("unanchored", ("exchange.declare", "xFOO", "direct"), refused("exchange", "xFOO", "unanchored")),
    # Bindings: write on the destination, then read on the source.
    ("unanchored", ("queue.bind", "wq", "rx", "k"), OK),
    ("unanchored", ("queue.bind", "rq", "rx", "k"), refused("queue", "rq", "unanchored")),
    ("unanchored", ("queue.bind", "wq", "wx", "k"), refused("exchange", "wx", "unanchored")),
    ("unanchored", ("queue.bind", "wq", "rmissing", "k"), not_found("exchange", "rmissing")),
    ("unanchored", ("queue.bind", "wqmissing", "rx", "k"), not_found("queue", "wqmissing")),
    ("unanchored", ("queue.bind", "wq", "", "k"), DEFAULT_EXCHANGE),
    ("unanchored", ("queue.unbind", "wq", "rx", "k"), OK),
    ("unanchored", ("queue.unbind", "rq", "rx", "k"), refused("queue", "rq", "unanchored")),
    ("unanchored", ("queue.unbind", "wq", "wx", "k"), refused("exchange", "wx", "unanchored")),
    ("unanchored", ("exchange.bind", "wx", "rx", "k"), OK),
    ("unanchored", ("exchange.bind", "rx2", "rx", "k"), refused("exchange", "rx2", "unanchored")),
    ("unanchored", ("exchange.bind", "wx", "wx2", "k"), refused("exchange", "wx2", "unanchored")),
    ("unanchored", ("exchange.bind", "", "rx", "k"), refused("exchange", "amq.default", "unanchored")),
    ("unanchored", ("exchange.bind", "wx", "", "k"), DEFAULT_EXCHANGE),
    ("unanchored", ("exchange.unbind", "wx", "rx", "k"), OK),
    ("unanchored", ("exchange.unbind", "rx2", "rx", "k"), refused("exchange", "rx2", "unanchored")),
    # Read on queues: purge, consume.
    ("unanchored", ("queue.purge", "rq"), OK),
    ("unanchored", ("queue.purge", "wq"), refused("queue", "wq", "unanchored")),
    ("unanchored", ("queue.purge", "rmissing"), not_found("queue", "rmissing")),
    ("unanchored", ("basic.consume", "rq"), OK),
    ("unanchored", ("basic.consume", "wq"), refused("queue", "wq", "unanchored")),
    # Write on exchanges: publish.
    ("unanchored", ("basic.publish", "wx", "k"), OK),
    ("unanchored", ("basic.publish", "rx", "k"), refused("exchange", "rx", "unanchored")),
    ("unanchored", ("basic.publish", "wmissing", "k"), not_found("exchange", "wmissing")),
    # An alternate or dead-letter exchange: read on the new object too.
    ("unanchored", ("exchange.declare", "foo.ae", "direct", {"alternate-exchange": "wx"}),
     refused("exchange", "foo.ae", "unanchored")),
    ("unanchored", ("queue.declare", "foo.dl", {"x-dead-letter-exchange": "wx"}), refused("queue", "foo.dl", "unanchored")),
    ("unanchored", ("queue.declare", "foo.dl", {"x-dead-letter-exchange": 5}),
     (406, "PRECONDITION_FAILED - invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue 'foo.dl' "
           "in vhost '/'")),

    # Alternate exchanges: read on the exchange declared, write on its alternate.
    ("forwarder", ("exchange.declare", "ae.1", "direct", {"alternate-exchange": "wx"}), OK),
    ("forwarder", ("exchange.declare", "ae.2", "direct", {"alternate-exchange": "rx"}),
     refused("exchange", "rx", "forwarder")),
    ("forwarder", ("exchange.declare", "ae.3", "direct", {"alternate-exchange": "wmissing"}), OK),
    ("forwarder", ("exchange.declare", "ae.4", "direct", {"alternate-exchange": ""}),
     refused("exchange", "amq.default", "forwarder")),
    ("forwarder", ("exchange.declare", "zz.ae", "direct", {"alternate-exchange": "wx"}),
     refused("exchange", "zz.ae", "forwarder")),
    # Only when it is created: an existing one is compared, not checked.
    ("forwarder", ("exchange.declare", "ae.old", "direct", {"alternate-exchange": "wx"}), OK),
    ("forwarder", ("exchange.declare", "ae.old", "direct", {"alternate-exchange": "rx"}),
     (406, "PRECONDITION_FAILED - inequivalent arg 'alternate-exchange' for exchange 'ae.old' in vhost '/': "
           "received 'rx' but current is 'wx'")),
    # Dead-letter exchanges: read on the queue declared, write on the exchange.
    ("forwarder", ("queue.declare", "dl.1", {"x-dead-letter-exchange": "wx"}), OK),
    ("forwarder", ("queue.declare", "dl.2", {"x-dead-letter-exchange": "rx"}), refused("exchange", "rx", "forwarder")),
    ("forwarder", ("queue.declare", "dl.3", {"x-dead-letter-exchange": ""}),
     refused("exchange", "amq.default", "forwarder")),
    ("forwarder", ("queue.declare", "zz.1", {"x-dead-letter-exchange": "wx"}), refused("queue", "zz.1", "forwarder")),
    ("forwarder", ("queue.declare", "dl.old", {"x-dead-letter-exchange": "rx"}),
     (406, "PRECONDITION_FAILED - inequivalent arg 'x-dead-letter-exchange' for queue 'dl.old' in vhost '/': "
           "received 'rx' but current is 'wx'")),

    # Empty patterns: the vhost opens, nothing in it is allowed (passive declares are).
    ("nothing", ("queue.declare", "x"), refused("queue", "x", "nothing")),
    ("nothing", ("queue.declare", ""), refused("queue", "amq.gen-*", "nothing")),
    ("nothing", ("basic.publish", "", "k"), refused("exchange", "amq.default", "nothing")),
    ("nothing", ("basic.get", "barq"), refused("queue", "barq", "nothing")),
    ("nothing", ("queue.declare.passive", "barq"), OK),

    # No permissions on the vhost: refused at connection.open.
    ("stranger", ("queue.declare.passive", "barq"),
     ("connection", 530, "NOT_ALLOWED - access to vhost '/' refused for user 'stranger'")),
]


def operate(ch, operation):
    method, args = operation[0], operation[1:]
    if method == "exchange.declare":
        name, kind = args[0], args[1]
        ch.exchange_declare(name, kind, arguments=args[2] if len(args) > 2 else None)
    elif method == "exchange.declare.passive":
        ch.exchange_declare(args[0], passive=True)
    elif method == "exchange.delete":
        ch.exchange_delete(args[0])
    elif method == "queue.declare":
        ch.queue_declare(args[0], arguments=args[1] if len(args) > 1 else None)
    elif method == "queue.declare.passive":
        ch.queue_declare(args[0], passive=True)
    elif method == "queue.delete":
        ch.queue_delete(args[0])
    elif method == "queue.bind":
        ch.queue_bind(args[0], args[1], args[2])
    elif method == "queue.unbind":
        ch.queue_unbind(args[0], args[1], args[2])
    elif method == "exchange.bind":
        ch.exchange_bind(args[0], args[1], args[2])
    elif method == "exchange.unbind":
        ch.exchange_unbind(args[0], args[1], args[2])
    elif method == "queue.purge":
        ch.queue_purge(args[0])
    elif method == "basic.get":
        ch.basic_get(args[0], auto_ack=True)
    elif method == "basic.consume":
        ch.basic_consume(args[0], lambda *a: None, auto_ack=True)
    elif method == "basic.publish":
        ch.confirm_delivery()   # the publish waits for its confirm, or for the channel's close
        ch.basic_publish(args[0], args[1], b"probe")
    else:
        raise ScenarioFailed("unknown operation %r" % (operation,))


def connect(port, user, password=PASSWORD, host="127.0.0.1"):
    return pika.BlockingConnection(pika.ConnectionParameters(
        host=host, port=port, credentials=pika.PlainCredentials(user, password),
        connection_attempts=1, socket_timeout=5, blocked_connection_timeout=10))


def outcome(port, user, operation):
    """OK, (code, text) of a channel close, or ("connection", code, text)."""
    try:
        c = connect(port, user)
    except pika.exceptions.AMQPConnectionError as e:
        # pika reports a refused connection.open as ProbableAccessDeniedError, the broker's
        # close only in its message: 'ConnectionClosedByBroker: (530) "NOT_ALLOWED - ..."'.
        found = re.search(r'\((\d+)\) "(.*)"', str(e))
        return ("connection", int(found.group(1)), found.group(2)) if found else ("connection", repr(e))
    try:
        operate(c.channel(), operation)
        return OK
    except pika.exceptions.ChannelClosedByBroker as e:
        return (e.reply_code, e.reply_text)
    except pika.exceptions.ConnectionClosedByBroker as e:
        return ("connection", e.reply_code, e.reply_text)
    finally:
        with contextlib.suppress(Exception):
            c.close()


def matches(got, expected):
    if got == OK or expected == OK:
        return got == expected
    return len(got) == len(expected) and got[:-1] == expected[:-1] and fnmatch.fnmatchcase(got[-1], expected[-1])


# ---- the brokers -----------------------------------------------------------------------------

def password_hash(password):
    """RabbitMQ's rabbit_password_hashing_sha256, which Warren uses too."""
    salt = os.urandom(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def definitions():
    users = [{"name": name, "password_hash": password_hash(PASSWORD),
              "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": [], "limits": {}} for name in USERS]
    permissions = [{"user": name, "vhost": "/", "configure": c, "write": w, "read": r}
                   for name, (c, w, r) in PERMISSIONS.items()]
    return {"users": users, "permissions": permissions}


@contextlib.contextmanager
def broker_with_users(args, definitions_file, warren_args=(), rabbit_settings=(), rabbit_erl_args="", port="free"):
    """A fresh broker holding the users and permissions of `definitions_file`: Warren imports
    it at start, RabbitMQ with rabbitmqctl once started."""
    with running_broker(args, warren_args=list(warren_args) + ["--import", definitions_file],
                        rabbit_settings=rabbit_settings, rabbit_erl_args=rabbit_erl_args, port=port) as b:
        if args.target == "rabbitmq":
            status, output = b.ctl("import_definitions", definitions_file)
            expect(status == 0, "rabbitmqctl import_definitions failed: %s" % output)
        yield b


def written_definitions(content):
    fd, path = tempfile.mkstemp(prefix="warren-permissions-", suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump(content, f)
    os.chmod(path, 0o644)   # rabbitmqctl reads it as the rabbitmq user
    return path


# ---- permission_table ------------------------------------------------------------------------

def set_up_topology(port):
    c = connect(port, "guest", "guest")
    try:
        ch = c.channel()
        for name, kind, arguments in SETUP_EXCHANGES:
            ch.exchange_declare(name, kind, arguments=arguments)
        for name, arguments in SETUP_QUEUES:
            ch.queue_declare(name, arguments=arguments)
        for queue, source in SETUP_QUEUE_BINDINGS:
            ch.queue_bind(queue, source, "k")
        for destination, source in SETUP_EXCHANGE_BINDINGS:
            ch.exchange_bind(destination, source, "k")
    finally:
        c.close()


def scenario_permission_table(args):
    path = written_definitions(definitions())
    try:
        with broker_with_users(args, path) as b:
            set_up_topology(b.port)
            wrong = []
            for user, operation, expected in TABLE:
                got = outcome(b.port, user, operation)
                if not matches(got, expected):
                    wrong.append("%s %s: got %r, expected %r" % (user, " ".join(map(str, operation)), got, expected))
            note("%d of %d operations answered as the table says" % (len(TABLE) - len(wrong), len(TABLE)))
            for line in wrong:
                note(line)
            expect(not wrong, "%d operations answered otherwise" % len(wrong))
    finally:
        os.unlink(path)


# ---- loopback_users ------------------------------------------------------------------------

def own_address():
    """The machine's own non-loopback IPv4 address (the one a default route would use), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.123", 9))   # TEST-NET-1: nothing is sent
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def logs_in(port, user, password, host):
    try:
        connect(port, user, password, host).close()
        return True
    except (pika.exceptions.ProbableAuthenticationError, pika.exceptions.ProbableAccessDeniedError):
        return False


def check_logins(port, address, expected):
    """expected: {(user, host): whether the login works}."""
    for (user, host), works in expected.items():
        got = logs_in(port, user, "guest" if user == "guest" else PASSWORD, host)
        expect(got == works, "%s over %s: %s, expected %s" % (user, host, "logged in" if got else "refused",
                                                              "logged in" if works else "refused"))


def scenario_loopback_users(args):
    address = own_address()
    if address is None:
        raise ScenarioSkipped("no non-loopback IPv4 address on this machine")
    note("the machine's own address: %s" % address)
    path = written_definitions({
        "users": [{"name": "remote", "password_hash": password_hash(PASSWORD),
                   "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": [], "limits": {}}],
        "permissions": [{"user": "remote", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}]})
    try:
        def listening_also_on(port):
            # Warren: one more --bind; RabbitMQ: its reference script's listener is replaced
            # by one per address.
            return (["--bind", address],
                    '-rabbit tcp_listeners [{"127.0.0.1",%d},{"%s",%d}]' % (port, address, port))

        for loopback_users, rabbit_setting, expected in [
                (None, [], {("guest", "127.0.0.1"): True, ("guest", address): False, ("remote", address): True}),
                ("remote", ["loopback_users.guest = false", "loopback_users.remote = true"],
                 {("guest", address): True, ("remote", "127.0.0.1"): True, ("remote", address): False}),
                ("", ["loopback_users = none"], {("guest", address): True, ("remote", address): True})]:
            port = brokerctl.free_rabbitmq_port()
            warren_args, erl_args = listening_also_on(port)
            if loopback_users is not None:
                warren_args += ["--loopback-users", loopback_users]
            note("loopback users: %s" % ("default (guest)" if loopback_users is None else repr(loopback_users)))
            with broker_with_users(args, path, warren_args=warren_args, rabbit_settings=rabbit_setting,
                                   rabbit_erl_args=erl_args, port=port) as b:
                check_logins(b.port, address, expected)
                if args.target == "warren":
                    with open(b.log_path, "rb") as f:
                        log = f.read().decode("utf-8", "replace")
                    expect("user 'guest' still has the password 'guest'" in log,
                           "no warning about guest's default password on %s" % address)
    finally:
        os.unlink(path)


SCENARIOS = [
    ("permission_table", scenario_permission_table),
    ("loopback_users", scenario_loopback_users),
]


if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS, "permissions"))
