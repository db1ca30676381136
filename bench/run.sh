#!/usr/bin/env bash
# locustpp benchmarks against a private, pinned nginx on loopback.
#
#   bench/run.sh [throughput|memory|names|web|processes|cluster|all] [--rounds N] [--build-dir DIR]
#
# throughput: interleaved rounds of wrk and locustpp (hello.so, 50 users,
#             no wait), each pinned to one core; then CPU time and (callgrind)
#             user-space instructions per request of both; last line
#             "ratio locustpp/wrk: X.XX" (median req/s over median req/s).
# memory:     20,000 mostly idle users (idle.so, wait 5-10 s) on one worker
#             thread; last line "peak RSS: N KiB, per user: X KiB".
# names:      statistics memory: the same 20 s run (names.so, 50 users, two
#             worker threads) with 1 request name and with 10,000; last line
#             "per entry: X KiB" ((peak RSS 10,000 - peak RSS 1) / 9,999).
# web:        /stats/requests timing with 1,000 names under 1,000 users.
# processes:  --processes 2 against one process (--threads 1 each, generator
#             unpinned), with hello.so (server-bound) and busy.so (GET / and
#             ~0.1 ms of client work: generator-bound); last line
#             "ratio processes 2/1: X.XX" (busy.so).
# cluster:    a master merging the reports of 100 simulated workers
#             (fake_workers, 50 entries each, every 3 s); last line
#             "master CPU: X% of one core".
# all:        throughput, memory, names, web, processes, cluster.
#
# Setup and method: bench/README.md (they follow the project's measured
# peer anchors: pinned cores, nginx on loopback, wrk as the reference).
# Results go to stdout; progress and warnings go to stderr. See
# bench/README.md for how to read the output.
#
# Environment knobs (all optional):
#   BENCH_GEN_CPU=0 BENCH_SRV_CPU=1  cores for the load generator / nginx
#   BENCH_QUIET_WAIT=30   seconds to wait (per run) for an idle box first
#   BENCH_MEM_USERS=20000 users in memory mode
#   BENCH_SOURCE_ADDRESSES=127.0.0.2-127.0.0.9  memory mode: --source-addresses for locustpp
#   BENCH_NAMES=10000     distinct request names in names mode
#   BENCH_INSTRUCTIONS=0  skip the callgrind count of instructions per request
#   BENCH_KEEP=1          keep the scratch directory (raw outputs of every run)
set -euo pipefail
export LC_ALL=C  # '.' decimals for awk and EPOCHREALTIME

# ---- arguments ----------------------------------------------------------------

usage() {
  echo "usage: $0 [throughput|memory|names|web|processes|cluster|all] [--rounds N] [--build-dir DIR]" >&2
  exit 2
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$SCRIPT_DIR")

MODE=all
ROUNDS=5
BUILD_DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    throughput | memory | names | web | processes | cluster | all) MODE=$1 ;;
    --rounds) [[ $# -ge 2 ]] || usage; ROUNDS=$2; shift ;;
    --rounds=*) ROUNDS=${1#*=} ;;
    --build-dir) [[ $# -ge 2 ]] || usage; BUILD_DIR=$2; shift ;;
    --build-dir=*) BUILD_DIR=${1#*=} ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
  shift
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds needs a positive integer" >&2; exit 2; }

if [[ -z "$BUILD_DIR" ]]; then
  if [[ -d "$REPO_ROOT/build-release" ]]; then BUILD_DIR=$REPO_ROOT/build-release; else BUILD_DIR=$REPO_ROOT/build; fi
fi
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
LOCUSTPP=$BUILD_DIR/bin/locustpp
HELLO_SO=$BUILD_DIR/bench/hello.so
IDLE_SO=$BUILD_DIR/bench/idle.so
NAMES_SO=$BUILD_DIR/bench/names.so
BUSY_SO=$BUILD_DIR/bench/busy.so
FAKE_WORKERS=$BUILD_DIR/bench/fake_workers
for f in "$LOCUSTPP" "$HELLO_SO" "$IDLE_SO" "$NAMES_SO" "$BUSY_SO" "$FAKE_WORKERS"; do
  if [[ ! -e "$f" ]]; then
    echo "missing $f; build it first: cmake --build $BUILD_DIR -j1 --target locustpp hello idle names busy fake_workers" >&2
    exit 1
  fi
done

GEN_CPU=${BENCH_GEN_CPU:-0}
SRV_CPU=${BENCH_SRV_CPU:-1}
QUIET_WAIT=${BENCH_QUIET_WAIT:-30}
MEM_USERS=${BENCH_MEM_USERS:-20000}
NAMES=${BENCH_NAMES:-10000}
NCPU=$(nproc --all)
HZ=$(getconf CLK_TCK)
if ((NCPU < 2)); then
  echo "warning: only $NCPU CPU; generator and nginx share CPU 0" >&2
  GEN_CPU=0 SRV_CPU=0
fi

log() { echo "[bench] $*" >&2; }

# ---- tools ----------------------------------------------------------------------

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
  command -v timeout >/dev/null 2>&1 || missing+=(coreutils)
  command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
ensure_tools
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

# ---- scratch dir, cleanup ---------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/locustpp-bench.XXXXXX")
NGINX_PID=""
BG_PIDS=()

cleanup() {
  local rc=$?
  set +e
  local p
  for p in "${BG_PIDS[@]}"; do kill -- "$p" 2>/dev/null; done
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "raw outputs kept in $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- file descriptors ---------------------------------------------------------------
# 20,000 users need 20,000 sockets in locustpp and as many in nginx.

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
[[ "$NOFILE" == unlimited ]] && NOFILE=1048576
# Not capped at NOFILE: nginx starts closing idle keep-alive connections once
# fewer than 1/16 of worker_connections are free, so 20,000 users need well
# over 21,300 even where the fd limit stops nginx earlier.
WORKER_CONNECTIONS=32768

# ---- nginx ------------------------------------------------------------------------------

# True when something accepts connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when 127.0.0.1:$1 answers GET / with 200.
nginx_answers() {
  local status=""
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
    timeout 2 head -n1 <&3) 2>/dev/null) || return 1
  [[ "$status" == *" 200 "* ]]
}

# A port below the ephemeral range, so 20,000 client sockets never collide with it.
pick_port() {
  local low span port
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  span=$((low > 21000 ? low - 20000 : 10000))
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % span))
    port_open "$port" || { echo "$port"; return 0; }
  done
  echo "no free port found" >&2
  return 1
}

write_nginx_conf() {
  local port=$1
  mkdir -p "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
# Private nginx for bench/run.sh (perf-anchors §2, "return 200" server).
worker_processes 1;
worker_rlimit_nofile $NOFILE;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events {
    worker_connections $WORKER_CONNECTIONS;
}
http {
    access_log off;
    sendfile on; tcp_nopush on; tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    client_body_temp_path $WORK/nginx/tmp/body; proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fcgi; uwsgi_temp_path $WORK/nginx/tmp/uwsgi; scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$port backlog=4096;
        location / { return 200 "hello\n"; }
    }
}
EOF
}

start_nginx() {
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(pick_port)
    write_nginx_conf "$port"
    taskset -c "$SRV_CPU" "$NGINX_BIN" -p "$WORK/nginx/" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" \
      </dev/null >"$WORK/nginx/stdout.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 50); do
      kill -0 "$NGINX_PID" 2>/dev/null || break
      if nginx_answers "$port"; then
        PORT=$port
        URL="http://127.0.0.1:$PORT"
        NGINX_WORKER=$(children_of "$NGINX_PID" | head -n1)
        log "nginx $(nginx_version) on $URL (master $NGINX_PID, worker ${NGINX_WORKER:-?}, CPU $SRV_CPU," \
          "worker_connections $WORKER_CONNECTIONS, nofile $NOFILE)"
        return 0
      fi
      sleep 0.1
    done
    log "nginx did not come up on port $port (attempt $attempt):"
    tail -n3 "$WORK/nginx/error.log" "$WORK/nginx/stdout.log" >&2 2>/dev/null || true
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  done
  echo "could not start nginx" >&2
  exit 1
}

nginx_version() { "$NGINX_BIN" -v 2>&1 | sed 's|.*/||'; }

# ---- /proc helpers ------------------------------------------------------------------------

children_of() {
  local pid=$1
  if [[ -r /proc/$pid/task/$pid/children ]]; then
    tr ' ' '\n' <"/proc/$pid/task/$pid/children" | sed '/^$/d'
  else
    pgrep -P "$pid" || true
  fi
}

# Busy ticks (user+nice+system+irq+softirq+steal) of the whole box.
box_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# Busy ticks of one core.
core_ticks() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# utime+stime ticks of a process (0 once it is gone).
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Waits (at most QUIET_WAIT s) for a 1 s window where the box is < 10 % busy,
# so a run does not start in the middle of someone else's compile.
# Prints "quiet" or "busy".
wait_for_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT)) before after
  while :; do
    before=$(box_ticks)
    sleep 1
    after=$(box_ticks)
    if (((after - before) * 10 < NCPU * HZ)); then echo quiet; return 0; fi
    if ((SECONDS >= deadline)); then echo busy; return 0; fi
  done
}

# ---- helpers ----------------------------------------------------------------------------------

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b + 0 == 0) print "nan"; else printf f "\n", a / b }'; }

# Values from a locustpp summary table: the first "Aggregated" row that has
# the "| ... |" columns is the request statistics row (the percentiles row has none).
aggregated_row() { { grep -h -m1 -E '^ +Aggregated .*\|.*\|' "$@" || true; } | head -n1; }
agg_requests() { aggregated_row "$@" | awk -F'|' '{ split($1, a, " "); print a[2] + 0 }'; }
agg_failures() { aggregated_row "$@" | awk -F'|' '{ split($1, a, " "); sub(/\(.*/, "", a[3]); print a[3] + 0 }'; }
agg_rps() { aggregated_row "$@" | awk -F'|' '{ split($3, a, " "); print a[1] + 0 }'; }

# Steady-state req/s from the --json "num_reqs_per_sec" maps (summed over
# entries): the mean of the whole seconds, leaving out the first and last,
# which are partial (spawn and shutdown).
steady_rps() {
  awk '
    /"num_reqs_per_sec": *\{ *\}/ { next }
    /"num_reqs_per_sec": *\{/ { inside = 1; next }
    inside && /\}/ { inside = 0; next }
    inside { gsub(/[",]/, ""); split($0, kv, ":"); n[kv[1] + 0] += kv[2] }
    END {
      c = 0; for (k in n) keys[++c] = k
      if (c < 3) { print "nan"; exit }
      for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (keys[j] < keys[i]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
      s = 0; for (i = 2; i < c; i++) s += n[keys[i]]
      printf "%.0f\n", s / (c - 2)
    }' "$1"
}

# Runs "$@" (pinned to the generator core, bounded by $limit seconds) under
# GNU time; sets RUN_WALL RUN_CPU RUN_MAXRSS RUN_RC and the CPU accounting
# RUN_GEN_CORE (% of the generator core busy), RUN_SRV_CORE (% of nginx's
# core used by nginx) and RUN_FOREIGN (% of the box used by anything else).
timed_run() {
  local name=$1 limit=$2
  shift 2
  local box0 gen0 ngx0 box1 gen1 ngx1 t start window
  box0=$(box_ticks); gen0=$(core_ticks "$GEN_CPU"); ngx0=$(proc_ticks "$NGINX_WORKER"); start=$EPOCHREALTIME
  RUN_RC=0
  timeout -k 5 "$limit" taskset -c "$GEN_CPU" /usr/bin/time -o "$WORK/$name.time" -f '%e %U %S %M' "$@" \
    </dev/null >"$WORK/$name.out" 2>"$WORK/$name.err" || RUN_RC=$?
  box1=$(box_ticks); gen1=$(core_ticks "$GEN_CPU"); ngx1=$(proc_ticks "$NGINX_WORKER")
  # The tick counters cover the whole window, a little longer than the run.
  window=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
  t=$(tail -n1 "$WORK/$name.time")
  read -r RUN_WALL RUN_USER RUN_SYS RUN_MAXRSS <<<"$t"
  RUN_CPU=$(awk -v u="$RUN_USER" -v s="$RUN_SYS" 'BEGIN { printf "%.2f", u + s }')
  RUN_GEN_CORE=$(awk -v d=$((gen1 - gen0)) -v w="$window" -v hz="$HZ" 'BEGIN { printf "%.0f", 100 * d / (w * hz) }')
  RUN_SRV_CORE=$(awk -v d=$((ngx1 - ngx0)) -v w="$window" -v hz="$HZ" 'BEGIN { printf "%.0f", 100 * d / (w * hz) }')
  RUN_FOREIGN=$(awk -v box=$((box1 - box0)) -v n=$((ngx1 - ngx0)) -v c="$RUN_CPU" -v w="$window" -v hz="$HZ" \
    -v cpus="$NCPU" 'BEGIN { f = box - n - c * hz; if (f < 0) f = 0; printf "%.1f", 100 * f / (cpus * w * hz) }')
}

# ---- throughput ------------------------------------------------------------------------------

throughput() {
  local r quiet wrk_rps wrk_req wrk_cpe loc_rps loc_req loc_fail loc_cpe loc_steady errs
  : >"$WORK/wrk.rps"; : >"$WORK/wrk.cpe"; : >"$WORK/loc.rps"; : >"$WORK/loc.cpe"; : >"$WORK/loc.steady"
  : >"$WORK/ratio.round"; : >"$WORK/wrk.rps.quiet"; : >"$WORK/loc.rps.quiet"
  echo "== throughput: $ROUNDS interleaved rounds, 50 connections/users, GET $URL/ (return 200)"
  echo "   wrk: taskset -c $GEN_CPU wrk -t1 -c50 -d5s; locustpp: taskset -c $GEN_CPU locustpp -f hello.so --headless -u 50 -r 50 -t 6s --threads 1"
  echo "   nginx: 1 worker on CPU $SRV_CPU. cpu = generator user+sys s; req/cpu-s = requests per generator CPU-second;"
  echo "   gen/srv core = % busy of the generator core / nginx worker's share of its core; foreign = other load on the box"
  for r in $(seq "$ROUNDS"); do
    # wrk
    quiet=$(wait_for_quiet)
    timed_run "wrk.$r" 30 wrk -t1 -c50 -d5s "$URL/"
    wrk_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk.$r.out")
    wrk_req=$(awk '/ requests in / { print $1 }' "$WORK/wrk.$r.out")
    [[ -n "$wrk_rps" && -n "$wrk_req" ]] || { echo "wrk failed (rc $RUN_RC):" >&2; cat "$WORK/wrk.$r.out" "$WORK/wrk.$r.err" >&2; exit 1; }
    wrk_cpe=$(div "$wrk_req" "$RUN_CPU" %.0f)
    errs=$(grep -h -E 'Socket errors|Non-2xx' "$WORK/wrk.$r.out" | tr -s ' ' | tr '\n' ' ' || true)
    printf 'round %-2d wrk       req/s %7d  requests %8d  wall %5.2fs  cpu %5.2fs  req/cpu-s %7d  gen %3d%%  srv %3d%%  foreign %4.1f%%%s%s\n' \
      "$r" "$wrk_rps" "$wrk_req" "$RUN_WALL" "$RUN_CPU" "$wrk_cpe" "$RUN_GEN_CORE" "$RUN_SRV_CORE" "$RUN_FOREIGN" \
      "$([[ $quiet == busy ]] && echo '  (box was busy before the run)')" "${errs:+  $errs}"
    echo "$wrk_rps" >>"$WORK/wrk.rps"; echo "$wrk_cpe" >>"$WORK/wrk.cpe"
    awk -v f="$RUN_FOREIGN" 'BEGIN { exit !(f < 5) }' && echo "$wrk_rps" >>"$WORK/wrk.rps.quiet"

    # locustpp
    quiet=$(wait_for_quiet)
    timed_run "loc.$r" 40 "$LOCUSTPP" -f "$HELLO_SO" --headless -u 50 -r 50 -t 6s --threads 1 -H "$URL" --only-summary --json
    loc_req=$(agg_requests "$WORK/loc.$r.out" "$WORK/loc.$r.err")
    loc_fail=$(agg_failures "$WORK/loc.$r.out" "$WORK/loc.$r.err")
    loc_rps=$(agg_rps "$WORK/loc.$r.out" "$WORK/loc.$r.err")
    [[ -n "$loc_req" && "$loc_req" -gt 0 ]] || { echo "locustpp failed (rc $RUN_RC):" >&2; tail -n 20 "$WORK/loc.$r.err" >&2; exit 1; }
    loc_rps=$(awk -v v="$loc_rps" 'BEGIN { printf "%.0f", v }')
    loc_cpe=$(div "$loc_req" "$RUN_CPU" %.0f)
    loc_steady=$(steady_rps "$WORK/loc.$r.out")
    printf 'round %-2d locustpp  req/s %7d  requests %8d  wall %5.2fs  cpu %5.2fs  req/cpu-s %7d  gen %3d%%  srv %3d%%  foreign %4.1f%%  steady req/s %s  failures %d%s\n' \
      "$r" "$loc_rps" "$loc_req" "$RUN_WALL" "$RUN_CPU" "$loc_cpe" "$RUN_GEN_CORE" "$RUN_SRV_CORE" "$RUN_FOREIGN" \
      "$loc_steady" "$loc_fail" "$([[ $quiet == busy ]] && echo '  (box was busy before the run)')"
    echo "$loc_rps" >>"$WORK/loc.rps"; echo "$loc_cpe" >>"$WORK/loc.cpe"; echo "$loc_steady" >>"$WORK/loc.steady"
    awk -v f="$RUN_FOREIGN" 'BEGIN { exit !(f < 5) }' && echo "$loc_rps" >>"$WORK/loc.rps.quiet"
    div "$loc_rps" "$wrk_rps" %.4f >>"$WORK/ratio.round"
  done

  local wrk_med loc_med wrk_cpe_med loc_cpe_med
  wrk_med=$(median <"$WORK/wrk.rps"); loc_med=$(median <"$WORK/loc.rps")
  wrk_cpe_med=$(median <"$WORK/wrk.cpe"); loc_cpe_med=$(median <"$WORK/loc.cpe")
  echo "-- medians over $ROUNDS rounds"
  printf 'wrk       median req/s %8.0f  (min %s, max %s)  median req/cpu-s %8.0f\n' "$wrk_med" \
    "$(sort -g "$WORK/wrk.rps" | head -n1)" "$(sort -g "$WORK/wrk.rps" | tail -n1)" "$wrk_cpe_med"
  printf 'locustpp  median req/s %8.0f  (min %s, max %s)  median req/cpu-s %8.0f  median steady req/s %.0f\n' "$loc_med" \
    "$(sort -g "$WORK/loc.rps" | head -n1)" "$(sort -g "$WORK/loc.rps" | tail -n1)" "$loc_cpe_med" "$(median <"$WORK/loc.steady")"
  if [[ -s "$WORK/wrk.rps.quiet" && -s "$WORK/loc.rps.quiet" ]]; then
    printf 'runs with foreign load < 5%%: wrk n=%d median %.0f, locustpp n=%d median %.0f, ratio %s\n' \
      "$(wc -l <"$WORK/wrk.rps.quiet")" "$(median <"$WORK/wrk.rps.quiet")" \
      "$(wc -l <"$WORK/loc.rps.quiet")" "$(median <"$WORK/loc.rps.quiet")" \
      "$(div "$(median <"$WORK/loc.rps.quiet")" "$(median <"$WORK/wrk.rps.quiet")")"
  else
    echo "runs with foreign load < 5%: not enough for a separate median (the box was busy)"
  fi
  echo "per-round ratio median: $(div "$(median <"$WORK/ratio.round")" 1)"
  echo "ratio locustpp/wrk per generator CPU-second: $(div "$loc_cpe_med" "$wrk_cpe_med")"
  printf 'generator CPU per request: wrk %.2f us, locustpp %.2f us, ratio locustpp/wrk %s\n' \
    "$(div 1000000 "$wrk_cpe_med" %.4f)" "$(div 1000000 "$loc_cpe_med" %.4f)" "$(div "$wrk_cpe_med" "$loc_cpe_med")"
  if [[ "${BENCH_INSTRUCTIONS:-1}" == 1 ]]; then instructions_per_request; fi
  echo "ratio locustpp/wrk: $(div "$loc_med" "$wrk_med")"
}

# Total user-space instructions of a command run under callgrind (all threads).
callgrind_instructions() {
  local out=$WORK/callgrind.out
  rm -f "$out"
  timeout -k 5 300 taskset -c "$GEN_CPU" valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
    </dev/null >"$WORK/callgrind.stdout" 2>"$WORK/callgrind.stderr" || true
  awk '/^(summary|totals):/ { print $2; exit }' "$out" 2>/dev/null
}

# Marginal user-space instructions per request: the difference between a short
# and a long run of the same setup, over the difference in requests, so that
# start-up and shutdown cancel out. The kernel's loopback path is the same for
# both tools and not counted. Deterministic, unlike req/s: it does not depend
# on whether nginx saturates its core.
instructions_per_request() {
  local wrk_i1 wrk_r1 wrk_i2 wrk_r2 loc_i1 loc_i2 wrk_ipr loc_ipr
  echo "-- user-space instructions per request (callgrind; marginal between a short and a long run)"
  wrk_i1=$(callgrind_instructions wrk -t1 -c50 -d1s "$URL/")
  wrk_r1=$(awk '/ requests in / { print $1 }' "$WORK/callgrind.stdout")
  wrk_i2=$(callgrind_instructions wrk -t1 -c50 -d4s "$URL/")
  wrk_r2=$(awk '/ requests in / { print $1 }' "$WORK/callgrind.stdout")
  # 50 users, each running its task exactly -i times: 10,000 and 30,000 requests.
  loc_i1=$(callgrind_instructions "$LOCUSTPP" -f "$HELLO_SO" --headless -u 50 -r 50 -i 200 --threads 1 -H "$URL" --only-summary)
  loc_i2=$(callgrind_instructions "$LOCUSTPP" -f "$HELLO_SO" --headless -u 50 -r 50 -i 600 --threads 1 -H "$URL" --only-summary)
  if [[ -z "$wrk_i1" || -z "$wrk_i2" || -z "$wrk_r1" || -z "$wrk_r2" || -z "$loc_i1" || -z "$loc_i2" ]] ||
    ((wrk_r2 <= wrk_r1)); then
    echo "instructions per request: could not measure (see $WORK/callgrind.stderr)"
    return 0
  fi
  wrk_ipr=$(div $((wrk_i2 - wrk_i1)) $((wrk_r2 - wrk_r1)) %.0f)
  loc_ipr=$(div $((loc_i2 - loc_i1)) 20000 %.0f)
  printf 'wrk       instructions/request %6d  (%d requests: %d, %d requests: %d)\n' "$wrk_ipr" "$wrk_r1" "$wrk_i1" "$wrk_r2" "$wrk_i2"
  printf 'locustpp  instructions/request %6d  (10000 requests: %d, 30000 requests: %d)\n' "$loc_ipr" "$loc_i1" "$loc_i2"
  echo "instructions per request locustpp/wrk: $(div "$loc_ipr" "$wrk_ipr")"
}

# ---- memory ------------------------------------------------------------------------------------

memory() {
  local users=$MEM_USERS rate=$((MEM_USERS / 10)) base_rss run pid tpid peak_hwm req fail spawned
  ((rate > 0)) || rate=1
  echo "== memory: $users users, idle.so (GET / then wait 5-10 s), -r $rate -t 25s --threads 1, CPU $GEN_CPU, $URL/" \
    "${BENCH_SOURCE_ADDRESSES:+--source-addresses $BENCH_SOURCE_ADDRESSES}"
  echo "   file descriptor limit: $NOFILE (locustpp needs one socket per user, nginx one per connection)"
  if ((NOFILE < users + 64)); then
    echo "   WARNING: RLIMIT_NOFILE is $NOFILE and cannot be raised here (hard limit $(ulimit -Hn));" \
      "$users sockets plus locustpp's own descriptors do not fit, so a few connects will fail with EMFILE"
  fi

  # Baseline: the same process with one user, to separate the fixed cost.
  timed_run mem.base 40 "$LOCUSTPP" -f "$IDLE_SO" --headless -u 1 -r 1 -t 3s --threads 1 -H "$URL" --only-summary
  base_rss=$RUN_MAXRSS
  echo "baseline (1 user, 3 s): peak RSS $base_rss KiB"

  wait_for_quiet >/dev/null
  # Started in the background so /proc/PID/status can be sampled while it runs.
  run=mem.main
  local sources=()
  [[ -n "${BENCH_SOURCE_ADDRESSES:-}" ]] && sources=(--source-addresses "$BENCH_SOURCE_ADDRESSES")
  timeout -k 5 120 taskset -c "$GEN_CPU" /usr/bin/time -o "$WORK/$run.time" -f '%e %U %S %M' \
    "$LOCUSTPP" -f "$IDLE_SO" --headless -u "$users" -r "$rate" -t 25s --threads 1 -H "$URL" --only-summary \
    "${sources[@]}" </dev/null >"$WORK/$run.out" 2>"$WORK/$run.err" &
  tpid=$!
  BG_PIDS+=("$tpid")
  pid=""
  for _ in $(seq 100); do  # timeout -> time -> locustpp
    local t
    t=$(children_of "$tpid" | head -n1)
    [[ -n "$t" ]] && pid=$(children_of "$t" | head -n1)
    [[ -n "$pid" ]] && break
    sleep 0.05
  done
  peak_hwm=0
  : >"$WORK/$run.rss"
  if [[ -n "$pid" ]]; then
    local start=$SECONDS line
    while kill -0 "$pid" 2>/dev/null; do
      line=$(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { if (r != "") print r, h }' "/proc/$pid/status" 2>/dev/null || true)
      if [[ -n "$line" ]]; then
        echo "$((SECONDS - start)) $line" >>"$WORK/$run.rss"
        peak_hwm=$(awk -v a="$peak_hwm" -v b="${line#* }" 'BEGIN { print (b > a ? b : a) }')
      fi
      sleep 0.5
    done
  else
    log "could not find the locustpp PID; relying on /usr/bin/time only"
  fi
  RUN_RC=0
  wait "$tpid" || RUN_RC=$?
  BG_PIDS=()
  read -r RUN_WALL RUN_USER RUN_SYS RUN_MAXRSS <<<"$(tail -n1 "$WORK/$run.time")"

  req=$(agg_requests "$WORK/$run.out" "$WORK/$run.err")
  fail=$(agg_failures "$WORK/$run.out" "$WORK/$run.err")
  spawned=$(grep -h -o -E '\(([0-9]+) total users\)' "$WORK/$run.err" "$WORK/$run.out" | grep -o '[0-9]*' | tail -n1 || true)
  echo "run: wall ${RUN_WALL}s, cpu $(awk -v u="$RUN_USER" -v s="$RUN_SYS" 'BEGIN { printf "%.2f", u + s }')s" \
    "(user ${RUN_USER}s, sys ${RUN_SYS}s), exit code $RUN_RC, users spawned ${spawned:-?}," \
    "average response time $(aggregated_row "$WORK/$run.out" "$WORK/$run.err" | awk -F'|' '{ split($2, a, " "); print a[1] }') ms"
  if [[ -s "$WORK/$run.rss" ]]; then
    echo "RSS samples (s: VmRSS KiB): $(awk 'NR % 10 == 1 { printf "%s%s: %s", sep, $1, $2; sep = ", " }' "$WORK/$run.rss")"
    echo "VmHWM (polled /proc/PID/status): $peak_hwm KiB"
  fi
  echo "max RSS (/usr/bin/time %M): $RUN_MAXRSS KiB"
  if [[ -n "$req" && "$req" -gt 0 && "$fail" -eq 0 ]]; then
    echo "check: requests $req > 0, failures 0: OK"
  else
    echo "check: requests ${req:-?}, failures ${fail:-?}: FAILED"
    grep -h -E '^[0-9]+ +[A-Z]+ ' "$WORK/$run.out" "$WORK/$run.err" | sed 's/ *$//; s/^/   error: /' | head -n5 || true
  fi
  local peak=$RUN_MAXRSS
  ((peak_hwm > peak)) && peak=$peak_hwm
  echo "marginal per user (peak - 1-user baseline) / $users: $(div $((peak - base_rss)) "$users") KiB"
  echo "peak RSS: $peak KiB, per user: $(div "$peak" "$users") KiB"
}

# ---- names ---------------------------------------------------------------------------------------

names() {
  local n run req rows peak peak_one=0
  echo "== names: statistics memory, names.so (GET / named /item/<k>, k cycling through --names values),"
  echo "   -u 50 -r 50 -t 20s --threads 2, CPU $GEN_CPU, $URL/; peak RSS from /usr/bin/time %M"
  for n in 1 "$NAMES"; do
    run=names.$n
    wait_for_quiet >/dev/null
    timed_run "$run" 60 "$LOCUSTPP" -f "$NAMES_SO" --headless -u 50 -r 50 -t 20s --threads 2 -H "$URL" \
      --only-summary --names "$n"
    req=$(agg_requests "$WORK/$run.out" "$WORK/$run.err")
    rows=$(grep -c -E '^ *GET +/item/[0-9]+ .*\|' "$WORK/$run.err" || true)  # the request table, not the percentiles
    [[ -n "$req" && "$req" -gt 0 ]] || { echo "locustpp failed (rc $RUN_RC):" >&2; tail -n 20 "$WORK/$run.err" >&2; exit 1; }
    printf '%6d name(s): requests %8d  statistics rows %6d  wall %5.2fs  peak RSS %8d KiB\n' \
      "$n" "$req" "$rows" "$RUN_WALL" "$RUN_MAXRSS"
    if ((rows != n)); then
      echo "check: $rows statistics rows, wanted $n (the run was too short to use every name): FAILED"
    fi
    if ((n == 1)); then peak_one=$RUN_MAXRSS; else peak=$RUN_MAXRSS; fi
  done
  if ((NAMES > 1)); then
    echo "per entry: $(div $((peak - peak_one)) $((NAMES - 1))) KiB"
  fi
}

# ---- web -----------------------------------------------------------------------------------------

# The web UI's /stats/requests with 1,000 request names while 1,000 users run
# (issue target: < 50 ms), measured by curl from outside the generator's CPU.
web() {
  local port run=web.1000 times=() t i
  echo "== web: GET /stats/requests with 1000 names while 1000 users run (names.so, --threads 2,"
  echo "   --autostart), 20 requests by curl, one every 0.5 s after a 10 s warm-up"
  wait_for_quiet >/dev/null
  timeout -k 5 60 "$LOCUSTPP" -f "$NAMES_SO" --autostart -u 1000 -r 1000 --threads 2 -H "$URL" -P 0 --names 1000 \
    </dev/null >"$WORK/$run.out" 2>"$WORK/$run.err" &
  local pid=$!
  for i in $(seq 50); do
    port=$(grep -o -m1 'Starting web interface at http://127.0.0.1:[0-9]*' "$WORK/$run.err" | grep -o '[0-9]*$' || true)
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "locustpp did not start its web UI:" >&2; tail -n 20 "$WORK/$run.err" >&2; exit 1; }
  sleep 10
  for i in $(seq 20); do
    times+=("$(curl -s -o "$WORK/$run.json" -w '%{time_total}' "http://127.0.0.1:$port/stats/requests")")
    sleep 0.5
  done
  local rows users
  rows=$(jq '.stats | length' "$WORK/$run.json")
  users=$(jq '.user_count' "$WORK/$run.json")
  kill -INT "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | sort -n | awk -v rows="$rows" -v users="$users" '
    { t[NR] = $1 * 1000 }
    END {
      printf "rows %d (500 of the 1000 names + Aggregated, as Locust caps them), users %d\n", rows, users
      printf "/stats/requests: median %.1f ms, max %.1f ms (target < 50 ms): %s\n", t[int((NR + 1) / 2)], t[NR],
             t[NR] < 50 ? "ok" : "OVER"
    }'
}

# ---- processes -----------------------------------------------------------------------------------

# One process against --processes 2 (a master and two workers), each worker
# with one thread, the generator free to use both cores while nginx keeps its
# one worker on CPU $SRV_CPU. Two users: hello.so (GET / and nothing else: one
# process already keeps nginx's core busy, so a second one can only take CPU
# from nginx) and busy.so (GET / and ~0.1 ms of client-side work: the
# generator is the bottleneck, as with real test logic). Also the generator's
# CPU per request (all its processes, GNU time): what distribution costs.
processes_of() {
  local label=$1 so=$2 r one two cpu1 cpu2
  : >"$WORK/$label.one"; : >"$WORK/$label.two"; : >"$WORK/$label.cpe1"; : >"$WORK/$label.cpe2"
  for r in $(seq "$ROUNDS"); do
    wait_for_quiet >/dev/null
    timeout -k 5 60 /usr/bin/time -o "$WORK/$label.1.$r.time" -f '%U %S' "$LOCUSTPP" -f "$so" --headless \
      -u 50 -r 50 -t 8s --threads 1 -H "$URL" --only-summary </dev/null >"$WORK/$label.1.$r.out" \
      2>"$WORK/$label.1.$r.err" || true
    one=$(agg_requests "$WORK/$label.1.$r.err")
    cpu1=$(awk '{ printf "%.2f", $1 + $2 }' "$WORK/$label.1.$r.time")
    wait_for_quiet >/dev/null
    timeout -k 5 60 /usr/bin/time -o "$WORK/$label.2.$r.time" -f '%U %S' "$LOCUSTPP" -f "$so" --processes 2 \
      --headless -u 50 -r 50 -t 8s --threads 1 -H "$URL" --only-summary --master-bind-host 127.0.0.1 \
      --master-bind-port 0 </dev/null >"$WORK/$label.2.$r.out" 2>"$WORK/$label.2.$r.err" || true
    two=$(agg_requests "$WORK/$label.2.$r.err")
    cpu2=$(awk '{ printf "%.2f", $1 + $2 }' "$WORK/$label.2.$r.time")
    [[ "$one" -gt 0 && "$two" -gt 0 ]] || { echo "a run failed:" >&2; tail -n 20 "$WORK/$label.2.$r.err" >&2; exit 1; }
    echo "$one" >>"$WORK/$label.one"; echo "$two" >>"$WORK/$label.two"
    div "$cpu1" "$one" "%.9f" >>"$WORK/$label.cpe1"; div "$cpu2" "$two" "%.9f" >>"$WORK/$label.cpe2"
    printf '%s round %d: 1 process %8d requests (%5.2f CPU-s), --processes 2 %8d requests (%5.2f CPU-s): %s\n' \
      "$label" "$r" "$one" "$cpu1" "$two" "$cpu2" "$(div "$two" "$one")"
  done
  echo "$label generator CPU per request: 1 process" \
    "$(median <"$WORK/$label.cpe1" | awk '{ printf "%.2f", $1 * 1e6 }') us, --processes 2" \
    "$(median <"$WORK/$label.cpe2" | awk '{ printf "%.2f", $1 * 1e6 }') us"
  PROC_RATIO=$(div "$(median <"$WORK/$label.two")" "$(median <"$WORK/$label.one")")
}

processes() {
  echo "== processes: 50 users, -t 8s, --threads 1 per process, generator on every core, nginx on CPU $SRV_CPU;"
  echo "   one process vs --processes 2 (a master and two workers); requests from the master's summary"
  processes_of hello "$HELLO_SO"
  echo "hello.so (server-bound: nginx needs one of the 2 cores) ratio processes 2/1: $PROC_RATIO"
  processes_of busy "$BUSY_SO"
  echo "ratio processes 2/1: $PROC_RATIO (busy.so, generator-bound; target >= 1.7)"
}

# ---- cluster -------------------------------------------------------------------------------------

# The master's cost of merging: 100 simulated workers (fake_workers, one
# thread, not counted) each reporting 50 entries every 3 s; the master's own
# CPU over 20 s of steady reports, from /proc.
cluster() {
  local port=$((PORT + 1)) pid fakes t0 t1 merged sent
  echo "== cluster: a master (--headless -u 0, --expect-workers 100) merging 100 workers x 50 entries every 3 s;"
  echo "   master CPU over 20 s of reports (utime+stime from /proc), the workers' own CPU not counted"
  wait_for_quiet >/dev/null
  "$LOCUSTPP" -f "$HELLO_SO" --master --headless -u 0 -t 32s --expect-workers 100 --expect-workers-max-wait 30 \
    --master-bind-host 127.0.0.1 --master-bind-port "$port" --threads 1 --only-summary -H "$URL" \
    </dev/null >"$WORK/master.out" 2>"$WORK/master.err" &
  pid=$!
  BG_PIDS+=("$pid")
  "$FAKE_WORKERS" 127.0.0.1 "$port" 100 50 45 >"$WORK/fakes.out" 2>"$WORK/fakes.err" &
  fakes=$!
  BG_PIDS+=("$fakes")
  sleep 8  # connected, started, reports flowing
  t0=$(proc_ticks "$pid")
  sleep 20
  t1=$(proc_ticks "$pid")
  wait "$pid" || true
  wait "$fakes" || true
  merged=$(agg_requests "$WORK/master.err")
  sent=$(awk '/^sent/ { print $2 }' "$WORK/fakes.out")
  echo "reports merged: Aggregated $merged requests on the master; the workers sent ${sent:-?}"
  echo "master CPU: $(awk -v d=$((t1 - t0)) -v hz="$HZ" 'BEGIN { printf "%.1f", 100 * d / (20 * hz) }')% of one core (target < 10%)"
}

# ---- main ----------------------------------------------------------------------------------------

start_nginx
log "locustpp: $LOCUSTPP; plugins: $BUILD_DIR/bench; generator CPU $GEN_CPU"
case "$MODE" in
  throughput) throughput ;;
  memory) memory ;;
  names) names ;;
  web) web ;;
  processes) processes ;;
  cluster) cluster ;;
  all) throughput; echo; memory; echo; names; echo; web; echo; processes; echo; cluster ;;
esac
