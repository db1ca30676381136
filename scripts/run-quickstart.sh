#!/usr/bin/env bash
# `make run`: starts the demo target on a free loopback port, runs the
# quick-start plugin against it headless for about 10 s (live table, then
# the final summary), and stops the target again.
set -euo pipefail
build_dir=${1:-build}
bin="$build_dir/bin"
output=$(mktemp)
"$bin/locustpp-demo-target" --port 0 --quiet >"$output" &
target_pid=$!
trap 'kill $target_pid 2>/dev/null; rm -f "$output"' EXIT
for _ in $(seq 50); do
  grep -q "listening on" "$output" && break
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$output")
[ -n "$url" ] || { echo "demo target did not start" >&2; exit 1; }
echo "demo target: $url"
"$bin/locustpp" -f "$build_dir/examples/quickstart.so" --headless -u 20 -r 10 -t 10s -H "$url"
