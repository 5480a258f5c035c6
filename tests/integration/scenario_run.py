"""What the scenario runs (run_durability.py, run_limits.py) share: how a scenario fails or
skips itself, a whole-run time limit, the brokers still running, and the exit status.

A run's exit status: 1 when a scenario failed, or when the broker became unavailable after
earlier scenarios ran (what was left unrun is a failure, never a pass nor a skip); 77 when the
target could not run at all; 0 when every chosen scenario ran."""
import contextlib
import signal

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
