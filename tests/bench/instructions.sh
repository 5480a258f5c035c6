#!/usr/bin/env bash
# Instructions the broker spends per message, counted by valgrind's callgrind: exact and
# repeatable where wall-clock rates on a shared machine vary by ±15 %. Runs Warren under
# callgrind twice, with N and with 2N messages of the same warren-load scenario, and prints
# the difference divided by N (start-up and shutdown cancel out).
#
#   instructions.sh WARREN_BINARY WARREN_LOAD N [--warren-args "ARGS"] -- LOAD_ARGS...
#   e.g. instructions.sh build-release/app/warren build-release/tests/bench/warren-load 50000 \
#          -- --pipeline --size 16 --ack --prefetch 100
#
# Needs valgrind. Compare two builds by running it on each (ratios, not rates).
set -euo pipefail

warren=$(realpath "${1:?WARREN_BINARY}"); load=$(realpath "${2:?WARREN_LOAD}"); n=${3:?N}; shift 3
warren_args=""
if [[ ${1:-} == --warren-args ]]; then warren_args=$2; shift 2; fi
[[ ${1:-} == -- ]] && shift
load_args=("$@")
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is needed" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Total instructions of one broker run that carries `count` messages.
run() {
  local count=$1 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # shellcheck disable=SC2086  # --warren-args is a list of words
  valgrind --tool=callgrind --callgrind-out-file="$work/$count.cg" "$warren" --headless --port "$port" \
    --bind 127.0.0.1 --data-dir "$work/data-$count" $warren_args >"$work/$count.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q "ready:" "$work/$count.log" && break; sleep 0.1; done
  "$load" --port "$port" --count "$count" "${load_args[@]}" >/dev/null
  kill -TERM "$pid"; wait "$pid" || true
  awk '/^summary:/ {print $2}' "$work/$count.cg"
}

one=$(run "$n"); two=$(run $((2 * n)))
echo "$(((two - one) / n)) instructions/message ($one for $n messages, $two for $((2 * n)))"
