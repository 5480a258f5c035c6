#!/usr/bin/env bash
# Persistence benchmark: Warren and Debian's rabbitmq-server, one after the
# other, each on a fresh data directory, driven by warren-persist (rabbitmq-c):
#
#   - confirmed persistent publishing (durable queue, delivery_mode 2, at most
#     1000 unconfirmed), 256 B and 1 KiB bodies: msg/s
#   - start time of an empty broker (launch -> AMQP login works): the baseline
#   - a backlog of N persistent 1 KiB messages (published with confirms): the
#     broker's RSS once it settles, the time of a graceful stop, and the restart:
#     launch -> a passive queue.declare counts all N; then RSS again, the rate
#     at which the recovered backlog drains, and a last restart with the queue
#     empty: the baseline that tells the messages' share of the restart
#
#   persistence.sh BROKER_BINARY [--quick] [--warren-only] [--messages N]
#                  [--publish-messages N] [--persist PATH]
#
#   --quick               tiny sizes (smoke test: the numbers mean nothing)
#   --warren-only         do not start RabbitMQ (ratios are left empty)
#   --messages N          the backlog (default 1000000, --quick: 20000)
#   --publish-messages N  messages per publish-rate run (default 200000, --quick: 5000)
#   --persist PATH        the warren-persist binary; default:
#                         <build>/tests/bench/warren-persist next to <build>/app/warren
#
# Ratios are always "> 1 = Warren better": Warren/RabbitMQ for rates,
# RabbitMQ/Warren for times and memory. Exit status is non-zero when anything
# fails on Warren; RabbitMQ that cannot start is only skipped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
reference_sh="$here/../tools/rabbitmq-reference.sh"
# shellcheck source=bench_common.sh
. "$here/bench_common.sh"  # free_port

die() { echo "persistence.sh: $*" >&2; exit 2; }
note() { echo "persistence.sh: $*" >&2; }

# ---- arguments -----------------------------------------------------------------
warren_bin="" persist_bin="" quick=0 warren_only=0 backlog="" publish_count=""
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --warren-only) warren_only=1 ;;
    --messages) backlog=${2:?--messages needs a number}; shift ;;
    --publish-messages) publish_count=${2:?--publish-messages needs a number}; shift ;;
    --persist) persist_bin=${2:?--persist needs a path}; shift ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) [[ -z $warren_bin ]] || die "only one BROKER_BINARY, got '$warren_bin' and '$1'"
       warren_bin=$1 ;;
  esac
  shift
done
[[ -n $warren_bin ]] || die "usage: persistence.sh BROKER_BINARY [--quick] [--warren-only] [--messages N] [--publish-messages N] [--persist PATH]"
[[ -x $warren_bin ]] || die "Warren binary '$warren_bin' is not an executable file (build the 'warren' target first)"
warren_bin=$(realpath "$warren_bin")
[[ -n $persist_bin ]] || persist_bin=$(realpath -m "$(dirname "$warren_bin")/../tests/bench/warren-persist")
[[ -x $persist_bin ]] || die "'$persist_bin' not found (build the 'warren-persist' target, or pass --persist)"
command -v python3 >/dev/null || die "python3 is needed (to pick free ports)"
[[ -z $backlog ]] && backlog=$((quick ? 20000 : 1000000))
[[ -z $publish_count ]] && publish_count=$((quick ? 5000 : 200000))
[[ $backlog =~ ^[1-9][0-9]*$ && $publish_count =~ ^[1-9][0-9]*$ ]] ||
  die "--messages and --publish-messages need positive integers"

window=1000
sizes=(256 1024)            # publish-rate rows
backlog_size=1024           # the backlog's bodies
publish_repeats=$((quick ? 1 : 3))  # publish-rate runs per size; the median is shown
restart_repeats=$((quick ? 1 : 3))  # restarts per backlog (full, empty); the median is shown
warmup_count=$((quick ? 200 : 5000))
timeout=$((quick ? 60 : 900))       # any single wait (start, recovery, drain)

# ---- temp dir, clean-up ------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/warren-persist.XXXXXX")
warren_pid="" rabbit_dir="" waiter=""  # waiter: timed_start's warren-persist
cleanup() {
  [[ -z $waiter ]] || kill "$waiter" 2>/dev/null || true
  stop_warren 2>/dev/null || true
  stop_rabbit 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

loads=()  # 1-minute load averages seen during the run
sample_load() { local l; read -r l _ </proc/loadavg; loads+=("$l"); }

# ---- measuring helpers -------------------------------------------------------------
# field NAME LINE: the value of NAME=... in a "result ..." line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

persist() { "$persist_bin" "$1" --host 127.0.0.1 "${@:2}"; }  # MODE [OPTION...]

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# settled_rss PID: VmRSS in KiB once it stops moving: sampled every second
# (at least 3 s), settled when the last 3 samples lie within 2 % of each other;
# gives up waiting after 60 s (and says so) and reports the last sample.
settled_rss() {
  local pid=$1 s samples=() a b c
  for s in $(seq 1 60); do
    sleep 1
    samples+=("$(rss_kib "$pid")")
    [[ -n ${samples[-1]} ]] || { note "process $pid is gone"; return 1; }
    ((s >= 3)) || continue
    a=${samples[-1]} b=${samples[-2]} c=${samples[-3]}
    if awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN {
         max = a; if (b > max) max = b; if (c > max) max = c
         min = a; if (b < min) min = b; if (c < min) min = c
         exit !(max - min <= 0.02 * max) }'; then
      echo "$a"; return 0
    fi
  done
  note "RSS of $pid still moving after 60 s (last samples: ${samples[*]: -3}); reporting the last"
  echo "${samples[-1]}"
}

# elapsed T0: seconds from T0 (an $EPOCHREALTIME) to now.
elapsed() { awk -v a="${1/,/.}" -v b="${EPOCHREALTIME/,/.}" 'BEGIN {printf "%.3f\n", b - a}'; }

# timed_start BROKER PORT MODE [QUEUE COUNT]: starts warren-persist MODE (connect:
# until login works; count: until QUEUE holds COUNT messages), then launches the
# broker; sets started_s to the seconds from the launch to that moment and
# login_s to those to the first successful login. (Not in a subshell: the
# start functions set the broker's globals.)
started_s="" login_s=""
timed_start() {
  local broker=$1 port=$2 mode=$3 args=() t0 out done_at connected_at
  [[ $mode == count ]] && args=(--queue "$4" --count "$5")
  # The binary itself, not the persist function: $! must be its PID, to kill it.
  "$persist_bin" "$mode" --host 127.0.0.1 --port "$port" "${args[@]}" --timeout "$timeout" \
    >"$work/wait.out" 2>"$work/wait.err" &
  waiter=$!
  t0=$EPOCHREALTIME  # bash's clock: no fork between it and the launch
  if ! "start_$broker" "$port"; then
    kill "$waiter" 2>/dev/null || true; wait "$waiter" 2>/dev/null || true; waiter=""
    return 1
  fi
  if ! wait "$waiter"; then
    waiter=""; note "warren-persist $mode failed:"; sed 's/^/    /' "$work/wait.err" >&2
    return 1
  fi
  waiter=""
  out=$(cat "$work/wait.out")
  echo "    $broker $mode: $out" >&2
  done_at=$(field done_at "$out")
  # 'connected' and 'seconds' count from the waiter's own start, just before t0.
  connected_at=$(awk -v d="$done_at" -v s="$(field seconds "$out")" -v c="$(field connected "$out")" \
                   'BEGIN {printf "%.6f", d - s + c}')
  started_s=$(awk -v d="$done_at" -v t="${t0/,/.}" 'BEGIN {printf "%.3f", d - t}')
  login_s=$(awk -v c="$connected_at" -v t="${t0/,/.}" 'BEGIN {printf "%.3f", c - t}')
}

# ---- Warren --------------------------------------------------------------------------
warren_data="$work/warren-data"
start_warren() {
  local port=$1 log="$work/warren.log"
  mkdir -p "$warren_data"
  # Started from the temp dir: nothing it drops lands in the caller's directory.
  (cd "$work" && exec "$warren_bin" --headless --port "$port" --bind 127.0.0.1 --data-dir "$warren_data") \
    >"$log" 2>&1 &
  warren_pid=$!
  for _ in $(seq 1 $((timeout * 20))); do
    grep -q ready "$log" 2>/dev/null && return 0
    if ! kill -0 "$warren_pid" 2>/dev/null; then
      note "Warren exited before printing 'ready'; its output:"; tail -20 "$log" >&2
      warren_pid=""; return 1
    fi
    sleep 0.05
  done
  note "Warren did not print 'ready' within $timeout s"; stop_warren; return 1
}

# Graceful stop: SIGTERM, then wait until the process is gone; sets stopped_s
# to the seconds that took (empty when it had to be killed or failed).
stopped_s=""
stop_warren() {
  stopped_s=""
  [[ -n $warren_pid ]] || return 0
  local pid=$warren_pid t0 status=0; warren_pid=""
  t0=$EPOCHREALTIME
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((timeout * 20))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then
    note "Warren did not exit within $timeout s of SIGTERM; killing it"; kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true; return 1
  fi
  wait "$pid" 2>/dev/null || status=$?
  ((status == 0)) || { note "Warren exited with status $status after SIGTERM"; return 1; }
  stopped_s=$(elapsed "$t0")
}

warren_main_pid() { echo "$warren_pid"; }

# ---- RabbitMQ -----------------------------------------------------------------------
rabbit_port=""
start_rabbit() {
  rabbit_dir="$work/rabbitmq"
  if ! (cd "$work" && "$reference_sh" start "$1" "$rabbit_dir") >/dev/null 2>"$work/rabbit-start.err"; then
    note "RabbitMQ did not start:"; sed 's/^/    /' "$work/rabbit-start.err" >&2
    return 1
  fi
}

# The Erlang VM (beam.smp) of our node, which does all of RabbitMQ's work: the
# node's pid file, checked; else the beam.smp whose command line holds our data
# directory (unique: mktemp), so another user's node is never picked.
rabbit_main_pid() {
  local pid
  pid=$(cat "$rabbit_dir/rabbitmq.pid" 2>/dev/null) || pid=""
  if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == beam.smp ]]; then echo "$pid"; return; fi
  for pid in $(pgrep -f -- "$rabbit_dir/mnesia" || true); do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == beam.smp ]] && { echo "$pid"; return; }
  done
  return 1
}

# epmd of our node (it listens on PORT+10000): reported apart, not in the ratio.
rabbit_epmd_pid() {
  local pid
  for pid in $(pgrep -x epmd || true); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "ERL_EPMD_PORT=$((rabbit_port + 10000))" &&
      { echo "$pid"; return; }
  done
  return 1
}

# SIGTERM to the node's process group (as the reference script does: the
# launcher script and beam.smp both shut down cleanly on it), then wait as long
# as the VM needs to stop gracefully; the reference script's own stop would
# SIGKILL it after 10 s, mid-shutdown with a large backlog. It then only cleans
# up (epmd). Sets stopped_s as stop_warren does.
stop_rabbit() {
  stopped_s=""
  [[ -n $rabbit_dir ]] || return 0
  local beam launcher t0 status=0
  beam=$(rabbit_main_pid) || beam=""
  launcher=$(cat "$rabbit_dir/launcher.pid" 2>/dev/null) || launcher=""
  t0=$EPOCHREALTIME
  if [[ -n $launcher ]]; then
    kill -TERM -- -"$launcher" 2>/dev/null || true
    for _ in $(seq 1 $((timeout * 20))); do
      kill -0 "$launcher" 2>/dev/null || { [[ -n $beam ]] && kill -0 "$beam" 2>/dev/null; } || break
      sleep 0.05
    done
    if kill -0 "$launcher" 2>/dev/null || { [[ -n $beam ]] && kill -0 "$beam" 2>/dev/null; }; then
      note "RabbitMQ did not stop within $timeout s; killing it"; status=1
    else
      stopped_s=$(elapsed "$t0")
    fi
  fi
  "$reference_sh" stop "$rabbit_dir" || true
  rabbit_dir=""
  return "$status"
}

# ---- one broker, all measurements ----------------------------------------------------
declare -A result   # "Broker|metric key" -> value
failed=0

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'; }

# restarts BROKER PORT COUNT KEY: restart_repeats times (the broker is stopped
# when called; it is left running): launch it, wait until a passive
# queue.declare of persist-backlog counts COUNT messages; stores the median
# seconds in result[BROKER|KEY] (to the first login in "KEY login"), and all of
# them in "KEY runs".
restarts() {
  # shellcheck disable=SC2034  # key is used, in result[] subscripts
  local broker=$1 port=$2 count=$3 key=$4 r all=() logins=()
  for ((r = 1; r <= restart_repeats; ++r)); do
    if ((r > 1)) && ! "stop_$broker"; then note "$broker did not stop cleanly"; return 1; fi
    note "$broker: restart until a passive queue.declare counts $count messages ($r/$restart_repeats)"
    timed_start "$broker" "$port" count persist-backlog "$count" || return 1
    all+=("$started_s"); logins+=("$login_s")
    sample_load
  done
  result[$broker|$key]=$(median "${all[@]}")
  result[$broker|$key login]=$(median "${logins[@]}")
  result[$broker|$key runs]=${all[*]}
}

# measure BROKER PORT: the whole sequence on one broker (fresh data directory).
measure() {
  local broker=$1 port=$2 out pid size r runs
  sync  # the other broker's writes must not land in our fsyncs
  sample_load
  note "$broker on port $port: empty start"
  timed_start "$broker" "$port" connect || return 1
  result[$broker|start]=$started_s
  pid=$("${broker}_main_pid") || { note "cannot find $broker's process"; return 1; }

  out=$(persist publish --port "$port" --queue persist-warmup --count "$warmup_count" \
          --size 1024 --window "$window" --delete --timeout 60) || return 1
  for size in "${sizes[@]}"; do
    runs=()
    for ((r = 1; r <= publish_repeats; ++r)); do
      note "$broker: $publish_count confirmed persistent messages of $size B (run $r/$publish_repeats)"
      out=$(persist publish --port "$port" --queue "persist-rate-$size" --count "$publish_count" \
              --size "$size" --window "$window" --delete --timeout 60) || return 1
      echo "    $out" >&2
      runs+=("$(field rate "$out")")
    done
    result[$broker|rate$size]=$(median "${runs[@]}")
    result[$broker|runs$size]=${runs[*]}
  done
  sample_load

  note "$broker: a backlog of $backlog confirmed persistent messages of $backlog_size B"
  out=$(persist publish --port "$port" --queue persist-backlog --count "$backlog" \
          --size "$backlog_size" --window "$window" --timeout 120) || return 1
  echo "    $out" >&2
  result[$broker|backlog_rate]=$(field rate "$out")
  sample_load
  note "$broker: waiting for its RSS to settle"
  result[$broker|rss]=$(settled_rss "$pid") || return 1
  if [[ $broker == rabbit ]]; then
    r=$(rabbit_epmd_pid) && result[rabbit|epmd]=$(rss_kib "$r")
  fi

  note "$broker: graceful stop"
  if ! "stop_$broker" || [[ -z $stopped_s ]]; then note "$broker did not stop cleanly"; return 1; fi
  result[$broker|stop]=$stopped_s
  sample_load
  # A broker's start time varies (RabbitMQ's Erlang boot by ±0.5 s), so the
  # restarts are repeated and their median shown; the RSS and drain below
  # follow the last one.
  restarts "$broker" "$port" "$backlog" recovery || return 1
  pid=$("${broker}_main_pid") || { note "cannot find $broker's process"; return 1; }
  note "$broker: waiting for its RSS to settle after the restart"
  result[$broker|rss_restart]=$(settled_rss "$pid") || return 1
  sample_load
  note "$broker: draining the recovered backlog"
  out=$(persist drain --port "$port" --queue persist-backlog --count "$backlog" --size "$backlog_size" \
          --window "$window" --timeout 120) || return 1
  echo "    $out" >&2
  result[$broker|drain]=$(field rate "$out")
  sample_load

  # The baseline for the recovery: the same restart with the queue (still
  # durable, now empty) and everything else as before, minus the messages.
  "stop_$broker" || { note "$broker did not stop cleanly"; return 1; }
  restarts "$broker" "$port" 0 restart_empty || return 1
  "stop_$broker" || true
}

note "warren-persist: $persist_bin"
note "Warren: $warren_bin"
read -r load1 _ </proc/loadavg
if awk -v l="$load1" -v n="$(nproc)" 'BEGIN {exit !(l > n / 4)}'; then
  note "warning: load average is $load1 before starting: other work on this machine skews the numbers"
fi

port=$(free_port 20000 32000)
if ! measure warren "$port"; then
  note "the Warren measurements failed; Warren's log:"; tail -20 "$work/warren.log" >&2 || true
  failed=1
fi
stop_warren 2>/dev/null || true
rm -rf "$warren_data"

rabbit_note=""
if ((warren_only)); then
  rabbit_note="RabbitMQ skipped (--warren-only)"
elif [[ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
  rabbit_note="RabbitMQ skipped: rabbitmq-server is not installed (apt-get install rabbitmq-server)"
else
  # Its restart needs the same port (the node's name and data are keyed by it).
  rabbit_port=$(free_port 10000 12700 10000 20000)
  if ! measure rabbit "$rabbit_port"; then
    rabbit_note="RabbitMQ: the measurements failed or it could not start (see above); its column is incomplete"
    [[ -d $work/rabbitmq ]] && { note "RabbitMQ's output:"; tail -20 "$work/rabbitmq/server.out" >&2 || true; }
  fi
  stop_rabbit 2>/dev/null || true
fi

# ---- report --------------------------------------------------------------------------
mib() { [[ -z $1 ]] || awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
# row LABEL WARREN RABBIT HIGHER_IS_BETTER(1|0); no ratio unless both are > 0
row() {
  local ratio=-
  if [[ -n $2 && -n $3 ]]; then
    ratio=$(awk -v w="$2" -v r="$3" -v up="$4" 'BEGIN {
      if (w <= 0 || r <= 0) print "-"; else printf "%.2f", up ? w / r : r / w }')
  fi
  printf '%-52s | %12s | %12s | %s\n' "$1" "${2:--}" "${3:--}" "$ratio"
}
human() { awk -v n="$1" 'BEGIN {if (n >= 1000000 && n % 1000000 == 0) printf "%dM", n / 1000000;
                                else if (n >= 1000 && n % 1000 == 0) printf "%dk", n / 1000; else print n}'; }

echo
((quick)) && echo "Quick smoke run: tiny sizes, the numbers mean nothing."
echo "Persistent messages (delivery_mode 2), durable queue, default exchange, publisher confirms with at"
echo "most $window unconfirmed, client: warren-persist (rabbitmq-c). Fresh data directory per broker;"
echo "publish rates are the median of $publish_repeats runs of $(human "$publish_count") messages; the backlog is $(human "$backlog") x $backlog_size B."
echo "Times run from launching the broker (RabbitMQ: the reference script, Erlang VM boot included);"
echo "restart times are the median of $restart_repeats restarts."
echo "ratio: > 1 means Warren is better (rates: Warren/RabbitMQ; times and memory: RabbitMQ/Warren)."
[[ -n $rabbit_note ]] && echo "$rabbit_note"
echo
printf '%-52s | %12s | %12s | %s\n' metric Warren RabbitMQ "ratio (>1 = Warren better)"
printf '%s\n' "-----------------------------------------------------+--------------+--------------+---------------------------"
for size in "${sizes[@]}"; do
  row "confirmed publish, $size B (msg/s)" "${result[warren|rate$size]:-}" "${result[rabbit|rate$size]:-}" 1
done
bl=$(human "$backlog")
row "confirmed publish, $bl x 1 KiB backlog (msg/s)" "${result[warren|backlog_rate]:-}" "${result[rabbit|backlog_rate]:-}" 1
row "RSS with $bl x 1 KiB queued (MiB)" "$(mib "${result[warren|rss]:-}")" "$(mib "${result[rabbit|rss]:-}")" 0
row "graceful stop with $bl queued (s)" "${result[warren|stop]:-}" "${result[rabbit|stop]:-}" 0
row "start, fresh data dir: launch -> login (s)" "${result[warren|start]:-}" "${result[rabbit|start]:-}" 0
row "restart, queue empty: launch -> declare-ok (s)" "${result[warren|restart_empty]:-}" "${result[rabbit|restart_empty]:-}" 0
row "restart, $bl queued: launch -> first login (s)" "${result[warren|recovery login]:-}" "${result[rabbit|recovery login]:-}" 0
row "restart, $bl queued: launch -> all counted (s)" "${result[warren|recovery]:-}" "${result[rabbit|recovery]:-}" 0
for b in warren rabbit; do
  [[ -n ${result[$b|recovery]:-} && -n ${result[$b|restart_empty]:-} ]] &&
    result[$b|recovery_work]=$(awk -v a="${result[$b|recovery]}" -v e="${result[$b|restart_empty]}" 'BEGIN {printf "%.3f", a - e}')
done
row "  messages' share: all counted - queue empty (s)" "${result[warren|recovery_work]:-}" "${result[rabbit|recovery_work]:-}" 0
row "RSS after restart, $bl queued (MiB)" "$(mib "${result[warren|rss_restart]:-}")" "$(mib "${result[rabbit|rss_restart]:-}")" 0
row "drain recovered backlog, prefetch $window (msg/s)" "${result[warren|drain]:-}" "${result[rabbit|drain]:-}" 1
echo
for size in "${sizes[@]}"; do
  echo "publish runs, $size B (msg/s): Warren: ${result[warren|runs$size]:--}  RabbitMQ: ${result[rabbit|runs$size]:--}"
done
echo "restarts with $bl queued (s): Warren: ${result[warren|recovery runs]:--}  RabbitMQ: ${result[rabbit|recovery runs]:--}"
echo "restarts, queue empty (s): Warren: ${result[warren|restart_empty runs]:--}  RabbitMQ: ${result[rabbit|restart_empty runs]:--}"
echo "messages' share: the difference of two medians; RabbitMQ's boot alone varies by about ±0.5 s, so"
echo "a value near 0 (or below) means no measurable cost; no ratio is given unless both are > 0."
[[ -n ${result[rabbit|epmd]:-} ]] && echo "RabbitMQ's epmd (not in the table): RSS $(mib "${result[rabbit|epmd]}") MiB"
echo "load average (1 min) during the run: ${loads[*]} (machine: $(nproc) cores)"

if ((failed)); then
  echo
  echo "FAILED: the Warren measurements did not complete (see messages above)"
  exit 1
fi
