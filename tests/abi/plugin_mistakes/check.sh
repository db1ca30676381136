#!/usr/bin/env bash
# Plugin mistakes fail at build time, saying what to write instead.
# Arguments: the project's source dir, a scratch build dir, the C++ compiler.
set -uo pipefail
source_dir=$1 build_dir=$2 compiler=$3
rm -rf "$build_dir"
cmake -S "$source_dir/tests/abi/plugin_mistakes" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
      -DLOCUSTPP_SOURCE_DIR="$source_dir" >/dev/null || { echo "FAIL: configure"; exit 1; }

status=0
expect() {  # target, expected text in the compiler's output
  local target=$1 expected=$2 output
  output=$(cmake --build "$build_dir" --target "$target" 2>&1)
  if [ $? -eq 0 ]; then
    echo "FAIL: $target built, but it has a mistake"; status=1
  elif ! grep -qF -- "$expected" <<<"$output"; then
    echo "FAIL: $target failed without saying: $expected"; echo "$output" | tail -20; status=1
  else
    echo "ok: $target fails with: $expected"
  fi
}

if ! cmake --build "$build_dir" --target fine >/dev/null 2>&1; then
  echo "FAIL: fine (no mistake) does not build"; cmake --build "$build_dir" --target fine 2>&1 | tail -20; exit 1
fi
echo "ok: fine builds"
expect forgotten_co_await "unused-result"
expect missing_return "return-type"
expect void_task "a task is a coroutine: declare it \`locustpp::task<> name()"
expect fractional_weight "task weights are whole numbers"
expect foreign_member "this task is a member of another class"
exit $status
