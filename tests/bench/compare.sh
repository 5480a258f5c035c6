#!/usr/bin/env bash
# Runs the same load generator (warren-load, built on rabbitmq-c) against Warren
# and against Debian's rabbitmq-server on this machine, in turns, and prints the
# msg/s of each and the ratio Warren/RabbitMQ per scenario.
#
#   compare.sh WARREN_BINARY [--quick] [--warren-only] [--load WARREN_LOAD] [--rounds N]
#
#   --quick        tiny runs (smoke test: does everything work end to end?)
#   --warren-only  do not start RabbitMQ (ratios are left empty)
#   --load PATH    the warren-load binary; default: <build>/tests/bench/warren-load
#                  next to <build>/app/warren
#   --rounds N     rounds, each: start every broker in turn, run each scenario once
#                  on it, stop it (default 3, --quick: 1); figures are medians
#   env MAX_BACKLOG=N  how far the publisher may run ahead of the consumer
#                  (default 100000 messages; 0 = unbounded)
#
# The brokers run one after the other, never together: each gets the whole
# machine while it is measured. Exit status is non-zero when any load run
# fails or Warren does not start; RabbitMQ that cannot start is only skipped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
reference_sh="$here/../tools/rabbitmq-reference.sh"

die() { echo "compare.sh: $*" >&2; exit 2; }
note() { echo "compare.sh: $*" >&2; }

# ---- arguments -----------------------------------------------------------------
warren_bin="" load_bin="" quick=0 warren_only=0 rounds=""
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --warren-only) warren_only=1 ;;
    --load) load_bin=${2:?--load needs a path}; shift ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) [[ -z $warren_bin ]] || die "only one WARREN_BINARY, got '$warren_bin' and '$1'"
       warren_bin=$1 ;;
  esac
  shift
done
[[ -n $warren_bin ]] || die "usage: compare.sh WARREN_BINARY [--quick] [--warren-only] [--load PATH] [--rounds N]"
[[ -x $warren_bin ]] || die "Warren binary '$warren_bin' is not an executable file (build the 'warren' target first)"
warren_bin=$(realpath "$warren_bin")
if [[ -z $load_bin ]]; then
  load_bin=$(realpath -m "$(dirname "$warren_bin")/../tests/bench/warren-load")
fi
[[ -x $load_bin ]] || die "load generator '$load_bin' not found (build the 'warren-load' target, or pass --load)"
command -v python3 >/dev/null || die "python3 is needed (to pick free ports)"
[[ -z $rounds ]] && rounds=$((quick ? 1 : 3))
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive integer"

# ---- scenarios -----------------------------------------------------------------
# name|warren-load arguments. Full runs publish for a fixed time, capped by a
# count. The publisher may run at most MAX_BACKLOG messages ahead of the
# consumer: a safety net, so a broker without publisher flow control cannot
# queue gigabytes (3 s at 500k msg/s of 1 KiB) and turn the run into a long
# drain; it is far above what a healthy pipeline holds, so it does not throttle
# one. (Tighter bounds, 1000 or 10000, made no visible difference to the
# run-to-run spread on the 2-core dev machine.) Quick runs send a handful.
scenarios=(
  "16B noack|--size 16"
  "16B ack prefetch=100|--size 16 --ack --prefetch 100"
  "1KiB noack|--size 1024"
  "1KiB ack prefetch=100|--size 1024 --ack --prefetch 100"
)
if ((quick)); then
  measure_args=(--count 2000 --idle-timeout 20)
  warmup_args=(--size 16 --count 500 --idle-timeout 20)
else
  measure_args=(--seconds 3 --count 3000000 --max-backlog "${MAX_BACKLOG:-100000}" --idle-timeout 30)
  warmup_args=(--size 16 --seconds 1 --count 1000000 --max-backlog "${MAX_BACKLOG:-100000}" --idle-timeout 30)
fi

# ---- ports, temp dirs, clean-up -----------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/warren-bench.XXXXXX")
warren_pid="" rabbit_dir=""
cleanup() {
  stop_warren || true
  stop_rabbit || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port LOW HIGH [OFFSET...]: a random port in LOW..HIGH that nothing
# listens on, nor on PORT+OFFSET (RabbitMQ's reference script also takes
# PORT+10000 for epmd and PORT+20000 for Erlang distribution). Random because
# other people may run brokers here; all ranges stay below Linux's ephemeral
# ports (32768+), which outgoing connections could grab after the check.
free_port() {
  python3 - "$@" <<'EOF'
import random, socket, sys
low, high = int(sys.argv[1]), int(sys.argv[2])
offsets = [0] + [int(a) for a in sys.argv[3:]]
def free(p):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", p)); return True
        except OSError:
            return False
for _ in range(200):
    port = random.randint(low, high)
    if all(free(port + o) for o in offsets):
        print(port); sys.exit(0)
sys.exit("no free port found")
EOF
}

# ---- Warren ------------------------------------------------------------------
start_warren() {
  local port=$1 dir="$work/warren-data" log="$work/warren.log"
  mkdir -p "$dir"
  # Started from the temp dir: whatever a broker drops in its working
  # directory (core files, Erlang crash dumps) must not land in the caller's.
  (cd "$work" && exec "$warren_bin" --headless --port "$port" --bind 127.0.0.1 --data-dir "$dir") \
    >"$log" 2>&1 &
  warren_pid=$!
  for _ in $(seq 1 300); do
    grep -q ready "$log" 2>/dev/null && return 0
    if ! kill -0 "$warren_pid" 2>/dev/null; then
      note "Warren exited before printing 'ready'; its output:"; tail -20 "$log" >&2
      warren_pid=""; return 1
    fi
    sleep 0.1
  done
  note "Warren did not print 'ready' within 30 s; its output:"; tail -20 "$log" >&2
  stop_warren  # never leave it running beside the next broker
  return 1
}

stop_warren() {
  [[ -n $warren_pid ]] || return 0
  local pid=$warren_pid; warren_pid=""
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    note "warning: Warren did not exit within 10 s of SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  local status=0; wait "$pid" 2>/dev/null || status=$?
  ((status == 0)) || note "warning: Warren exited with status $status after SIGTERM"
}

# ---- RabbitMQ ----------------------------------------------------------------
start_rabbit() {
  local port=$1 launcher
  rabbit_dir="$work/rabbitmq"
  if ! launcher=$(cd "$work" && "$reference_sh" start "$port" "$rabbit_dir" 2>"$work/rabbit-start.err"); then
    note "RabbitMQ did not start:"; sed 's/^/    /' "$work/rabbit-start.err" >&2
    return 1
  fi
  # The reference script returns once the port accepts; make sure it is our
  # node that accepts (a node that lost a port race exits within a moment).
  sleep 1
  if ! kill -0 "$launcher" 2>/dev/null; then
    note "RabbitMQ exited right after starting; see below:"; tail -5 "$rabbit_dir/server.out" >&2
    return 1
  fi
}

stop_rabbit() {
  [[ -n $rabbit_dir ]] || return 0
  "$reference_sh" stop "$rabbit_dir" || true
  rabbit_dir=""
}

# ---- measuring -----------------------------------------------------------------
# Runs warren-load once; prints its msg/s on stdout, keeps its line in the log.
run_load() {
  local port=$1; shift
  local out
  if ! out=$("$load_bin" --host 127.0.0.1 --port "$port" "$@" 2>&1); then
    note "warren-load failed (port $port, args: $*):"; printf '%s\n' "$out" | sed 's/^/    /' >&2
    return 1
  fi
  echo "$out" >>"$work/results.log"
  echo "    $out" >&2
  sed -n 's/.* rate=\([0-9]*\) .*/\1/p' <<<"$out"
}

declare -A runs  # runs[broker|scenario] = "rate rate ..." over the rounds
failures=0
warren_ok=1 rabbit_ok=1 rabbit_note=""

# One round on one broker (already started, on $port): a warmup, then each
# scenario once.
measure_round() {
  local broker=$1 port=$2 entry name args r
  run_load "$port" --scenario warmup "${warmup_args[@]}" >/dev/null || ((++failures))
  for entry in "${scenarios[@]}"; do
    name=${entry%%|*}; args=${entry#*|}
    # shellcheck disable=SC2086  # args is a list of options by design
    if r=$(run_load "$port" --scenario "${name// /-}" $args "${measure_args[@]}"); then
      runs["$broker|$name"]+="$r "
    else
      ((++failures))
    fi
  done
}

warren_round() {
  local port; port=$(free_port 20000 32000)
  note "round $1/$rounds: Warren on port $port"
  if start_warren "$port"; then
    measure_round Warren "$port"
    if ! kill -0 "$warren_pid" 2>/dev/null; then
      note "Warren died during the round; the end of its output:"; tail -20 "$work/warren.log" >&2
      ((++failures))
    fi
    stop_warren
  else
    ((++failures)); warren_ok=0  # no point retrying every round
  fi
}

# RabbitMQ gets a second chance on another port: its start depends on three
# ports and on epmd, so it occasionally loses a race with other users.
rabbit_round() {
  local port _
  for _ in 1 2; do
    port=$(free_port 10000 12700 10000 20000)
    note "round $1/$rounds: RabbitMQ on port $port (starting takes a few seconds)"
    if start_rabbit "$port"; then
      measure_round RabbitMQ "$port"
      stop_rabbit
      return 0
    fi
    stop_rabbit
  done
  rabbit_ok=0
  if (($1 == 1)); then
    rabbit_note="RabbitMQ skipped: it could not be started (see the messages above)"
  else
    rabbit_note="RabbitMQ could not be started in round $1: its figures come from fewer rounds"
  fi
}

if ((warren_only)); then
  rabbit_ok=0; rabbit_note="RabbitMQ skipped (--warren-only)"
elif [[ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
  rabbit_ok=0; rabbit_note="RabbitMQ skipped: rabbitmq-server is not installed (apt-get install rabbitmq-server)"
fi

note "load generator: $load_bin"
note "Warren: $warren_bin"
read -r load1 _ </proc/loadavg
if awk -v l="$load1" -v n="$(nproc)" 'BEGIN {exit !(l > n / 4)}'; then
  note "warning: load average is $load1 before starting: other work on this machine skews the numbers"
fi
# Rounds alternate the brokers, so slow drifts of the machine (other builds,
# thermal, page cache) hit both sides alike instead of biasing the ratio.
for ((round = 1; round <= rounds; ++round)); do
  ((warren_ok)) && warren_round "$round"
  ((rabbit_ok)) && rabbit_round "$round"
done

# ---- report --------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo
if ((quick)); then
  echo "Quick smoke run: ${measure_args[1]} messages per scenario, $rounds round(s); the numbers mean nothing."
else
  echo "1 publisher -> 1 queue -> 1 consumer, transient messages, default exchange; end-to-end msg/s"
  echo "(first publish to last message consumed), publishing for ~${measure_args[1]} s, at most ${measure_args[5]} messages ahead"
  echo "of the consumer. Each figure is the MEDIAN of $rounds rounds; a round starts a fresh broker, warms"
  echo "it up and runs every scenario once. Warren and RabbitMQ alternate and never run together."
fi
[[ -n $rabbit_note ]] && echo "$rabbit_note"
echo
printf '%-24s | %14s | %14s | %s\n' scenario "Warren msg/s" "RabbitMQ msg/s" "ratio (Warren/RabbitMQ)"
printf '%s\n' "-------------------------+----------------+----------------+------------------------"
for entry in "${scenarios[@]}"; do
  name=${entry%%|*}
  w="" q="" ratio=""
  # shellcheck disable=SC2086  # the runs are a space-separated list
  [[ -n ${runs["Warren|$name"]:-} ]] && w=$(median ${runs["Warren|$name"]})
  # shellcheck disable=SC2086
  [[ -n ${runs["RabbitMQ|$name"]:-} ]] && q=$(median ${runs["RabbitMQ|$name"]})
  [[ -n $w && -n $q && $q != 0 ]] && ratio=$(awk -v a="$w" -v b="$q" 'BEGIN {printf "%.2f", a / b}')
  printf '%-24s | %14s | %14s | %s\n' "$name" "${w:--}" "${q:--}" "${ratio:--}"
done
if ((rounds > 1)); then
  echo
  echo "All runs (msg/s, in round order):"
  for entry in "${scenarios[@]}"; do
    name=${entry%%|*}
    printf '  %-24s Warren: %-28s RabbitMQ: %s\n' "$name" "${runs["Warren|$name"]:--}" "${runs["RabbitMQ|$name"]:--}"
  done
fi

if ((failures)); then
  echo
  echo "FAILED: $failures load run(s) or broker start(s) failed (see messages above)"
  exit 1
fi
