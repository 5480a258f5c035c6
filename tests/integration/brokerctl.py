"""Starting and stopping the broker under test.

Two kinds, chosen by WARREN_TEST_TARGET (or the caller):
  * "warren"   -- the Warren executable: `warren --headless --port N --bind 127.0.0.1
                  --data-dir DIR`; it is ready when it prints a line containing "ready",
                  and must exit by itself on SIGTERM.
  * "rabbitmq" -- Debian's rabbitmq-server, through tests/tools/rabbitmq-reference.sh.

Used by run_suite.py (one broker per suite run, on a free port), run_seed.py (one
broker on the default port 5672 inside a private network namespace) and run_durability.py
(stop/start, kill() = SIGKILL of the broker process alone, extra_args for Warren's options).
"""

import ctypes
import glob
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE_SCRIPT = os.path.normpath(os.path.join(HERE, "..", "tools", "rabbitmq-reference.sh"))
RABBITMQCTL = "/usr/lib/rabbitmq/bin/rabbitmqctl"

READY_TIMEOUT = 60.0   # seconds a broker may take to start listening
STOP_TIMEOUT = 15.0    # seconds a broker may take to exit after SIGTERM


class BrokerUnavailable(Exception):
    """The broker cannot be started on this machine (not a test failure for RabbitMQ)."""


class BrokerFailed(Exception):
    """The broker under test misbehaved while starting or stopping."""


def port_is_free(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_rabbitmq_port():
    """RabbitMQ also takes PORT+10000 (epmd) and PORT+20000 (distribution): all three free."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(30000, 45000)
        if all(port_is_free(p) for p in (port, port + 10000, port + 20000)):
            return port
    raise BrokerUnavailable("no free port triple for rabbitmq-server")


def _die_with_parent():
    """preexec_fn: the broker gets SIGTERM if the harness is killed (e.g. by a ctest timeout)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def accepts(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class WarrenBroker:
    kind = "warren"

    def __init__(self, binary, port=None, data_dir=None, log_path=None):
        self.binary = os.path.abspath(binary)
        self.port = port            # None: the broker's default (5672 on 127.0.0.1 and ::1)
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra_args = []        # more options for the next start(), e.g. --disk-free-limit
        self.wrapper = []           # a command it runs under, e.g. ["prlimit", "--nofile=128"]
        self.proc = None
        self._log = None
        self._pump = None

    def _command(self):
        cmd = list(self.wrapper) + [self.binary, "--headless"]
        if self.port is not None:
            cmd += ["--port", str(self.port), "--bind", "127.0.0.1"]
        return cmd + ["--data-dir", self.data_dir] + list(self.extra_args)

    def start(self):
        os.makedirs(self.data_dir, exist_ok=True)
        self._log = open(self.log_path, "ab", buffering=0)
        self.proc = subprocess.Popen(self._command(), stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent)
        ready = threading.Event()

        def pump():  # copy the broker's output to the log; notice the "ready" line
            for line in iter(self.proc.stdout.readline, b""):
                self._log.write(line)
                if b"ready" in line:
                    ready.set()
            self.proc.stdout.close()

        self._pump = threading.Thread(target=pump, daemon=True)
        self._pump.start()
        deadline = time.monotonic() + READY_TIMEOUT
        while not ready.wait(0.05):
            if self.proc.poll() is not None:
                raise BrokerFailed("warren exited with %s before printing 'ready' (log: %s)"
                                   % (self.proc.returncode, self.log_path))
            if time.monotonic() > deadline:
                self.stop()
                raise BrokerFailed("warren printed no 'ready' line within %.0f s" % READY_TIMEOUT)
        port = self.port if self.port is not None else 5672
        # "ready" means listening: the port must accept at once.
        if not accepts(port):
            raise BrokerFailed("warren printed 'ready' but port %d does not accept" % port)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_files(self):
        return [self.log_path]

    def stop(self):
        """SIGTERM, then wait. Returns a problem description, or None when it exited cleanly."""
        if self.proc is None:
            return None
        problem = None
        if self.proc.poll() is not None:
            problem = "warren had already exited with %s during the tests" % self.proc.returncode
        else:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                problem = "warren did not exit within %.0f s of SIGTERM" % STOP_TIMEOUT
            else:
                # 0, or killed by the SIGTERM itself (no handler) both count as "exits on SIGTERM";
                # anything else (a crash, a sanitizer report) is a failure.
                if self.proc.returncode not in (0, -signal.SIGTERM):
                    problem = "warren exited with %s after SIGTERM" % self.proc.returncode
        if self._pump:
            self._pump.join(5)
        if self._log:
            self._log.close()
        self.proc = None
        return problem

    def restart(self):
        problem = self.stop()
        if problem:
            raise BrokerFailed(problem)
        self.start()

    def pid(self):
        return self.proc.pid if self.alive() else None

    def kill(self):
        """SIGKILL (a crash: no shutdown code runs). Returns a problem description when the
        broker had already exited by itself, else None. The data directory stays."""
        if self.proc is None:
            return None
        problem = None
        if self.proc.poll() is not None:
            problem = "warren had already exited with %s before the SIGKILL" % self.proc.returncode
        else:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        if self._pump:
            self._pump.join(5)
        if self._log:
            self._log.close()
        self.proc = None
        return problem


class RabbitBroker:
    kind = "rabbitmq"

    def __init__(self, port=None, data_dir=None, log_path=None):
        self.port = port if port is not None else 5672
        self.data_dir = data_dir
        self.log_path = log_path
        self.started = False
        self.settings = []          # rabbitmq.conf lines for the next start(), e.g. "connection_max = 3"
        self.erl_args = ""          # RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS, e.g. "-rabbit channel_tick_interval 100"

    def start(self):
        if not os.path.exists("/usr/lib/rabbitmq/bin/rabbitmq-server"):
            raise BrokerUnavailable("rabbitmq-server is not installed")
        env = dict(os.environ)
        if self.erl_args:
            env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = self.erl_args
        with open(self.log_path, "ab") as log:
            res = subprocess.run(["bash", REFERENCE_SCRIPT, "start", str(self.port), self.data_dir]
                                 + list(self.settings),
                                 stdout=subprocess.PIPE, stderr=log, timeout=120, env=env)
        if res.returncode != 0:
            self.stop()
            raise BrokerUnavailable("rabbitmq-server could not start (exit %d); see %s"
                                    % (res.returncode, self.log_path))
        self.started = True

    def alive(self):
        return accepts(self.port)

    def log_files(self):
        return ([self.log_path, os.path.join(self.data_dir, "server.out")]
                + sorted(glob.glob(os.path.join(self.data_dir, "log", "*@localhost.log"))))

    def stop(self):
        subprocess.run(["bash", REFERENCE_SCRIPT, "stop", self.data_dir],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        self.started = False
        return None

    def restart(self):
        self.stop()
        # The node keeps its mnesia directory, so durable queues and persistent messages survive.
        deadline = time.monotonic() + 30
        while accepts(self.port) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.start()

    def ctl(self, *args):
        """rabbitmqctl against this node: its name, epmd port and Erlang cookie (in its HOME)
        are the ones tests/tools/rabbitmq-reference.sh gave it. Returns (exit status, output)."""
        data = os.path.realpath(self.data_dir)
        node = "warrenref%d@localhost" % self.port
        env = dict(os.environ, HOME=os.path.join(data, "home"), RABBITMQ_NODENAME=node,
                   ERL_EPMD_PORT=str(self.port + 10000))
        res = subprocess.run([RABBITMQCTL, "-n", node] + list(args), env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=120)
        return res.returncode, res.stdout.decode(errors="replace")

    def pid(self):
        """The beam.smp process of this node only (other RabbitMQ nodes may be running on
        the machine): found by its environment, which names this node's mnesia directory
        and port."""
        want = {b"RABBITMQ_NODE_PORT=%d" % self.port,
                b"RABBITMQ_MNESIA_BASE=" + os.fsencode(os.path.realpath(os.path.join(self.data_dir, "mnesia")))}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/comm" % entry, "rb") as f:
                    if not f.read().startswith(b"beam"):
                        continue
                with open("/proc/%s/environ" % entry, "rb") as f:
                    env = set(f.read().split(b"\0"))
            except OSError:
                continue
            if want <= env:
                return int(entry)
        return None

    def kill(self):
        """SIGKILL of this node's Erlang VM (beam.smp) alone, as a crash; the mnesia directory
        stays. Waits until the port is closed. Returns a problem description, or None."""
        pid = self.pid()
        if pid is None:
            return "no beam.smp process found for node warrenref%d" % self.port
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with open("/proc/%d/stat" % pid) as f:
                    if f.read().split(")")[-1].split()[0] == "Z":
                        break     # a zombie until the launcher script reaps it
            except OSError:
                break
            time.sleep(0.05)
        while accepts(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.started = False
        return None


def make_broker(target, binary=None, port="free", keep_dir=False):
    """A broker object (not started). port="free" picks one; None means the default 5672."""
    if target not in ("warren", "rabbitmq"):
        raise BrokerFailed("unknown WARREN_TEST_TARGET %r (warren or rabbitmq)" % target)
    if target == "warren" and not (binary and os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise BrokerFailed("Warren executable not given (--broker PATH or WARREN_BINARY), "
                           "not found or not executable: %r" % binary)
    if port == "free":
        # RabbitMQ also needs PORT+10000 and PORT+20000; Warren needs one port, and taking
        # it from the same range keeps selftest/fake-warren (RabbitMQ behind Warren's
        # command line) working too.
        port = free_rabbitmq_port()
    work = tempfile.mkdtemp(prefix="warren-it-%s-" % target)
    log_path = os.path.join(work, "broker.log")
    data_dir = os.path.join(work, "data")
    if target == "rabbitmq":
        broker = RabbitBroker(port=port, data_dir=data_dir, log_path=log_path)
    else:
        broker = WarrenBroker(binary, port=port, data_dir=data_dir, log_path=log_path)
    broker.work_dir = work
    broker.keep_dir = keep_dir
    return broker


def cleanup(broker):
    if getattr(broker, "keep_dir", False):
        return
    for _ in range(20):          # a broker's last writes may race the first attempt
        shutil.rmtree(broker.work_dir, ignore_errors=True)
        if not os.path.exists(broker.work_dir):
            return
        time.sleep(0.1)


def tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
    except OSError:
        return ""
