#!/usr/bin/env bash
# Runs the same load generator (warren-load) against Warren and against Debian's
# rabbitmq-server on this machine, in turns, and prints the msg/s of each and
# the ratio Warren/RabbitMQ per scenario, once per client mode of warren-load:
# rabbitmq-c (a syscall per frame) and pipeline (buffered: many frames per
# syscall), plus the CPU the broker and the two client threads used.
#
#   compare.sh WARREN_BINARY [--quick] [--warren-only] [--load WARREN_LOAD] [--rounds N]
#              [--warren-args "ARGS"] [--window PAGE] [--latency | --connections]
#
#   --quick        tiny runs (smoke test: does everything work end to end?)
#   --warren-only  do not start RabbitMQ (ratios are left empty)
#   --load PATH    the warren-load binary; default: <build>/tests/bench/warren-load
#                  next to <build>/app/warren
#   --rounds N     rounds, each: start every broker in turn, run each scenario once
#                  on it, stop it (default 3, --quick: 1); figures are medians
#   --warren-args "ARGS"  more options for `warren --headless`, e.g.
#                  "--trace-file /dev/null" to measure with the event tap on
#   --window PAGE  run Warren with its window open at PAGE (e.g. flow) instead of
#                  headless: the broker's rate while the explorer draws it. Needs
#                  a display: run compare.sh under xvfb-run.
#   --latency      instead of throughput: 16-byte messages paced at 1,000 and 10,000
#                  msg/s, the latency of every message (publish to delivery); reports
#                  p50/p99/p99.9 per run, medians, and the histogram of the median run
#   --connections  instead of the 1 -> 1 -> 1 scenarios: 16 B no-ack and 1 KiB manual-ack
#                  (prefetch 100) each as 1 publisher -> 1 queue -> 1 consumer, as
#                  4 publishers -> 1 queue -> 4 consumers and as 16 publisher/consumer
#                  pairs on 16 queues, every thread on its own connection; reports the
#                  total msg/s, and each multi-connection figure over its 1 -> 1 -> 1 one
#                  ("more connections never slower": at least 1.00)
#   --scaling      like --connections, with K publisher/consumer pairs on K queues for
#                  K = 1, 4, 16 and 64: how the total changes with queues and connections
#                  (the measurements behind docs/ARCHITECTURE.md's "More cores")
#   env MAX_BACKLOG=N  how far the publisher may run ahead of the consumer
#                  (default 100000 messages; 0 = unbounded; 16 pairs: N/16 per queue)
#
# The brokers run one after the other, never together: each gets the whole
# machine while it is measured. Exit status is non-zero when any load run
# fails or Warren does not start; RabbitMQ that cannot start is only skipped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
reference_sh="$here/../tools/rabbitmq-reference.sh"
# shellcheck source=bench_common.sh
. "$here/bench_common.sh"  # free_port

die() { echo "compare.sh: $*" >&2; exit 2; }
note() { echo "compare.sh: $*" >&2; }

# ---- arguments -----------------------------------------------------------------
warren_bin="" load_bin="" quick=0 warren_only=0 rounds="" warren_args="" window_page="" latency=0 connections=0 scaling=0
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --warren-only) warren_only=1 ;;
    --load) load_bin=${2:?--load needs a path}; shift ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift ;;
    --warren-args) warren_args=${2?--warren-args needs a value}; shift ;;
    --window) window_page=${2:?--window needs a page name}; shift ;;
    --latency) latency=1 ;;
    --connections) connections=1 ;;
    --scaling) connections=1 scaling=1 ;;
    # The header comment, up to its first line that is not one.
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
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
((latency && connections)) && die "--latency and --connections are separate benchmarks: give one"

# ---- scenarios -----------------------------------------------------------------
# name|warren-load arguments. Every scenario runs with each client mode, one
# right after the other. Full runs publish for a fixed time, capped by a count
# that is only a safety bound (the pipeline client reaches millions of msg/s). The publisher may run at most MAX_BACKLOG messages ahead of the
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
# client name|warren-load arguments
clients=(
  "rabbitmq-c|"
  "pipeline|--pipeline"
)
if ((quick)); then
  # The smoke run also covers the edges of both clients: empty bodies,
  # multiple-acks, and bodies split over several frames (frame_max 128 KiB).
  scenarios+=(
    "0B ack prefetch=100|--size 0 --ack --prefetch 100"
    "16B ack multiple-ack=50|--size 16 --ack --prefetch 100 --multiple-ack-every 50"
    "300KiB ack prefetch=10|--size 307200 --ack --prefetch 10 --count 200"
  )
  measure_args=(--count 2000 --idle-timeout 20)
  warmup_args=(--size 16 --count 500 --idle-timeout 20)
else
  measure_args=(--seconds 3 --count 30000000 --max-backlog "${MAX_BACKLOG:-100000}" --idle-timeout 30)
  warmup_args=(--size 16 --seconds 1 --count 1000000 --max-backlog "${MAX_BACKLOG:-100000}" --idle-timeout 30)
fi
if ((latency)); then
  # Paced: the rate is the scenario, the run's length how many samples it gets
  # (10 s: 10,000 and 100,000 messages, so the p99.9 rests on 10 and 100 samples).
  scenarios=(
    "16B at 1000/s|--size 16 --rate 1000"
    "16B at 10000/s|--size 16 --rate 10000"
  )
  seconds=$((quick ? 1 : 10))
  measure_args=(--seconds "$seconds" --idle-timeout 30)
  warmup_args=(--size 16 --rate 10000 --seconds 1 --idle-timeout 30)
fi
# --connections: every message kind in every shape, named "KIND SHAPE" so the
# report can find each one's 1 -> 1 -> 1 figure. Sixteen queues share the
# backlog bound, so the pairs hold no more in total than one queue may.
connection_kinds=(
  "16B noack|--size 16"
  "1KiB ack|--size 1024 --ack --prefetch 100"
)
# K pairs on K queues, each queue with a K-th of the backlog bound.
pairs_shape() { echo "$1 pairs|--queues $1 --max-backlog $((${MAX_BACKLOG:-100000} / $1))"; }
connection_shapes=("1->1->1|" "4->1->4|--publishers 4 --consumers 4" "$(pairs_shape 16)")
if ((scaling)); then
  connection_shapes=("1->1->1|" "$(pairs_shape 4)" "$(pairs_shape 16)" "$(pairs_shape 64)")
fi
if ((connections)); then
  scenarios=()
  for kind in "${connection_kinds[@]}"; do
    for shape in "${connection_shapes[@]}"; do
      scenarios+=("${kind%%|*} ${shape%%|*}|${kind#*|} ${shape#*|}")
    done
  done
fi

# ---- ports, temp dirs, clean-up -----------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/warren-bench.XXXXXX")
warren_pid="" rabbit_dir="" broker_pid=""  # broker_pid: whose CPU time is measured
cleanup() {
  stop_warren || true
  stop_rabbit || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- Warren ------------------------------------------------------------------
start_warren() {
  local port=$1 dir="$work/warren-data" log="$work/warren.log"
  mkdir -p "$dir"
  # Started from the temp dir: whatever a broker drops in its working
  # directory (core files, Erlang crash dumps) must not land in the caller's.
  # shellcheck disable=SC2086  # --warren-args is a list of words
  local mode=(--headless)
  # The window keeps its settings under HOME: a private one leaves the user's alone.
  [[ -n $window_page ]] && mode=(--page "$window_page")
  (cd "$work" && HOME="$work/home" exec "$warren_bin" "${mode[@]}" --port "$port" --bind 127.0.0.1 \
     --data-dir "$dir" $warren_args) >"$log" 2>&1 &
  warren_pid=$!
  broker_pid=$warren_pid
  for _ in $(seq 1 300); do
    grep -q ready "$log" 2>/dev/null && return 0
    # The window prints nothing when its broker is up: it listens then.
    [[ -n $window_page ]] && python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" \
      2>/dev/null && return 0
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
  local pid=$warren_pid; warren_pid="" broker_pid=""
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
  # The Erlang VM (beam.smp), which does all of RabbitMQ's work.
  broker_pid=$(cat "$rabbit_dir/rabbitmq.pid" 2>/dev/null) || broker_pid=""
}

stop_rabbit() {
  [[ -n $rabbit_dir ]] || return 0
  "$reference_sh" stop "$rabbit_dir" || true
  rabbit_dir="" broker_pid=""
}

# ---- measuring -----------------------------------------------------------------
clock_ticks=$(getconf CLK_TCK)
# utime + stime of a process, in clock ticks (fields 14 and 15 of its stat;
# the command names here, warren and beam.smp, have no spaces).
cpu_ticks() {
  [[ -n $1 ]] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo ""
}

# Runs warren-load once; prints "RATE BROKER_CPU PUBLISHER_CPU CONSUMER_CPU P50 P99
# P999 MACHINE_STALLS" on stdout (CPU in cores: 1.00 = one core busy for the whole run; the
# broker's over warren-load's whole life, setup included; latencies in us, "-"
# unless paced) and keeps its lines in the log, its histogram in $work/last.hist.
run_load() {
  local port=$1; shift
  local out c0 c1 t0 t1 bcpu
  c0=$(cpu_ticks "$broker_pid"); t0=$(date +%s%N)
  if ! out=$("$load_bin" --host 127.0.0.1 --port "$port" "$@" 2>&1); then
    note "warren-load failed (port $port, args: $*):"; printf '%s\n' "$out" | sed 's/^/    /' >&2
    return 1
  fi
  t1=$(date +%s%N); c1=$(cpu_ticks "$broker_pid")
  bcpu=-
  [[ -n $c0 && -n $c1 ]] &&
    bcpu=$(awk -v a="$c0" -v b="$c1" -v t="$((t1 - t0))" -v hz="$clock_ticks" 'BEGIN {printf "%.2f", (b - a) / hz / (t / 1e9)}')
  echo "$out broker_cpu=$bcpu" >>"$work/results.log"
  grep -v '^histogram' <<<"$out" | sed 's/^/    /' >&2
  grep '^histogram' <<<"$out" >"$work/last.hist" || true
  printf '%s %s %s %s %s %s %s %s\n' "$(field rate "$out")" "$bcpu" "$(field publisher_cpu "$out")" \
    "$(field consumer_cpu "$out")" "$(field p50_us "$out")" "$(field p99_us "$out")" "$(field p999_us "$out")" \
    "$(field machine_stalls "$out")"
}

# field NAME TEXT: the value of NAME=VALUE in warren-load's output, or "-".
field() {
  local v; v=$(sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2" | head -1)
  echo "${v:--}"
}

# Keyed by broker|client|scenario, each a space-separated list over the rounds:
declare -A runs bcpu pcpu ccpu  # msg/s; CPU of the broker, publisher thread, consumer thread
declare -A p50 p99 p999 stalls  # --latency: microseconds; wake-ups > 10 ms late (stall_probe.h)
failures=0
warren_ok=1 rabbit_ok=1 rabbit_note=""

# One round on one broker (already started, on $port): a warmup, then each
# scenario once with each client, the two clients back to back.
measure_round() {
  local broker=$1 port=$2 entry name args client cname cargs key r rate b p c l50 l99 l999 st
  run_load "$port" --scenario warmup "${warmup_args[@]}" >/dev/null || ((++failures))
  for entry in "${scenarios[@]}"; do
    name=${entry%%|*}; args=${entry#*|}
    for client in "${clients[@]}"; do
      cname=${client%%|*}; cargs=${client#*|}
      key="$broker|$cname|$name"
      # Scenario arguments last: they may override the count (large bodies).
      # shellcheck disable=SC2086  # args and cargs are lists of options by design
      if r=$(run_load "$port" --scenario "${name// /-}" $cargs "${measure_args[@]}" $args); then
        read -r rate b p c l50 l99 l999 st <<<"$r"
        if ((latency)) && [[ $l99 == - ]]; then
          note "warren-load printed no latency figures for $key"; ((++failures)); continue
        fi
        runs[$key]+="$rate "; bcpu[$key]+="$b "; pcpu[$key]+="$p "; ccpu[$key]+="$c "
        p50[$key]+="$l50 "; p99[$key]+="$l99 "; p999[$key]+="$l999 "; stalls[$key]+="$st "
        mkdir -p "$work/hist"
        cp "$work/last.hist" "$work/hist/${key//[ \/|=]/_}.$l99"
      else
        ((++failures))
      fi
    done
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
# Median of numbers; "-" entries (no CPU figure) are ignored, none at all gives "".
median() {
  printf '%s\n' "$@" | { grep -v '^-*$' || true; } | sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'
}
# median_of ARRAY KEY: the median of one key's space-separated list in an associative
# array of figures (runs, bcpu, p99, ...), or "".
median_of() {
  local -n figures=$1
  # shellcheck disable=SC2086  # the list is split on purpose
  median ${figures[$2]:-}
}
# A / B to two decimals, or nothing when either is missing or B is 0.
ratio_of() {
  [[ -n $1 && -n $2 && $2 != 0 ]] || return 0
  awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

# "broker/publisher/consumer" medians of one key, or "-".
cpu_cell() {
  local key=$1 b p c
  b=$(median_of bcpu "$key")
  p=$(median_of pcpu "$key")
  c=$(median_of ccpu "$key")
  if [[ -z $p ]]; then echo -; else echo "${b:--}/$p/$c"; fi
}

throughput_report() {
  echo
  if ((quick)); then
    echo "Quick smoke run: ${measure_args[1]} messages per scenario, $rounds round(s); the numbers mean nothing."
  else
    if ((connections)); then
      echo "Publishers -> queues -> consumers as each scenario says (4->1->4: 4 publishers and 4 consumers"
      echo "on one queue; 16 pairs: publisher i -> queue i -> consumer i), every thread on its own connection;"
      echo "ack = manual ack, prefetch 100. Transient messages, default exchange; end-to-end msg/s in total"
      echo "(first publish to last message consumed, over all threads), publishing for ~${measure_args[1]} s, a queue at"
      echo "most ${measure_args[5]} messages ahead of its consumers (16 pairs: a sixteenth of that per queue)."
    else
      echo "1 publisher -> 1 queue -> 1 consumer, transient messages, default exchange; end-to-end msg/s"
      echo "(first publish to last message consumed), publishing for ~${measure_args[1]} s, at most ${measure_args[5]} messages ahead"
      echo "of the consumer."
    fi
    echo "Each figure is the MEDIAN of $rounds rounds; a round starts a fresh broker, warms"
    echo "it up and runs every scenario once with each client. Warren and RabbitMQ alternate and never run"
    echo "together. Clients: rabbitmq-c = one send() per frame (3 per publish) and per ack; pipeline = the"
    echo "bench's own buffered client, ~64 KiB per send(), acks written once per 256 KiB read."
  fi
  [[ -n $rabbit_note ]] && echo "$rabbit_note"
  echo
  row='%-10s | %-24s | %14s | %14s | %s\n'
  # shellcheck disable=SC2059  # the format is ours
  printf "$row" client scenario "Warren msg/s" "RabbitMQ msg/s" "ratio (Warren/RabbitMQ)"
  printf '%s\n' "-----------+--------------------------+----------------+----------------+------------------------"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}
      w=$(median_of runs "Warren|$cname|$name")
      q=$(median_of runs "RabbitMQ|$cname|$name")
      ratio=$(ratio_of "$w" "$q")
      # shellcheck disable=SC2059
      printf "$row" "$cname" "$name" "${w:--}" "${q:--}" "${ratio:--}"
    done
  done

  echo
  echo "CPU used during the runs (medians; 1.00 = one core busy the whole run; the machine has $(nproc)):"
  echo "broker process / publisher thread / consumer thread. A client thread near 1.00, or all three"
  echo "adding up to the number of cores, means the client side limits the rate, not the broker."
  ((connections)) && echo "With several threads per side, a side's figure is the sum over its threads."
  echo
  row='%-10s | %-24s | %-22s | %s\n'
  # shellcheck disable=SC2059
  printf "$row" client scenario "Warren brk/pub/con" "RabbitMQ brk/pub/con"
  printf '%s\n' "-----------+--------------------------+------------------------+----------------------"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}
      # shellcheck disable=SC2059
      printf "$row" "$cname" "$name" "$(cpu_cell "Warren|$cname|$name")" "$(cpu_cell "RabbitMQ|$cname|$name")"
    done
  done

  if ((rounds > 1)); then
    echo
    echo "All runs (msg/s, in round order):"
    for client in "${clients[@]}"; do
      cname=${client%%|*}
      for entry in "${scenarios[@]}"; do
        name=${entry%%|*}
        printf '  %-10s %-24s Warren: %-28s RabbitMQ: %s\n' "$cname" "$name" \
          "${runs["Warren|$cname|$name"]:--}" "${runs["RabbitMQ|$cname|$name"]:--}"
      done
    done
  fi
}

# The median run's histogram of one key (the run whose p99 is the median).
median_histogram() {
  local key=$1 m
  m=$(median_of p99 "$key")
  [[ -n $m ]] && sed 's/^histogram /    /' "$work/hist/${key//[ \/|=]/_}.$m" 2>/dev/null
}

# "p50/p99/p99.9" medians of one key.
latency_cell() {
  echo "$(median_of p50 "$1")/$(median_of p99 "$1")/$(median_of p999 "$1")"
}

latency_report() {
  local client cname entry name key w q ratio broker
  echo
  echo "1 publisher -> 1 queue -> 1 consumer, 16-byte transient messages paced at a fixed rate for"
  echo "${measure_args[1]} s; latency = publish (the stamp in the body) to delivery, every message. Figures"
  echo "are MEDIANS of $rounds rounds (p50 / p99 / p99.9 in microseconds); Warren and RabbitMQ alternate."
  [[ -n $rabbit_note ]] && echo "$rabbit_note"
  echo
  local row='%-10s | %-16s | %-24s | %-24s | %s\n'
  # shellcheck disable=SC2059  # the format is ours
  printf "$row" client scenario "Warren p50/p99/p99.9" "RabbitMQ p50/p99/p99.9" "p99 ratio (W/R)"
  printf '%s\n' "-----------+------------------+--------------------------+--------------------------+----------------"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}
      w=$(median_of p99 "Warren|$cname|$name")
      q=$(median_of p99 "RabbitMQ|$cname|$name")
      ratio=$(ratio_of "$w" "$q")
      # shellcheck disable=SC2059
      printf "$row" "$cname" "$name" "$(latency_cell "Warren|$cname|$name")" \
        "$(latency_cell "RabbitMQ|$cname|$name")" "${ratio:--}"
    done
  done
  echo
  echo "Every run, p99 / p99.9 in microseconds, in round order, and how often the machine itself"
  echo "stalled during it (a probe thread's 1 ms sleep woke more than 10 ms late: every process was"
  echo "held up then, so a run with stalls has a p99 of the machine's, not the broker's):"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}
      for broker in Warren RabbitMQ; do
        key="$broker|$cname|$name"
        printf '  %-10s %-16s %-8s p99: %-28s p99.9: %-28s machine stalls: %s\n' "$cname" "$name" "$broker" \
          "${p99[$key]:--}" "${p999[$key]:--}" "${stalls[$key]:--}"
      done
    done
  done
  echo
  echo "Histograms of the median run (microseconds, count, share):"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}
      for broker in Warren RabbitMQ; do
        key="$broker|$cname|$name"
        [[ -n ${p99[$key]:-} ]] || continue
        echo "  $broker, $cname, $name:"
        median_histogram "$key"
      done
    done
  done
}

# --connections: each multi-connection shape's median over the 1 -> 1 -> 1 median
# of the same kind, client and broker. Warren's is the target ("more connections
# never slower"); RabbitMQ's shows how it scales on the same machine.
connections_report() {
  local client cname kind kname shape sname w w1 q q1 ratio rratio verdict
  echo
  echo "More connections never slower: total msg/s of each multi-connection scenario over the same"
  echo "kind's 1->1->1 (medians). Warren's must be at least 1.00; RabbitMQ's is for comparison."
  echo
  local row='%-10s | %-20s | %14s | %14s | %-16s | %s
'
  # shellcheck disable=SC2059  # the format is ours
  printf "$row" client scenario "Warren msg/s" "Warren 1->1->1" "Warren ratio" "RabbitMQ ratio"
  printf '%s\n' "-----------+----------------------+----------------+----------------+------------------+---------------"
  for client in "${clients[@]}"; do
    cname=${client%%|*}
    for kind in "${connection_kinds[@]}"; do
      kname=${kind%%|*}
      w1=$(median_of runs "Warren|$cname|$kname ${connection_shapes[0]%%|*}")
      q1=$(median_of runs "RabbitMQ|$cname|$kname ${connection_shapes[0]%%|*}")
      for shape in "${connection_shapes[@]:1}"; do
        sname="$kname ${shape%%|*}"
        w=$(median_of runs "Warren|$cname|$sname")
        q=$(median_of runs "RabbitMQ|$cname|$sname")
        ratio=$(ratio_of "$w" "$w1") rratio=$(ratio_of "$q" "$q1") verdict=""
        [[ -n $ratio ]] && verdict=$(awk -v r="$ratio" 'BEGIN {print (r >= 1 ? "ok" : "SLOWER")}')
        # shellcheck disable=SC2059
        printf "$row" "$cname" "$sname" "${w:--}" "${w1:--}" "${ratio:--} ${verdict}" "${rratio:--}"
      done
    done
  done
}

if ((latency)); then
  latency_report
else
  throughput_report
  if ((connections)); then connections_report; fi
fi

if ((failures)); then
  echo
  echo "FAILED: $failures load run(s) or broker start(s) failed (see messages above)"
  exit 1
fi
