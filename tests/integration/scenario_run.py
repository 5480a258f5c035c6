"""What the scenario runs (run_durability.py, run_limits.py, run_tls.py, run_permissions.py)
share: how a scenario fails or skips itself, a whole-run time limit, the brokers still running,
and the exit status; for the runs whose scenarios each start a broker with settings of their own
(run_limits.py, run_tls.py, run_permissions.py), that broker and the whole run: arguments,
scenarios in turn, summary.

A run's exit status: 1 when a scenario failed, or when the broker became unavailable after
earlier scenarios ran (what was left unrun is a failure, never a pass nor a skip); 77 when the
target could not run at all; 0 when every chosen scenario ran."""
import argparse
import contextlib
import os
import signal
import sys
import time
import traceback

import brokerctl

SKIP = 77
LIVE = []   # brokers of this run that may still be running (stopped at the end)


class ScenarioFailed(AssertionError):
    pass


class ScenarioSkipped(Exception):
    pass


class RunInterrupted(BaseException):
    pass


def expect(condition, message):
    if not condition:
        raise ScenarioFailed(message)


def note(text):
    print("    " + text, flush=True)


def limit_run(seconds):
    """SIGTERM, SIGINT or `seconds` elapsed raise RunInterrupted in the running scenario."""
    def on_signal(signum, frame):
        raise RunInterrupted("signal %d (--timeout is %d s)" % (signum, seconds))
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
        signal.signal(s, on_signal)
    signal.alarm(seconds)


def stop_live_brokers():
    signal.alarm(0)
    for b in list(LIVE):
        with contextlib.suppress(Exception):
            b.stop()
        print("kept for inspection: %s" % b.work_dir)


def unavailable(error, target, name, chosen, index, ran_before, failed):
    """The broker could not start for scenario `name`: a skip of the whole run when nothing ran
    before it, else a failure naming what is left unrun."""
    if ran_before:
        not_run = [n for n, _ in chosen[index:]]
        failed.append("(not run: %s)" % ", ".join(not_run))
        print("FAIL %s: the broker became unavailable (%s); not run: %s" % (name, error, ", ".join(not_run)),
              flush=True)
    else:
        print("SKIPPED: %s; the %s run is skipped." % (error, target), flush=True)


def exit_status(failed, unavailable_error):
    if failed:
        return 1
    return SKIP if unavailable_error is not None else 0


@contextlib.contextmanager
def running_broker(args, warren_args=(), rabbit_settings=(), rabbit_erl_args="", wrapper=(), port="free"):
    """A fresh broker with these settings, started; stopped at the end. On a failure its
    work directory is kept and its log printed."""
    b = brokerctl.make_broker(args.target, binary=args.broker, port=port, keep_dir=args.keep)
    if args.target == "warren":
        b.extra_args = list(warren_args)
        b.wrapper = list(wrapper)
    else:
        b.settings = list(rabbit_settings)
        b.erl_args = rabbit_erl_args
    LIVE.append(b)
    ok = False
    try:
        b.start()
        yield b
        ok = True
    finally:
        problem = b.stop()
        LIVE.remove(b)
        if ok and not problem and not args.keep:
            brokerctl.cleanup(b)
        else:
            for path in b.log_files():
                text = brokerctl.tail(path)
                if text:
                    print("---- last lines of %s ----\n%s" % (path, text))
            print("kept for inspection: %s" % b.work_dir)
    if problem:
        raise ScenarioFailed("broker problem at the end: %s" % problem)


class RunContext:
    """What a run's scenarios get: by default the parsed arguments alone. A run with more to
    share (brokers to report on, numbers to print at the end) subclasses it."""

    def __init__(self, args):
        self.args = args
        self.target = args.target
        self.binary = args.broker

    def __getattr__(self, name):   # the command line's options, as ctx.keep, ctx.broker...
        return getattr(self.args, name)

    def begin(self):
        """Before each scenario."""

    def end(self):
        """After a scenario that passed; raises to fail it after all."""

    def failure_details(self, error):
        """More to print with a scenario's failure."""
        return ""

    def measured(self):
        """Lines of measurements for the end of the run."""
        return []


def run_scenarios(doc, scenarios, label, add_arguments=None, context=RunContext):
    """The command line of a run (--target, --broker, --timeout, --keep, scenario names, and
    what add_arguments adds), then each chosen scenario (a function of the context) in turn;
    returns the exit status."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--target", default=os.environ.get("WARREN_TEST_TARGET", "warren"),
                    choices=["warren", "rabbitmq"])
    ap.add_argument("--broker", default=os.environ.get("WARREN_BINARY"),
                    help="the Warren executable (or env WARREN_BINARY)")
    ap.add_argument("--timeout", type=int, default=165, help="whole-run limit in seconds")
    ap.add_argument("--keep", action="store_true", help="keep the brokers' data dirs and logs")
    if add_arguments:
        add_arguments(ap)
    ap.add_argument("scenarios", nargs="*", help="a subset, by name: %s" % " ".join(n for n, _ in scenarios))
    args = ap.parse_args()
    unknown = set(args.scenarios) - {n for n, _ in scenarios}
    if unknown:
        ap.error("unknown scenario(s): %s" % " ".join(sorted(unknown)))
    if args.target == "warren" and not (args.broker and os.access(args.broker, os.X_OK)):
        print("FAILED: Warren executable not given (--broker PATH or WARREN_BINARY) or not executable: %r"
              % args.broker)
        return 1

    limit_run(args.timeout)

    ctx = context(args)
    t0 = time.monotonic()
    passed, failed, skipped, unavailable_error = [], [], [], None
    chosen = [(name, run) for name, run in scenarios if not args.scenarios or name in args.scenarios]
    try:
        for index, (name, run) in enumerate(chosen):
            started = time.monotonic()
            print("%s: %s" % (args.target, name), flush=True)
            try:
                ctx.begin()
                run(ctx)
                ctx.end()
                passed.append(name)
                print("PASS %-16s %6.1f s" % (name, time.monotonic() - started), flush=True)
            except ScenarioSkipped as e:
                skipped.append(name)
                print("SKIP %-16s (%s)" % (name, e), flush=True)
            except brokerctl.BrokerUnavailable as e:
                unavailable_error = str(e)
                unavailable(e, "%s %s" % (args.target, label), name, chosen, index, passed or failed, failed)
                break
            except Exception as e:   # noqa: BLE001 -- every scenario runs
                failed.append(name)
                print("FAIL %-16s %6.1f s: %s%s" % (name, time.monotonic() - started, e, ctx.failure_details(e)),
                      flush=True)
                if not isinstance(e, ScenarioFailed):
                    traceback.print_exc(file=sys.stdout)
    except RunInterrupted as e:
        failed.append("(interrupted: %s)" % e)
        print("FAIL run interrupted: %s" % e, flush=True)
    finally:
        stop_live_brokers()
    for line in ctx.measured():
        print("measured: " + line)
    print("%s_%s: %d passed, %d failed, %d skipped%s"
          % (label, args.target, len(passed), len(failed), len(skipped),
             (" (failed: %s)" % ", ".join(failed)) if failed else ""))
    print("total time %.1f s" % (time.monotonic() - t0))
    return exit_status(failed, unavailable_error)
