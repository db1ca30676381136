#!/usr/bin/env bash
# The C module printed in sdk/README.md ("A complete module in C") compiles
# as C11 against the SDK headers, loads, and runs against the demo target.
# Arguments: the project's source dir and build dir.
set -euo pipefail
source_dir=$1 build_dir=$2
work=$(mktemp -d)
target_pid=""
trap '[ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null; rm -rf "$work"' EXIT

awk '/<!-- c-module-example -->/ { found = 1; next }
     found && /^```c$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$source_dir/sdk/README.md" > "$work/c_visitor.c"
[ -s "$work/c_visitor.c" ] || { echo "FAIL: no C module example found in sdk/README.md"; exit 1; }
cc -std=c11 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden -I"$source_dir/sdk/include" \
   "$work/c_visitor.c" -o "$work/c_visitor.so"

"$build_dir/bin/locustpp-demo-target" --port 0 --quiet > "$work/target.out" &
target_pid=$!
for _ in $(seq 200); do grep -q "listening on" "$work/target.out" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on //p' "$work/target.out")
[ -n "$url" ] || { echo "FAIL: the demo target did not start"; exit 1; }

"$build_dir/bin/locustpp" -f "$work/c_visitor.so" --headless -u 2 -r 10 -t 2s -H "$url" \
  --json-file "$work/stats" > "$work/out" 2> "$work/err"
grep -q "com.example.c_visitor: C visitor registered" "$work/err" || { echo "FAIL: no log line"; cat "$work/err"; exit 1; }
requests=$(grep -o '"num_requests": *[0-9]*' "$work/stats.json" | head -1 | grep -o '[0-9]*$')
echo "the README's C module made ${requests:-0} requests"
[ "${requests:-0}" -gt 0 ]
