#!/usr/bin/python3
"""Runs the integration suite (test_*.py here) against one broker started for the run.

  /usr/bin/python3 run_suite.py --broker path/to/warren          # Warren (the default target)
  WARREN_TEST_TARGET=rabbitmq /usr/bin/python3 run_suite.py      # Debian's rabbitmq-server
  ... run_suite.py [--target rabbitmq] [-k PATTERN] [MODULE ...]   # a subset: test_queues ...

The broker gets a free port on 127.0.0.1 and a throw-away data directory; the tests find
it through AMQP_URL / AMQP_HOST / AMQP_PORT / WARREN_TEST_TARGET. Exit status: 0 all
passed, 1 a failure (or the broker misbehaved: died, did not start, did not stop on
SIGTERM), 77 skipped (rabbitmq-server unavailable). The run stops itself after
--timeout seconds so that the broker is always stopped before ctest's own TIMEOUT.
"""

import argparse
import os
import signal
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import brokerctl  # noqa: E402  (stdlib only; the test modules are imported later)

SKIP = 77


class SuiteInterrupted(BaseException):
    pass


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--target", default=os.environ.get("WARREN_TEST_TARGET", "warren"),
                    choices=["warren", "rabbitmq"])
    ap.add_argument("--broker", default=os.environ.get("WARREN_BINARY"),
                    help="the Warren executable (or env WARREN_BINARY)")
    ap.add_argument("--timeout", type=int, default=165, help="whole-run limit in seconds")
    ap.add_argument("--keep", action="store_true", help="keep the broker's data dir and log")
    ap.add_argument("-k", dest="patterns", action="append", help="only tests matching (unittest -k)")
    ap.add_argument("-q", "--quiet", action="store_true", help="one character per test")
    ap.add_argument("--failfast", action="store_true")
    ap.add_argument("modules", nargs="*", help="test modules (default: every test_*.py)")
    return ap.parse_args()


def on_signal(signum, frame):
    raise SuiteInterrupted("signal %d" % signum)


def load_tests(args):
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = ["*%s*" % p if "*" not in p else p for p in args.patterns]
    if args.modules:
        return loader.loadTestsFromNames([m[:-3] if m.endswith(".py") else m for m in args.modules])
    return loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)


def print_logs(broker):
    for path in broker.log_files():
        text = brokerctl.tail(path)
        if text:
            print("---- last lines of %s ----\n%s" % (path, text))


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGALRM, on_signal)
    signal.alarm(args.timeout)

    try:
        broker = brokerctl.make_broker(args.target, binary=args.broker, keep_dir=args.keep)
    except brokerctl.BrokerFailed as e:
        print("FAILED: %s" % e)
        return 1
    started = time.monotonic()
    try:
        broker.start()
    except brokerctl.BrokerUnavailable as e:
        print("SKIPPED: %s; the %s run is skipped." % (e, args.target), flush=True)
        print_logs(broker)
        brokerctl.cleanup(broker)
        return SKIP
    except (brokerctl.BrokerFailed, SuiteInterrupted) as e:
        print("FAILED to start %s: %s" % (args.target, e), flush=True)
        print_logs(broker)
        broker.stop()
        brokerctl.cleanup(broker)
        return 1

    os.environ.update({
        "AMQP_HOST": "127.0.0.1",
        "AMQP_PORT": str(broker.port),
        "AMQP_URL": "amqp://guest:guest@127.0.0.1:%d/%%2F" % broker.port,
        "WARREN_TEST_TARGET": args.target,
    })
    print("broker: %s on port %d, started in %.1f s (work dir %s)"
          % (args.target, broker.port, time.monotonic() - started, broker.work_dir), flush=True)

    problems = []
    result = None
    try:
        import support
        support.BROKER = broker
        suite = load_tests(args)
        runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=1 if args.quiet else 2,
                                         failfast=args.failfast, buffer=True)
        result = runner.run(suite)
        if not broker.alive():
            problems.append("the broker was not running any more at the end of the suite")
    except SuiteInterrupted as e:
        problems.append("suite interrupted (%s; --timeout is %d s)" % (e, args.timeout))
    finally:
        signal.alarm(0)
        problem = broker.stop()
        if problem:
            problems.append(problem)

    for p in problems:
        print("BROKER PROBLEM: " + p)
    if problems or (result and not result.wasSuccessful()):
        print_logs(broker)
    if result is not None:
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped)
        passed = result.testsRun - failed - skipped
        print("%s: %d passed, %d failed, %d skipped" % (args.target, passed, failed, skipped))
    print("total time %.1f s" % (time.monotonic() - started))
    ok = result is not None and result.wasSuccessful() and not problems
    if ok:
        brokerctl.cleanup(broker)
    else:
        print("kept for inspection: %s" % broker.work_dir)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
