#!/usr/bin/env bash
# Builds the libFuzzer targets with clang under AddressSanitizer and UndefinedBehaviorSanitizer
# and runs each for a while on a corpus started from the target's own seeds (kept between
# runs). Prints, per target, what libFuzzer reports at the end (executions, coverage, corpus)
# and the CPU time spent; exit 1 when any target found a crash, a leak or a hang (the input is
# in DIR/findings/TARGET/).
#
#   tests/fuzz/run-fuzzers.sh [--build DIR] [--seconds S] [--jobs J] [TARGET ...]
#
#   --build DIR    the clang build directory (default build-fuzz), configured if needed
#   --seconds S    wall time per target (default 600); with --jobs J, J processes share it
#   --jobs J       parallel fuzzing processes per target (libFuzzer -fork; default 1)
#   TARGET         connection, login, two_connections, store_recovery (default: all)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=build-fuzz seconds=600 jobs=1 targets=()
while (($#)); do
  case $1 in
    --build) build=${2:?}; shift ;;
    --seconds) seconds=${2:?}; shift ;;
    --jobs) jobs=${2:?}; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-fuzzers.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
((${#targets[@]})) || targets=(connection login two_connections store_recovery)

if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DWARREN_FUZZ=ON -DWARREN_SANITIZE=ON >/dev/null
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("fuzz_$t" "fuzz_${t}_smoke"); done
cmake --build "$build" --target "${build_targets[@]}"

status=0
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t findings=$build/findings/$t
  mkdir -p "$corpus" "$findings"
  "$build/tests/fuzz/fuzz_${t}_smoke" --write-seeds "$corpus"
  log=$build/fuzz-$t.log
  start=$(date +%s)
  cpu_before=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
  if ! "$build/tests/fuzz/fuzz_$t" "$corpus" -fork="$jobs" -max_total_time="$seconds" -timeout=10 \
         -rss_limit_mb=4096 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz_$t: FOUND A PROBLEM (see $log and $findings/)"
    status=1
  fi
  cpu_after=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
  cpu=$(( (cpu_after - cpu_before) / $(getconf CLK_TCK) ))
  echo "fuzz_$t: $(( $(date +%s) - start )) s wall, ${cpu} s CPU, corpus $(ls "$corpus" | wc -l) inputs;" \
       "$(grep -E 'stat::number_of_executed_units|cov: ' "$log" | tail -2 | tr '\n' ' ')"
done
exit $status
