#!/usr/bin/env bash
# Installs the SDK from the main build into a temporary prefix, builds the
# quick-start example as a separate project against it (must take < 10 s),
# and checks the host loads the result.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" --component Unspecified >/dev/null
start=$(date +%s%N)
cmake -S "$source_dir/tests/abi/out_of_tree" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DQUICKSTART_SOURCE="$source_dir/examples/quickstart/quickstart.cpp" >/dev/null
cmake --build "$work/build" >/dev/null
end=$(date +%s%N)
millis=$(( (end - start) / 1000000 ))
echo "out-of-tree configure + build: ${millis} ms"
if (( millis >= 10000 )); then
  echo "FAIL: building a plugin against the installed SDK took ${millis} ms (limit 10 s)" >&2
  exit 1
fi
listing=$("$build_dir/bin/locustpp" -f "$work/build/outside_quickstart.so" --list)
echo "$listing"
grep -q "io.locustpp.examples.quickstart" <<<"$listing"
grep -q "Visitor" <<<"$listing"
