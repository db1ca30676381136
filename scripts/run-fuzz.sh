#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of fuzz/ with clang in BUILD_DIR,
# then runs each for FUZZ_SECONDS over a scratch copy of its seed corpus
# (fuzz/corpus/<target>/, never written to), with its dictionary
# (fuzz/dict/<target>.dict) when there is one. Fails when any target
# crashes, leaks, times out or runs out of memory; the input that did it is
# kept in BUILD_DIR/fuzz-crashes/<target>/ and the line to replay it printed.
#
# usage: scripts/run-fuzz.sh [BUILD_DIR]      (default build-fuzz)
#   FUZZ_SECONDS  seconds per target (default 20)
#   FUZZ_TARGETS  which targets, e.g. "url cookies" (default: all)
#   JOBS          parallel compile jobs (default: the number of cores)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=${JOBS:-$(nproc)}

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for source in fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

cmake -S fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]/#/fuzz_}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# UndefinedBehaviorSanitizer's reports come with their stack, as ASan's do.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for target in "${targets[@]}"; do
  corpus=$scratch/$target
  crashes=$build/fuzz-crashes/$target
  log=$build/fuzz-logs/$target.log
  rm -rf "$crashes"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  cp fuzz/corpus/"$target"/* "$corpus"/
  dictionary=()
  if [ -f fuzz/dict/"$target".dict ]; then dictionary=(-dict=fuzz/dict/"$target".dict); fi
  if "$build/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "${dictionary[@]}" "$corpus" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "fuzz_$target: ok, ${runs:-?} inputs in ${seconds} s, ${coverage:-cov: ?} ($(ls "$corpus" | wc -l) in its corpus)"
  else
    failed+=("$target")
    echo "fuzz_$target: FAILED (log: $log)"
    report='ERROR: |check failed|runtime error'
    if grep -qE "$report" "$log"; then grep -E -m 3 -A 12 "$report" "$log"; else tail -n 40 "$log"; fi
    for input in "$crashes"/*; do
      if [ -e "$input" ]; then echo "  replay: $build/fuzz_$target $input"; fi
    done
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
