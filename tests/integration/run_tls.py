#!/usr/bin/python3
"""AMQPS: brokers with a TLS listener beside the plain one, and real clients over TLS: pika
(Python's ssl) and rabbitmq-c (amqp-tools with --ssl, OpenSSL). The certificates are made for
the run by tests/tools/make-test-certs.sh (openssl), never checked in: they expire.

  /usr/bin/python3 run_tls.py --broker path/to/warren          # Warren (default target)
  WARREN_TEST_TARGET=rabbitmq /usr/bin/python3 run_tls.py      # Debian's rabbitmq-server
  ... run_tls.py [--keep] [SCENARIO ...]

Scenarios (each starts its own broker on free ports with a fresh data directory):
  tls               a certificate and key only (warren --tls-cert --tls-key; RabbitMQ's
                    listeners.ssl with verify_none): Warren's ready line names the amqps://
                    address; pika publishes and consumes over TLS (a 2 MiB body too) while the
                    plain port serves; amqp-publish / amqp-get --ssl --cacert; a plain client
                    on the TLS port fails at once and cleanly (pika raises, a raw socket is
                    closed without an AMQP answer) and the broker keeps serving; a socket that
                    never starts its TLS handshake is closed by the handshake timeout
                    (Warren: 10 s)
  verify_peer       --tls-ca and --tls-verify-peer (verify_peer, fail_if_no_peer_cert = true):
                    pika and amqp-get with the client certificate work; without a certificate,
                    or with one from another CA, they are refused
  optional_peer     --tls-ca alone (verify_peer, fail_if_no_peer_cert = false): no client
                    certificate is fine, a valid one too, one from another CA is refused
  bad_files         (Warren) a missing certificate file, a file that is no certificate, a key
                    that is not the certificate's: warren says so and exits non-zero, before
                    it is ready

Exit status: 0 all passed, 1 a failure, 77 skipped (rabbitmq-server unavailable). --timeout
stops the run (and its brokers) before ctest's TIMEOUT would.
"""

import contextlib
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402
import frames as F  # noqa: E402
from scenario_run import ScenarioSkipped, expect, note, run_scenarios, running_broker  # noqa: E402

import pika  # noqa: E402  (Debian's python3-pika)
import pika.exceptions  # noqa: E402

MAKE_CERTS = os.path.normpath(os.path.join(HERE, "..", "tools", "make-test-certs.sh"))
CERTS = None   # the directory make-test-certs.sh filled, made once per run
HANDSHAKE_TIMEOUT = 10.0   # Warren's (RabbitMQ's handshake_timeout); RabbitMQ's TLS one is 5 s


def certs():
    global CERTS
    if CERTS is None:
        CERTS = tempfile.mkdtemp(prefix="warren-tls-certs-")
        subprocess.run(["bash", MAKE_CERTS, CERTS], check=True, timeout=60)
    return CERTS


def cert(name):
    return os.path.join(certs(), name)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def tls_broker(args, ca=False, verify_peer=False):
    """A broker with a TLS listener on a free port (b.tls_port) beside its plain one."""
    tls_port = free_port()
    warren_args = ["--tls-port", str(tls_port), "--tls-cert", cert("server.pem"), "--tls-key", cert("server.key")]
    rabbit = ["listeners.ssl.default = 127.0.0.1:%d" % tls_port,
              "ssl_options.certfile = " + cert("server.pem"),
              "ssl_options.keyfile = " + cert("server.key")]
    if ca:
        warren_args += ["--tls-ca", cert("ca.pem")]
        rabbit += ["ssl_options.cacertfile = " + cert("ca.pem"), "ssl_options.verify = verify_peer",
                   "ssl_options.fail_if_no_peer_cert = %s" % ("true" if verify_peer else "false")]
        if verify_peer:
            warren_args.append("--tls-verify-peer")
    else:
        rabbit.append("ssl_options.verify = verify_none")
    with running_broker(args, warren_args=warren_args, rabbit_settings=rabbit) as b:
        b.tls_port = tls_port
        deadline = time.monotonic() + 15   # RabbitMQ opens its TLS listener after the plain one
        while not brokerctl.accepts(tls_port):
            expect(time.monotonic() < deadline, "nothing listens on the TLS port %d" % tls_port)
            time.sleep(0.1)
        yield b


# --- clients -------------------------------------------------------------------------------

def tls_context(client_cert=None):
    context = ssl.create_default_context(cafile=cert("ca.pem"))   # verifies the broker: CA and name
    if client_cert:
        context.load_cert_chain(cert(client_cert + ".pem"), cert(client_cert + ".key"))
    return context


def connect(port, client_cert=None, tls=True):
    options = pika.SSLOptions(tls_context(client_cert), "localhost") if tls else None
    return pika.BlockingConnection(pika.ConnectionParameters(
        host="127.0.0.1", port=port, ssl_options=options, credentials=pika.PlainCredentials("guest", "guest"),
        connection_attempts=1, socket_timeout=5, blocked_connection_timeout=10))


def round_trip(port, queue, body=b"over TLS", client_cert=None, tls=True):
    """pika declares `queue`, publishes `body` with a confirm and consumes it back."""
    c = connect(port, client_cert, tls)
    try:
        ch = c.channel()
        ch.confirm_delivery()
        ch.queue_declare(queue, auto_delete=True)
        ch.basic_publish("", queue, body)
        for method, _, got in ch.consume(queue, inactivity_timeout=5):
            expect(method is not None, "no delivery within 5 s from %s" % queue)
            ch.basic_ack(method.delivery_tag)
            expect(got == body, "consumed %d bytes, not the %d published" % (len(got), len(body)))
            break
        ch.cancel()
    finally:
        with contextlib.suppress(Exception):
            c.close()


def refused(port, client_cert=None, tls=True):
    """Whether a pika client is refused (within 8 s, whatever the reason) where it would open."""
    started = time.monotonic()
    try:
        round_trip(port, "never", client_cert=client_cert, tls=tls)
    except (pika.exceptions.AMQPError, ssl.SSLError, OSError) as e:
        note("refused after %.2f s: %s" % (time.monotonic() - started, type(e).__name__))
        expect(time.monotonic() - started < 8, "the refusal took %.1f s" % (time.monotonic() - started))
        return True
    return False


def amqp_tool(name, port, *args, client_cert=None):
    """amqp-tools (rabbitmq-c) over TLS: returns (exit status, stdout, stderr)."""
    command = [name, "--url", "amqps://guest:guest@localhost:%d" % port, "--ssl", "--cacert", cert("ca.pem")]
    if client_cert:
        command += ["--cert", cert(client_cert + ".pem"), "--key", cert(client_cert + ".key")]
    res = subprocess.run(command + list(args), capture_output=True, timeout=20)
    return res.returncode, res.stdout.decode(errors="replace"), res.stderr.decode(errors="replace")


def tools_round_trip(port, queue, client_cert=None):
    rc, _, err = amqp_tool("amqp-declare-queue", port, "-q", queue, client_cert=client_cert)
    expect(rc == 0, "amqp-declare-queue over TLS: exit %d %s" % (rc, err.strip()))
    rc, _, err = amqp_tool("amqp-publish", port, "-r", queue, "-b", "from rabbitmq-c", client_cert=client_cert)
    expect(rc == 0, "amqp-publish over TLS: exit %d %s" % (rc, err.strip()))
    got = amqp_tool("amqp-get", port, "-q", queue, client_cert=client_cert)
    expect(got[:2] == (0, "from rabbitmq-c"), "amqp-get over TLS: %r" % (got,))
    rc, _, err = amqp_tool("amqp-delete-queue", port, "-q", queue, client_cert=client_cert)
    expect(rc == 0, "amqp-delete-queue over TLS: exit %d %s" % (rc, err.strip()))


def tools_refused(port, client_cert=None):
    rc, out, err = amqp_tool("amqp-get", port, "-q", "never", client_cert=client_cert)
    note("amqp-get refused: exit %d, %s" % (rc, err.strip().splitlines()[-1:] or out))
    return rc != 0 and out == ""


def closed_by_broker(sock, within):
    """Waits up to `within` s for the broker to close `sock`; returns (what it sent, seconds
    taken), or None when it is still open."""
    received, started = b"", time.monotonic()
    sock.settimeout(0.2)
    while time.monotonic() - started < within:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        except OSError:   # reset
            return received, time.monotonic() - started
        if not chunk:
            return received, time.monotonic() - started
        received += chunk
    return None


# --- scenarios -----------------------------------------------------------------------------

def ready_line(b):
    with open(b.log_path, "rb") as f:
        return next((line.decode() for line in f if b"ready" in line), "")


def scenario_tls(args):
    with tls_broker(args) as b:
        if args.target == "warren":
            line = ready_line(b)
            note(line.strip())
            expect("amqps://guest:guest@localhost:%d/" % b.tls_port in line,
                   "the ready line names no amqps:// address: %r" % line)
        stalled = socket.create_connection(("127.0.0.1", b.tls_port), timeout=5)   # never says hello
        stalled_at = time.monotonic()
        round_trip(b.tls_port, "tls-small")
        round_trip(b.tls_port, "tls-large", body=os.urandom(2 << 20))   # more than the TLS socket is given at once
        round_trip(b.port, "plain-beside-tls", tls=False)
        tools_round_trip(b.tls_port, "tls-rabbitmq-c")

        expect(refused(b.tls_port, tls=False), "a plain pika client opened a connection on the TLS port")
        raw = socket.create_connection(("127.0.0.1", b.tls_port), timeout=5)
        raw.sendall(F.PROTOCOL_HEADER)
        closed = closed_by_broker(raw, 5)
        raw.close()
        expect(closed is not None, "a plain client's socket on the TLS port was still open after 5 s")
        note("a plain protocol header on the TLS port: closed after %.2f s, answered %r" % (closed[1], closed[0][:16]))
        expect(not closed[0].startswith(b"AMQP") and not closed[0].startswith(b"\x01"),
               "a plain client on the TLS port got an AMQP answer: %r" % closed[0][:16])
        round_trip(b.tls_port, "tls-after-plain-client")

        closed = closed_by_broker(stalled, HANDSHAKE_TIMEOUT + 5 - (time.monotonic() - stalled_at))
        stalled.close()
        expect(closed is not None, "a socket that never started its TLS handshake was still open after %.0f s"
               % (HANDSHAKE_TIMEOUT + 5))
        waited = time.monotonic() - stalled_at
        note("a socket that never said hello: closed after %.1f s" % waited)
        if args.target == "warren":
            expect(HANDSHAKE_TIMEOUT - 0.5 <= waited, "closed after %.1f s, before the handshake timeout" % waited)
        round_trip(b.tls_port, "tls-after-stalled-handshake")
        expect(b.alive(), "the broker died")


def scenario_verify_peer(args):
    with tls_broker(args, ca=True, verify_peer=True) as b:
        round_trip(b.tls_port, "verified-pika", client_cert="client")
        tools_round_trip(b.tls_port, "verified-rabbitmq-c", client_cert="client")
        expect(refused(b.tls_port), "pika without a client certificate was let in")
        expect(refused(b.tls_port, client_cert="other-client"),
               "pika with a certificate from an unknown CA was let in")
        expect(tools_refused(b.tls_port), "amqp-get without a client certificate was let in")
        expect(tools_refused(b.tls_port, client_cert="other-client"),
               "amqp-get with a certificate from an unknown CA was let in")
        round_trip(b.tls_port, "verified-after-refusals", client_cert="client")
        round_trip(b.port, "plain-beside-verified", tls=False)


def scenario_optional_peer(args):
    with tls_broker(args, ca=True) as b:
        round_trip(b.tls_port, "optional-without")
        round_trip(b.tls_port, "optional-with", client_cert="client")
        tools_round_trip(b.tls_port, "optional-rabbitmq-c")
        expect(refused(b.tls_port, client_cert="other-client"),
               "pika with a certificate from an unknown CA was let in")


def warren_refuses_to_start(args, *tls_args):
    """Runs warren with these options; returns its output, after checking that it exited
    non-zero, on its own, without getting ready."""
    with tempfile.TemporaryDirectory(prefix="warren-tls-bad-") as data:
        res = subprocess.run([args.broker, "--headless", "--port", str(free_port()), "--bind", "127.0.0.1",
                              "--data-dir", data, "--tls-port", str(free_port())] + list(tls_args),
                             capture_output=True, timeout=30)
    output = (res.stdout + res.stderr).decode(errors="replace")
    note("exit %d: %s" % (res.returncode, output.strip().splitlines()[-1:]))
    expect(res.returncode != 0, "warren exited with 0 for %s" % " ".join(tls_args))
    expect("ready" not in output, "warren got ready with %s" % " ".join(tls_args))
    return output


def scenario_bad_files(args):
    if args.target != "warren":
        raise ScenarioSkipped("Warren only")
    missing = cert("nothing-here.pem")
    out = warren_refuses_to_start(args, "--tls-cert", missing, "--tls-key", cert("server.key"))
    expect(missing in out, "the error does not name the missing file: %r" % out)
    out = warren_refuses_to_start(args, "--tls-cert", cert("server.key"), "--tls-key", cert("server.key"))
    expect("no certificate" in out, "a key given as the certificate: %r" % out)
    out = warren_refuses_to_start(args, "--tls-cert", cert("server.pem"), "--tls-key", cert("client.key"))
    expect("does not go with" in out, "another certificate's key: %r" % out)
    out = warren_refuses_to_start(args, "--tls-cert", cert("server.pem"))
    expect("--tls-key" in out, "a certificate without a key: %r" % out)


SCENARIOS = [
    ("tls", scenario_tls),
    ("verify_peer", scenario_verify_peer),
    ("optional_peer", scenario_optional_peer),
    ("bad_files", scenario_bad_files),
]


def main():
    try:
        return run_scenarios(__doc__, SCENARIOS, "tls")
    finally:
        if CERTS:
            shutil.rmtree(CERTS, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
