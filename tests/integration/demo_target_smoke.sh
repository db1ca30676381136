#!/usr/bin/env bash
# Smoke test of locustpp-demo-target over real sockets, driven by curl: every
# route, keep-alive, concurrent /delay, chunked bodies, /drop, the counters,
# HTTPS with a throw-away self-signed certificate, and a clean SIGTERM exit.
#
# usage: demo_target_smoke.sh [path/to/locustpp-demo-target]
# Exits non-zero on the first failed check.
set -euo pipefail

BINARY=${1:-${LOCUSTPP_DEMO_TARGET:-build/bin/locustpp-demo-target}}
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
  [[ "$2" == "$3" ]] || fail "$1: expected [$3], got [$2]"
  pass "$1"
}
expect_contains() {
  [[ "$2" == *"$3"* ]] || fail "$1: [$3] not found in [$2]"
  pass "$1"
}

CURL=(curl --silent --show-error --no-progress-meter --max-time 20)

# start_server ARGS... : starts the server on a free port, sets BASE_URL.
start_server() {
  "$BINARY" --port 0 --quiet "$@" >"$WORK/stdout" 2>"$WORK/stderr" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    if grep -q '^listening on ' "$WORK/stdout"; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited at startup: $(cat "$WORK/stderr")"
    sleep 0.05
  done
  BASE_URL=$(sed -n 's/^listening on //p' "$WORK/stdout")
  [[ "$BASE_URL" =~ ^https?://127\.0\.0\.1:[0-9]+$ ]] || fail "bad startup line: $(cat "$WORK/stdout")"
  pass "startup line: listening on $BASE_URL"
}

stop_server() {
  kill -TERM "$SERVER_PID"
  local status=0
  wait "$SERVER_PID" || status=$?
  SERVER_PID=""
  expect_eq "clean exit on SIGTERM" "$status" 0
}

status_of() { "${CURL[@]}" -k -o /dev/null -w '%{http_code}' "$@"; }

[[ -x "$BINARY" ]] || fail "no executable at $BINARY"

# --- refusals --------------------------------------------------------------
rc=0; "$BINARY" --bind 0.0.0.0 --port 0 >/dev/null 2>&1 || rc=$?
expect_eq "non-loopback bind refused" "$rc" 1

# --- plain HTTP ------------------------------------------------------------
start_server
U=$BASE_URL
"${CURL[@]}" "$U/__counters/reset" >/dev/null

expect_eq "GET /" "$("${CURL[@]}" "$U/")" "hello"
expect_contains "Server header" "$("${CURL[@]}" -i "$U/")" "Server: locustpp-demo-target"
expect_eq "/status/418" "$(status_of "$U/status/418")" 418
expect_eq "/status/503 body" "$("${CURL[@]}" "$U/status/503")" "status 503"
expect_eq "/status/204" "$(status_of "$U/status/204")" 204
expect_eq "/status/99 rejected" "$(status_of "$U/status/99")" 400
expect_eq "unknown path" "$(status_of "$U/no/such/thing")" 404

expect_eq "/bytes/12345 size" "$("${CURL[@]}" "$U/bytes/12345" | wc -c)" 12345
expect_eq "/bytes/20000000 size" "$("${CURL[@]}" "$U/bytes/20000000" | wc -c)" 20000000
expect_contains "/bytes has Content-Length" "$("${CURL[@]}" -I "$U/bytes/777")" "Content-Length: 777"
chunked_headers=$("${CURL[@]}" -D - -o "$WORK/chunked" "$U/chunked/10000?chunk=1000")
expect_contains "/chunked is chunked" "$chunked_headers" "Transfer-Encoding: chunked"
expect_eq "/chunked/10000 size" "$(wc -c <"$WORK/chunked")" 10000
# CR shown as <, LF as >, so the exact framing is visible and comparable.
expect_eq "/chunked raw framing" "$("${CURL[@]}" --raw "$U/chunked/5?chunk=2" | tr '\r\n' '<>')" "2<>ab<>2<>cd<>1<>e<>0<><>"
expect_eq "/bytes and /chunked send the same bytes" \
  "$("${CURL[@]}" "$U/chunked/3000000?chunk=1000" | md5sum)" "$("${CURL[@]}" "$U/bytes/3000000" | md5sum)"

# Keep-alive: three requests, one connection.
verbose=$("${CURL[@]}" -v -o /dev/null -o /dev/null -o /dev/null "$U/" "$U/status/500" "$U/bytes/3" 2>&1)
expect_eq "keep-alive reuses the connection" "$(grep -c 'Re-using existing connection' <<<"$verbose")" 2

# Concurrency: 20 x /delay/1000 finish in about one delay, not twenty.
delay_args=()
for _ in $(seq 20); do delay_args+=(-o /dev/null "$U/delay/1000"); done
start=$(date +%s%N)
"${CURL[@]}" --parallel --parallel-immediate --parallel-max 50 "${delay_args[@]}"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
((elapsed_ms >= 1000 && elapsed_ms < 5000)) || fail "20 parallel /delay/1000 took ${elapsed_ms} ms"
pass "20 parallel /delay/1000 in ${elapsed_ms} ms"

set_cookies=$("${CURL[@]}" -i "$U/cookies/set?a=1&b=two")
expect_contains "/cookies/set a" "$set_cookies" "Set-Cookie: a=1; Path=/"
expect_contains "/cookies/set b" "$set_cookies" "Set-Cookie: b=two; Path=/"
expect_eq "/cookies/check ok" "$("${CURL[@]}" -b 'a=1; b=two' "$U/cookies/check?b=two")" "ok"
expect_eq "/cookies/check missing" "$(status_of -b 'b=3' "$U/cookies/check?b=two")" 401
jar="$WORK/jar"
"${CURL[@]}" -c "$jar" -o /dev/null "$U/cookies/set?token=xyz"
expect_eq "cookie jar round trip" "$("${CURL[@]}" -b "$jar" "$U/cookies/check?token=xyz")" "ok"

expect_contains "/redirect/2" "$("${CURL[@]}" -i "$U/redirect/2")" "Location: /redirect/1"
expect_eq "/redirect/3 followed" "$("${CURL[@]}" -L -w ' %{num_redirects}' "$U/redirect/3")" "redirected
 3"
expect_contains "/redirect-to" "$("${CURL[@]}" -i "$U/redirect-to?url=%2Fstatus%2F201&status=307")" "Location: /status/201"
expect_eq "/redirect-to followed" "$(status_of -L "$U/redirect-to?url=%2Fstatus%2F201")" 201

echo_body=$("${CURL[@]}" -X PUT -H 'X-Quote: say "hi"' --data-binary $'a\nb' "$U/echo?x=1")
expect_contains "/echo method" "$echo_body" '"method": "PUT"'
expect_contains "/echo target" "$echo_body" '"target": "/echo?x=1"'
expect_contains "/echo header" "$echo_body" '"X-Quote": "say \"hi\""'
expect_contains "/echo body" "$echo_body" '"body": "a\nb"'

login=$("${CURL[@]}" -i -d 'username=ann&password=pw' "$U/login")
expect_contains "/login form" "$login" '{"id": 1, "user": "ann"}'
expect_contains "/login cookie" "$login" "Set-Cookie: session=1; Path=/"
expect_eq "/login json" "$("${CURL[@]}" -H 'Content-Type: application/json' -d '{"username":"bob","password":"x"}' "$U/login")" '{"id": 2, "user": "bob"}'
expect_eq "/login empty password" "$(status_of -d 'username=ann&password=' "$U/login")" 401
expect_eq "GET /login" "$(status_of "$U/login")" 405

expect_eq "/basic-auth ok" "$(status_of -u ann:pw "$U/basic-auth/ann/pw")" 200
expect_eq "/basic-auth wrong" "$(status_of -u ann:no "$U/basic-auth/ann/pw")" 401
expect_contains "/basic-auth challenge" "$("${CURL[@]}" -i "$U/basic-auth/ann/pw")" "WWW-Authenticate: Basic"

flaky=""
for _ in $(seq 6); do flaky+="$(status_of "$U/flaky?p=0.5") "; done
expect_eq "/flaky?p=0.5 alternates" "$flaky" "200 500 200 500 200 500 "

close=$("${CURL[@]}" -i "$U/close")
expect_contains "/close says close" "$close" "Connection: close"
expect_contains "/close body" "$close" "bye"
rc=0; "${CURL[@]}" -o /dev/null "$U/drop" 2>/dev/null || rc=$?
expect_eq "/drop gives an empty reply (curl 52)" "$rc" 52

counters=$("${CURL[@]}" "$U/__counters")
expect_contains "counters: / counted" "$counters" '"/": 3'
expect_contains "counters: delays counted" "$counters" '"/delay/1000": 20'
expect_contains "counters: drop counted by path" "$counters" '"/drop": 1'
expect_contains "counters: 500s" "$counters" '"500": 4'
[[ "$counters" != *__counters* ]] || fail "counters count themselves: $counters"
pass "counters do not count /__counters"
"${CURL[@]}" "$U/__counters/reset" >/dev/null
expect_eq "counters reset" "$("${CURL[@]}" "$U/__counters")" '{"total": 0, "by_path": {}, "by_status": {}}'
stop_server

# --- HTTPS -----------------------------------------------------------------
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
    -subj /CN=localhost >/dev/null 2>&1
  start_server --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem"
  [[ "$BASE_URL" == https://* ]] || fail "TLS server announced $BASE_URL"
  U=$BASE_URL
  expect_eq "HTTPS GET /" "$("${CURL[@]}" -k "$U/")" "hello"
  verbose=$("${CURL[@]}" -k -v -o /dev/null -o /dev/null "$U/" "$U/chunked/100000" 2>&1)
  expect_eq "HTTPS keep-alive" "$(grep -c 'Re-using existing connection' <<<"$verbose")" 1
  expect_eq "HTTPS /bytes size" "$("${CURL[@]}" -k "$U/bytes/5000000" | wc -c)" 5000000
  rc=0; "${CURL[@]}" -k -o /dev/null "$U/drop" 2>/dev/null || rc=$?
  expect_eq "HTTPS /drop" "$rc" 52
  stop_server
else
  echo "skip HTTPS checks: no openssl"
fi

echo "demo target smoke test passed"
