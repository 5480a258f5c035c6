#!/usr/bin/python3
"""Runs one test program against a broker started for it, and lets the program stop, kill
and start that broker while it runs.

  /usr/bin/python3 run_program.py --target warren --broker path/to/warren -- PROGRAM [ARGS]
  /usr/bin/python3 run_program.py --target rabbitmq -- PROGRAM [ARGS]

The broker gets a free port on 127.0.0.1 and a throw-away data directory (brokerctl); the
program finds it through AMQP_URL, AMQP_HOST, AMQP_PORT and WARREN_TEST_TARGET. With
WARREN_BROKER_CONTROL=stdio set, the program may write a line "@broker COMMAND" to its
standard output and read the answer, one line, from its standard input:

  @broker stop    SIGTERM, wait for the exit (connections are closed with 320 first)
  @broker kill    SIGKILL: a crash, no shutdown code runs; the data directory stays
  @broker start   start again on the same port and data directory

  answer: "ok" or "error WHAT"

Every other line of the program's output is passed through. Exit status: the program's,
1 when the broker misbehaved (did not start, did not stop on SIGTERM), 77 when the target
cannot run here (rabbitmq-server not installed). Used by tests/integration/CMakeLists.txt
for tst_clienttcp (client_warren, client_rabbitmq).
"""

import argparse
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402

SKIP = 77
PREFIX = "@broker "


class Interrupted(BaseException):
    pass


def on_signal(signum, frame):
    raise Interrupted("signal %d" % signum)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default=os.environ.get("WARREN_TEST_TARGET", "warren"),
                    choices=["warren", "rabbitmq"])
    ap.add_argument("--broker", default=os.environ.get("WARREN_BINARY"), help="the Warren executable")
    ap.add_argument("--timeout", type=int, default=165, help="whole-run limit in seconds")
    ap.add_argument("--keep", action="store_true", help="keep the broker's data dir and log")
    ap.add_argument("program", nargs=argparse.REMAINDER, help="-- PROGRAM [ARGS]")
    args = ap.parse_args()
    if args.program[:1] == ["--"]:
        args.program = args.program[1:]
    if not args.program:
        ap.error("no program given")
    return args


def run_command(broker, command):
    """One control request; returns the answer line."""
    try:
        if command == "stop":
            problem = broker.stop()
        elif command == "kill":
            problem = broker.kill()
        elif command == "start":
            broker.start()
            problem = None
        else:
            problem = "unknown command %r" % command
    except (brokerctl.BrokerFailed, brokerctl.BrokerUnavailable) as e:
        problem = str(e)
    return "ok" if problem is None else "error " + problem.replace("\n", " ")


def serve(broker, program):
    """Runs the program, answering its control requests; returns its exit status."""
    env = dict(os.environ, AMQP_HOST="127.0.0.1", AMQP_PORT=str(broker.port),
               AMQP_URL="amqp://guest:guest@127.0.0.1:%d/%%2F" % broker.port,
               WARREN_TEST_TARGET=broker.kind, WARREN_BROKER_CONTROL="stdio")
    proc = subprocess.Popen(program, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if not line.startswith(PREFIX):
                print(line, flush=True)
                continue
            command = line[len(PREFIX):].strip()
            started = time.monotonic()
            answer = run_command(broker, command)
            print("[run_program] broker %s: %s (%.1f s)" % (command, answer, time.monotonic() - started), flush=True)
            proc.stdin.write((answer + "\n").encode())
            proc.stdin.flush()
        return proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def print_logs(broker):
    for path in broker.log_files():
        text = brokerctl.tail(path)
        if text:
            print("---- last lines of %s ----\n%s" % (path, text))


def main():
    args = parse_args()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
        signal.signal(sig, on_signal)
    signal.alarm(args.timeout)
    try:
        broker = brokerctl.make_broker(args.target, binary=args.broker, keep_dir=args.keep)
    except brokerctl.BrokerFailed as e:
        print("FAILED: %s" % e)
        return 1
    try:
        broker.start()
    except brokerctl.BrokerUnavailable as e:
        print("SKIPPED: %s; the %s run is skipped." % (e, args.target), flush=True)
        brokerctl.cleanup(broker)
        return SKIP
    except (brokerctl.BrokerFailed, Interrupted) as e:
        print("FAILED to start %s: %s" % (args.target, e), flush=True)
        print_logs(broker)
        broker.stop()
        return 1
    print("broker: %s on port %d (work dir %s)" % (args.target, broker.port, broker.work_dir), flush=True)
    status, problem = 1, None
    try:
        status = serve(broker, args.program)
    except Interrupted as e:
        problem = "interrupted (%s; --timeout is %d s)" % (e, args.timeout)
    finally:
        signal.alarm(0)
        problem = broker.stop() or problem
    if problem:
        print("BROKER PROBLEM: " + problem)
    if status != 0 or problem:
        print_logs(broker)
        print("kept for inspection: %s" % broker.work_dir)
        return status or 1
    brokerctl.cleanup(broker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
