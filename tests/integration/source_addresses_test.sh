#!/usr/bin/env bash
# Past the ephemeral-port wall with --source-addresses, on loopback inside a
# private network namespace whose ephemeral port range is cut to 100 ports:
# 250 users need 250 connections to one target. From one source address the
# connections beyond the range fail with "Cannot assign requested address";
# spread over 127.0.0.2-127.0.0.4 all of them connect, and the target sees
# the three source addresses.
#
# usage: source_addresses_test.sh LOCUSTPP DEMO_TARGET SCENARIOS_PLUGIN
# Exits 77 (skipped) when no network namespace can be created here.
set -euo pipefail

LOCUSTPP=$1 DEMO_TARGET=$2 PLUGIN=$3

if [[ "${LOCUSTPP_IN_NETNS:-}" != 1 ]]; then
  if ! unshare -n true 2>/dev/null; then
    echo "SKIP: cannot create a network namespace here (unshare -n needs CAP_SYS_ADMIN)"
    exit 77
  fi
  exec unshare -n env LOCUSTPP_IN_NETNS=1 "$0" "$@"
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

ip link set lo up
sysctl -q -w net.ipv4.ip_local_port_range="40000 40099"
ulimit -n "$(ulimit -Hn)"

"$DEMO_TARGET" --port 8080 --quiet >"$WORK/target.out" 2>"$WORK/target.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q '^listening on ' "$WORK/target.out" && break; sleep 0.05; done
grep -q '^listening on ' "$WORK/target.out" || fail "demo target did not start: $(cat "$WORK/target.err")"

# run NAME [extra options]: 250 users of class Peers (GET /peer, then a PEER
# request named by the address the target saw), for 3 s.
run() {
  local name=$1
  shift
  timeout -k 5 60 "$LOCUSTPP" -f "$PLUGIN" --headless -u 250 -r 1000 -t 3s --threads 2 -H http://127.0.0.1:8080 \
    --only-summary "$@" Peers >"$WORK/$name.out" 2>"$WORK/$name.err" || true
}
# The failure count of the Aggregated row of the request table.
failures() { grep -m1 -E '^ +Aggregated .*\|' "$WORK/$1.err" | awk '{ sub(/\(.*/, "", $3); print $3 + 0 }'; }

run one_source
[[ "$(failures one_source)" -gt 0 ]] || fail "one source address: expected failed connects, got none"
grep -q "Cannot assign requested address" "$WORK/one_source.err" ||
  fail "one source address: the failures do not say why: $(grep -A3 'Error report' "$WORK/one_source.err")"
[[ "$(grep -c "Out of local ports for connections to 127.0.0.1:8080" "$WORK/one_source.err")" -eq 1 ]] ||
  fail "one source address: no single warning that names the cause and --source-addresses"
grep -q -- "--source-addresses" "$WORK/one_source.err" || fail "the warning does not name --source-addresses"
pass "one source address: connections beyond 100 ports fail with 'Cannot assign requested address', one warning"

run three_sources --source-addresses 127.0.0.2-127.0.0.4
[[ "$(failures three_sources)" -eq 0 ]] ||
  fail "three source addresses: $(failures three_sources) failures: $(grep -A5 'Error report' "$WORK/three_sources.err")"
for address in 127.0.0.2 127.0.0.3 127.0.0.4; do
  grep -q -E "^ *PEER +$address +[0-9]+ " "$WORK/three_sources.err" || fail "the target never saw $address"
done
if grep -q -E "^ *PEER +127\.0\.0\.1 " "$WORK/three_sources.err"; then fail "a connection came from 127.0.0.1"; fi
pass "three source addresses: 250 connections to one target, from 127.0.0.2-127.0.0.4"
