#!/usr/bin/env bash
# The benchmark: the product (Release, Production, every production feature on) against a minimal raw-Npgsql
# reference of the same endpoints (bench/Reference), alternating, on the same seeded data set. See bench/README.md.
#
#   bench/run.sh [--visits N] [--duration S] [--warmup S] [--connections C] [--rounds R] [--only name,name]
#                [--notify-rate N] [--smoke]
#
#   --visits N       visits to seed (default 100000; 1000000 on request); 1,000 hosts and 50,000 visitors always
#   --duration S     seconds of each measured wrk run (default 10), after a warm-up of its own
#   --warmup S       seconds of load before each measured run (default 20): .NET's tiered JIT needs about that long
#                    under load to replace its first, quick code with optimised code; both targets get the same
#   --connections C  wrk connections (default 32; 2 threads)
#   --rounds R       rounds of reference-then-product per endpoint (default 2)
#   --only LIST      a subset of: by-id, visits-page1, host-visits, visitor-search, on-site, export, login, create-visit,
#                    notifications
#   --notify-rate N  notifications committed per second in the notifications measurement (default 500)
#   --smoke          tiny and quick, for CI: 2,000 visits, 2 s runs without warm-up, 1 round, one server start per
#                    target for all endpoints (its figures mean nothing)
#
# Each measured run starts its server afresh (so each has its own time to ready, CPU and peak RSS, and nothing of
# the other target runs beside it), warms it up, measures, and stops it. Results: printed, and written to
# bench/results/<UTC timestamp>.md and bench/results/latest.md.
#
# Environment: BENCH_PG_PORT (25440) and BENCH_PORT_BASE (25480: product, +1 its metrics, +2 the reference).
# PostgreSQL: the project-local cluster "bench" (scripts/local-postgres.sh), a fresh database per run; the cluster is
# stopped afterwards when this script started it, and its data kept (delete it: scripts/local-postgres.sh destroy bench).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"

VISITS=100000
DURATION=10
CONNECTIONS=32
ROUNDS=2
WARMUP=20
ONLY=""
SMOKE=0
T0=$(date +%s)
# bstep MESSAGE: a step, with the seconds since the script started.
bstep() { step "$* [$(($(date +%s) - T0)) s]"; }
ALL_ENDPOINTS=(by-id visits-page1 host-visits visitor-search on-site export login create-visit notifications)
NOTIFY_RATE=500

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

positive() { [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive whole number, got '$2'"; }

while [ $# -gt 0 ]; do
  case $1 in
    --visits) [ $# -ge 2 ] || usage; positive "$1" "$2"; VISITS=$2; shift 2 ;;
    --duration) [ $# -ge 2 ] || usage; positive "$1" "$2"; DURATION=$2; shift 2 ;;
    --warmup) [ $# -ge 2 ] || usage; positive "$1" "$2"; WARMUP=$2; shift 2 ;;
    --connections) [ $# -ge 2 ] || usage; positive "$1" "$2"; CONNECTIONS=$2; shift 2 ;;
    --rounds) [ $# -ge 2 ] || usage; positive "$1" "$2"; ROUNDS=$2; shift 2 ;;
    --only) [ $# -ge 2 ] || usage; ONLY=$2; shift 2 ;;
    --notify-rate) [ $# -ge 2 ] || usage; positive "$1" "$2"; NOTIFY_RATE=$2; shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    -h | --help) usage ;;
    *) usage ;;
  esac
done
if [ "$SMOKE" = 1 ]; then
  VISITS=2000 DURATION=2 WARMUP=0 ROUNDS=1
fi

ENDPOINTS=()
if [ -n "$ONLY" ]; then
  IFS=',' read -r -a wanted <<<"$ONLY"
  for name in "${wanted[@]}"; do
    [[ " ${ALL_ENDPOINTS[*]} " == *" $name "* ]] || die "unknown endpoint '$name' (known: ${ALL_ENDPOINTS[*]})"
    ENDPOINTS+=("$name")
  done
else
  ENDPOINTS=("${ALL_ENDPOINTS[@]}")
fi

# Below Linux's usual ephemeral range (32768-60999): a listener there can collide with some connection's source port.
PG_PORT=${BENCH_PG_PORT:-25440}
PORT_BASE=${BENCH_PORT_BASE:-25480}
API_PORT=$PORT_BASE
MANAGEMENT_PORT=$((PORT_BASE + 1))
REF_PORT=$((PORT_BASE + 2))
CLUSTER=bench
WORK="$BENCH_DIR/.work"
LOGS="$WORK/logs"
HOSTS=1000
VISITORS=50000
ONSITE=300
SEARCH=miller
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
CLK_TCK=$(getconf CLK_TCK)

# ---------------------------------------------------------------------------------------------------------------------
# Clean-up: everything this script started, by PID, whatever the outcome.
SERVER_PID=""
FAKE_PID=""
CLUSTER_STARTED=0
RABBIT_CREATED=0
cleanup() {
  local rc=$?
  set +e
  stop_server
  stop_fake
  if [ "$RABBIT_CREATED" = 1 ]; then
    "$ROOT/scripts/local-rabbitmq.sh" destroy "$CLUSTER" >/dev/null 2>&1
  fi
  if [ "$CLUSTER_STARTED" = 1 ]; then
    "$ROOT/scripts/local-postgres.sh" stop "$CLUSTER"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local i port
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for ((i = 0; i < 400; i++)); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      warn "server $SERVER_PID did not stop within 40 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  for port in "$API_PORT" "$REF_PORT"; do
    for ((i = 0; i < 100; i++)); do
      port_free "$port" && break
      sleep 0.1
    done
  done
}

# stop_fake: stops the WhatsApp stand-in (the reference binary) of the notifications measurement.
stop_fake() {
  [ -n "$FAKE_PID" ] || return 0
  kill -TERM "$FAKE_PID" 2>/dev/null || true
  wait "$FAKE_PID" 2>/dev/null || true
  FAKE_PID=""
}

# ---------------------------------------------------------------------------------------------------------------------
# Tools.
if ! command -v wrk >/dev/null 2>&1; then
  bstep "wrk is missing: installing it through apt"
  apt_install wrk || die "wrk is needed (Debian/Ubuntu: apt-get install wrk) and could not be installed here (needs root or sudo)"
fi
for tool in curl dotnet awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
read -r EPHEMERAL_LOW EPHEMERAL_HIGH </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || EPHEMERAL_LOW=32768 EPHEMERAL_HIGH=60999
for port in "$PG_PORT" "$API_PORT" "$MANAGEMENT_PORT" "$REF_PORT"; do
  if [ "$port" -ge "$EPHEMERAL_LOW" ] && [ "$port" -le "$EPHEMERAL_HIGH" ]; then
    warn "port $port is in the ephemeral range $EPHEMERAL_LOW-$EPHEMERAL_HIGH: starting a server on it can fail when a connection happens to use it"
  fi
done
for port in "$API_PORT" "$MANAGEMENT_PORT" "$REF_PORT"; do
  port_free "$port" || die "port $port is taken; choose another base with BENCH_PORT_BASE"
done

mkdir -p "$WORK" "$LOGS" "$BENCH_DIR/results"
rm -f "$LOGS"/*.log

# ---------------------------------------------------------------------------------------------------------------------
bstep "building Release: src/Api and bench/Reference"
dotnet publish "$ROOT/src/Api/CleanVisitors.Api.csproj" -c Release --use-current-runtime --self-contained false -o "$WORK/api" --nologo -v quiet >"$LOGS/build-api.log" 2>&1 ||
  { tail -n 30 "$LOGS/build-api.log" >&2; die "building src/Api failed (log: $LOGS/build-api.log)"; }
dotnet publish "$BENCH_DIR/Reference/CleanVisitors.Bench.Reference.csproj" -c Release --use-current-runtime --self-contained false -o "$WORK/ref" --nologo -v quiet >"$LOGS/build-ref.log" 2>&1 ||
  { tail -n 30 "$LOGS/build-ref.log" >&2; die "building bench/Reference failed (log: $LOGS/build-ref.log)"; }

# ---------------------------------------------------------------------------------------------------------------------
bstep "PostgreSQL: cluster '$CLUSTER' on port $PG_PORT, a fresh database"
if ! "$ROOT/scripts/local-postgres.sh" status "$CLUSTER" >/dev/null 2>&1; then
  CLUSTER_STARTED=1
fi
BASE_URL=$("$ROOT/scripts/local-postgres.sh" start "$CLUSTER" "$PG_PORT")
# postgresql://USER:PASSWORD@HOST:PORT/DB
PG_USER=$(sed -E 's#^postgresql://([^:]+):.*#\1#' <<<"$BASE_URL")
PG_PASSWORD=$(sed -E 's#^postgresql://[^:]+:([^@]+)@.*#\1#' <<<"$BASE_URL")
PG_PORT=$(sed -E 's#.*@[^:]+:([0-9]+)/.*#\1#' <<<"$BASE_URL")
export PGPASSWORD="$PG_PASSWORD"
DB=cleanvisitors_bench
DATABASE_URL="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$DB"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER")
if ! command -v psql >/dev/null 2>&1; then
  PSQL[0]=$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
fi
sql() { "${PSQL[@]}" -d "$DB" -At -c "$1"; }
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
# The cluster's data directory, where scripts/local-postgres.sh puts it (.local/NAME, else its /var/tmp fallback).
PG_DATA_DIR="$ROOT/.local/$CLUSTER/data"
if [ ! -d "$ROOT/.local/$CLUSTER" ]; then
  PG_DATA_DIR="/var/tmp/cleanvisitors-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/$CLUSTER/data"
fi
postmaster_pid() { as_admin head -n 1 "$PG_DATA_DIR/postmaster.pid"; }
[ -n "$(postmaster_pid)" ] || die "cannot find the postmaster's PID in $PG_DATA_DIR/postmaster.pid"

# ---------------------------------------------------------------------------------------------------------------------
# The product's production configuration.
JWT_SECRET=$(random_alnum 48)
CRON_SECRET=$(random_alnum 32)
ADMIN_EMAIL=admin@bench.example
ADMIN_PASSWORD=$(random_alnum 24)
HOST_PASSWORD=$(random_alnum 20)
# For bench/profile.sh, which profiles the product on the data set this run leaves behind.
(umask 077 && printf '%s\n%s\n' "$ADMIN_EMAIL" "$ADMIN_PASSWORD" >"$WORK/admin-credentials")
RABBITMQ_URL=""
TRANSPORT="in-memory (no RabbitMQ broker could be started: see scripts/local-rabbitmq.sh)"
# The machine's broker, started (and installed through apt) when it is not running, as test.sh does: the
# in-memory transport would measure creates and notifications without the broker the product runs with.
if RABBITMQ_URL=$("$ROOT/scripts/local-rabbitmq.sh" start "$CLUSTER"); then
  RABBIT_CREATED=1
  TRANSPORT="RabbitMQ (the machine's broker, virtual host of its own)"
else
  RABBITMQ_URL=""
fi
note "message transport: $TRANSPORT"

product_env=(
  ASPNETCORE_ENVIRONMENT=Production
  PORT="$API_PORT"
  MANAGEMENT_PORT="$MANAGEMENT_PORT"
  DATABASE_URL="$DATABASE_URL"
  JWT_SECRET="$JWT_SECRET"
  CRON_SECRET="$CRON_SECRET"
  ADMIN_EMAIL="$ADMIN_EMAIL"
  ADMIN_PASSWORD="$ADMIN_PASSWORD"
  JWT_EXPIRES_MINUTES=60
  LOG_LEVEL=Information
  RATE_LIMIT_MAX_REQUESTS=1000000000
  AUTH_RATE_LIMIT_MAX_REQUESTS=1000000000
  RETENTION_DAYS=1095
  BLOB_STORAGE_PATH="$WORK/blobs"
)
[ -z "$RABBITMQ_URL" ] || product_env+=(RABBITMQ_URL="$RABBITMQ_URL")
# Set for the notifications measurement only (WhatsApp pointed at the stand-in).
product_env_extra=()
ref_env=(
  REF_PORT="$REF_PORT"
  JWT_SECRET="$JWT_SECRET"
  REF_DATABASE="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$DB;Maximum Pool Size=100;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true"
)

bstep "schema: the product's own --migrate-only (also creates the default site and the first Admin)"
(cd "$WORK" && env "${product_env[@]}" dotnet "$WORK/api/CleanVisitors.Api.dll" --check-config) >"$LOGS/check-config.log" 2>&1 ||
  { cat "$LOGS/check-config.log" >&2; die "the product refuses this configuration"; }
(cd "$WORK" && env "${product_env[@]}" dotnet "$WORK/api/CleanVisitors.Api.dll" --migrate-only) >"$LOGS/migrate.log" 2>&1 ||
  { tail -n 20 "$LOGS/migrate.log" >&2; die "--migrate-only failed (log: $LOGS/migrate.log)"; }

bstep "seeding $VISITS visits, $VISITORS visitors, $HOSTS hosts (bench/seed.sql)"
seed_started=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -v visits="$VISITS" -v hosts="$HOSTS" -v visitors="$VISITORS" -v onsite="$ONSITE" \
  -f "$BENCH_DIR/seed.sql" >"$LOGS/seed.log" 2>&1 || { tail -n 20 "$LOGS/seed.log" >&2; die "seeding failed"; }
SEED_SECONDS=$(awk -v a="$seed_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
note "seeded in $SEED_SECONDS s: $(tail -n 3 "$LOGS/seed.log" | head -n 1 | tr -s ' ')"

# Lists for the wrk scripts.
sql "SELECT id FROM visits ORDER BY md5(id::text) LIMIT 1000" >"$WORK/visit-ids.txt"
sql "SELECT id FROM users WHERE role = 'Host' AND is_active ORDER BY email" >"$WORK/host-ids.txt"
sql "SELECT email FROM users WHERE role = 'Host' AND email LIKE 'host%@bench.example' ORDER BY email" >"$WORK/host-emails.txt"
HOST_ID=$(sql "SELECT host_id FROM visits GROUP BY host_id ORDER BY count(*) DESC, host_id LIMIT 1")
HOST_EMAIL=$(sql "SELECT email FROM users WHERE id = '$HOST_ID'")

# ---------------------------------------------------------------------------------------------------------------------
# Measuring.

# proc_cpu PID [WITH_REAPED]: utime+stime of a process in clock ticks (0 when it is gone); with a second argument
# also cutime+cstime, the CPU of its children that have exited and been waited for.
proc_cpu() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return 0; }
  stat=${stat##*) } # the fields after "pid (comm) ": state is 1, utime 12, stime 13, cutime 14, cstime 15
  local -a f
  read -r -a f <<<"$stat"
  if [ $# -ge 2 ]; then
    echo $((f[11] + f[12] + f[13] + f[14]))
  else
    echo $((f[11] + f[12]))
  fi
}
# PostgreSQL's CPU: the postmaster's own and its exited children's, plus every live child's (backends, checkpointer,
# WAL writer, autovacuum …). Over a run, the difference counts a backend that exits during the run exactly once.
pg_cpu() {
  local pm total child
  pm=$(postmaster_pid)
  total=$(proc_cpu "$pm" with-reaped)
  for child in $(pgrep -P "$pm"); do
    total=$((total + $(proc_cpu "$child")))
  done
  echo "$total"
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

READY_MS=""
SERVER_LOG=""
# start_target TARGET [LOG_NAME]: starts the product or the reference with its output in $LOGS/LOG_NAME.log, waits for
# /health/ready, sets SERVER_PID, SERVER_LOG and READY_MS.
start_target() {
  local target=$1 port started log
  # Outbox rows a previous run left are marked sent, so each run pays only for the messages it creates itself.
  sql "UPDATE outbox_messages SET dispatched_at = now() WHERE dispatched_at IS NULL" >/dev/null
  log="$LOGS/${2:-$target}.log"
  SERVER_LOG=$log
  started=$(date +%s%N)
  if [ "$target" = product ]; then
    port=$API_PORT
    (cd "$WORK" && exec env "${product_env[@]}" "${product_env_extra[@]}" dotnet "$WORK/api/CleanVisitors.Api.dll") >"$log" 2>&1 &
  else
    port=$REF_PORT
    (cd "$WORK" && exec env "${ref_env[@]}" dotnet "$WORK/ref/CleanVisitors.Bench.Reference.dll") >"$log" 2>&1 &
  fi
  SERVER_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 30 "$log" >&2
      die "the $target exited before it was ready (log: $log)"
    fi
    if [ $(($(date +%s%N) - started)) -gt 120000000000 ]; then
      die "the $target was not ready within 120 s (log: $log)"
    fi
    sleep 0.02
  done
  READY_MS=$((($(date +%s%N) - started) / 1000000))
}

# login EMAIL PASSWORD: prints the access token from the running product.
login() {
  curl -sS --fail-with-body --max-time 30 "http://127.0.0.1:$API_PORT/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p'
}

ADMIN_TOKEN=""
HOST_TOKEN=""
TOKENS_AT=0
# product_tokens: the Admin's and the host's tokens, from a login at most 10 minutes old (they live 60).
product_tokens() {
  [ $(($(date +%s) - TOKENS_AT)) -ge 600 ] || return 0
  TOKENS_AT=$(date +%s)
  ADMIN_TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
  [ -n "$ADMIN_TOKEN" ] || die "admin login failed"
  HOST_TOKEN=$(login "$HOST_EMAIL" "$HOST_PASSWORD")
  [ -n "$HOST_TOKEN" ] || die "host login failed"
}

RESULTS="$WORK/runs.tsv"
EXPORTS="$WORK/exports.tsv"
READY="$WORK/ready.tsv"
STATUSES="$WORK/statuses.tsv"
: >"$STATUSES"
: >"$RESULTS"
: >"$EXPORTS"
: >"$READY"
WRK_RUN=0

# wrk_args ENDPOINT TARGET: sets PATH_Q, SCRIPT and the token for one endpoint and target.
endpoint_request() {
  local endpoint=$1 target=$2
  SCRIPT=get.lua
  BENCH_TOKEN=""
  if [ "$target" = product ]; then BENCH_TOKEN=$ADMIN_TOKEN; fi
  case $endpoint in
    by-id) PATH_Q=/api/visits; SCRIPT=get-by-id.lua ;;
    visits-page1) PATH_Q="/api/visits?page=1&pageSize=20" ;;
    host-visits)
      if [ "$target" = product ]; then
        PATH_Q="/api/visits?page=1&pageSize=20"
        BENCH_TOKEN=$HOST_TOKEN
      else
        PATH_Q="/api/visits?page=1&pageSize=20&hostId=$HOST_ID"
      fi
      ;;
    visitor-search) PATH_Q="/api/visitors?search=$SEARCH&page=1&pageSize=20" ;;
    on-site) PATH_Q=/api/visits/on-site ;;
    login) PATH_Q=/api/auth/login; SCRIPT=login.lua; BENCH_TOKEN="" ;;
    create-visit) PATH_Q=/api/visits; SCRIPT=post-visit.lua ;;
    *) die "no request for $endpoint" ;;
  esac
}

# run_wrk RUN SECONDS URL SCRIPT: runs wrk, prints its BENCH summary line (the full output goes to the log). RUN numbers
# the wrk runs of this invocation (the POST script makes its phone numbers unique with it).
run_wrk() {
  local run=$1 seconds=$2 url=$3 script=$4 out
  out=$(BENCH_WRK_DIR="$BENCH_DIR/wrk" BENCH_TOKEN="$BENCH_TOKEN" BENCH_RUN="$run" BENCH_IDS_FILE="$WORK/visit-ids.txt" \
    BENCH_HOSTS_FILE="$WORK/host-ids.txt" BENCH_EMAILS_FILE="$WORK/host-emails.txt" BENCH_PASSWORD="$HOST_PASSWORD" \
    wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$BENCH_DIR/wrk/$script" "$url" 2>&1) ||
    { printf '%s\n' "$out" >&2; die "wrk failed"; }
  printf '%s\n' "$out" >>"$LOGS/wrk.log"
  grep '^BENCH ' <<<"$out" | tail -n 1
}

field() { sed -nE "s/.* $1=([0-9.]+).*/\1/p" <<<" $2"; }

# statuses LOG: the product's answers by status over its life (warm-up included), from its request log: "200×4100 503×3".
statuses() {
  [ -s "$1" ] || { echo "–"; return 0; }
  grep -o '"StatusCode":[0-9]*' "$1" | cut -d: -f2 | sort | uniq -c | awk '{ printf "%s%s×%s", (NR > 1 ? " " : ""), $2, $1 }'
  echo
}

measure_wrk() {
  local endpoint=$1 target=$2 round=$3 port url line api0 api1 pg0 pg1 requests
  port=$API_PORT
  [ "$target" = product ] || port=$REF_PORT
  endpoint_request "$endpoint" "$target"
  url="http://127.0.0.1:$port$PATH_Q"
  WRK_RUN=$((WRK_RUN + 2))
  if [ "$WARMUP" -gt 0 ]; then
    run_wrk $((WRK_RUN - 1)) "$WARMUP" "$url" "$SCRIPT" >/dev/null
  fi
  api0=$(proc_cpu "$SERVER_PID")
  pg0=$(pg_cpu)
  line=$(run_wrk "$WRK_RUN" "$DURATION" "$url" "$SCRIPT")
  api1=$(proc_cpu "$SERVER_PID")
  pg1=$(pg_cpu)
  requests=$(field requests "$line")
  [ -n "$requests" ] || die "no summary from wrk for $endpoint ($target)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$endpoint" "$target" "$round" \
    "$(field rps "$line")" "$(field p50_us "$line")" "$(field p99_us "$line")" \
    "$(awk -v d=$((api1 - api0)) -v r="$requests" -v t="$CLK_TCK" 'BEGIN { printf "%.0f", r ? d * 1e6 / t / r : 0 }')" \
    "$(awk -v d=$((pg1 - pg0)) -v r="$requests" -v t="$CLK_TCK" 'BEGIN { printf "%.0f", r ? d * 1e6 / t / r : 0 }')" \
    "$(status_kb "$SERVER_PID" VmHWM)" "$(($(field non2xx "$line") + $(field socket_errors "$line")))" "$requests" "$READY_MS" \
    "$(field p90_us "$line")" "$(field non2xx "$line")" "$(field socket_errors "$line")" >>"$RESULTS"
  note "$(printf '%-15s %-9s round %s: %9.1f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %s' "$endpoint" "$target" "$round" \
    "$(field rps "$line")" "$(awk -v u="$(field p50_us "$line")" 'BEGIN { print u / 1000 }')" \
    "$(awk -v u="$(field p99_us "$line")" 'BEGIN { print u / 1000 }')" "$(($(field non2xx "$line") + $(field socket_errors "$line")))")"
}

# export_once TARGET: one export with curl; prints "http_code ttfb_s total_s bytes rows".
export_once() {
  local port=$1 token=$2 rows stats
  local -a auth=()
  [ -z "$token" ] || auth=(-H "Authorization: Bearer $token")
  rows=$(curl -sS --max-time 1800 "${auth[@]}" "http://127.0.0.1:$port/api/visits/export" \
    -w '%{stderr}%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n' 2>"$WORK/export.w" | wc -l)
  stats=$(tail -n 1 "$WORK/export.w")
  echo "$stats $((rows - 1))"
}

measure_export() {
  local target=$1 round=$2 port token out api0 api1 pg0 pg1 rss0 hwm code ttfb total bytes rows
  port=$API_PORT token=$ADMIN_TOKEN
  [ "$target" = product ] || { port=$REF_PORT; token=""; }
  # Warm-up: exports for the warm-up's seconds, at least one (the row loop's code needs several to reach its final tier).
  if [ "$WARMUP" -gt 0 ]; then
    local warm_until=$(($(date +%s) + WARMUP))
    export_once "$port" "$token" >/dev/null
    while [ "$(date +%s)" -lt "$warm_until" ]; do
      export_once "$port" "$token" >/dev/null
    done
  fi
  rss0=$(status_kb "$SERVER_PID" VmRSS)
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || true # resets VmHWM to the current RSS
  api0=$(proc_cpu "$SERVER_PID")
  pg0=$(pg_cpu)
  out=$(export_once "$port" "$token")
  api1=$(proc_cpu "$SERVER_PID")
  pg1=$(pg_cpu)
  hwm=$(status_kb "$SERVER_PID" VmHWM)
  read -r code ttfb total bytes rows <<<"$out"
  [ "$code" = 200 ] || die "export from the $target answered $code"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$round" "$rows" "$ttfb" "$total" "$bytes" \
    "$(awk -v d=$((api1 - api0)) -v t="$CLK_TCK" 'BEGIN { printf "%.0f", d * 1000 / t }')" \
    "$(awk -v d=$((pg1 - pg0)) -v t="$CLK_TCK" 'BEGIN { printf "%.0f", d * 1000 / t }')" \
    "$((hwm - rss0))" "$(status_kb "$SERVER_PID" VmHWM)" >>"$EXPORTS"
  note "$(printf '%-15s %-9s round %s: %s rows in %.2f s (%.0f rows/s), first byte %.0f ms, RSS growth %s KiB' export "$target" "$round" \
    "$rows" "$total" "$(awk -v r="$rows" -v t="$total" 'BEGIN { print (t > 0 ? r / t : 0) }')" \
    "$(awk -v t="$ttfb" 'BEGIN { print t * 1000 }')" "$((hwm - rss0))")"
}

NOTIFICATIONS="$WORK/notifications.tsv"
: >"$NOTIFICATIONS"
NOTIFY_ORDINAL=100000000
# notify_load SECONDS TAG: commits NOTIFY_RATE visits per second with their outbox rows for SECONDS (bench/notify.sql).
notify_load() {
  "${PSQL[@]}" -d "$DB" -v rate="$NOTIFY_RATE" -v seconds="$1" -v tag="$2" -v first="$NOTIFY_ORDINAL" \
    -f "$BENCH_DIR/notify.sql" >>"$LOGS/notify.log" 2>&1 || { tail -n 20 "$LOGS/notify.log" >&2; die "bench/notify.sql failed"; }
  NOTIFY_ORDINAL=$((NOTIFY_ORDINAL + NOTIFY_RATE * $1 + 1))
}
# notify_drain EXPECTED: waits until the stand-in has received EXPECTED distinct messages in all, or until nothing has
# moved for 30 s; prints how many are missing. (It asks the stand-in, not PostgreSQL: polling the database would add
# to the CPU being measured.)
notify_drain() {
  local received distinct last="" still=0
  while :; do
    read -r received distinct <<<"$(fake_counts)"
    [ "$distinct" -lt "$1" ] || break
    if [ "$distinct" = "$last" ]; then
      still=$((still + 1))
      [ "$still" -lt 300 ] || break
    else
      still=0
    fi
    last=$distinct
    sleep 0.1
  done
  echo $(($1 - distinct > 0 ? $1 - distinct : 0))
}
fake_counts() { curl -sS --max-time 10 "http://127.0.0.1:$REF_PORT/whatsapp/counts"; }

# measure_notifications ROUND: on the running product (WhatsApp pointed at the stand-in): a warm-up load, then
# NOTIFY_RATE visits per second committed for DURATION seconds, each delivered by the product's own outbox dispatcher,
# broker, consumer and WhatsApp client; the latency of each is its notification's sent_at minus its visit's commit.
measure_notifications() {
  local round=$1 api0 api1 pg0 pg1 received0 distinct0 received1 distinct1 open stats
  if [ "$WARMUP" -gt 0 ]; then
    read -r received0 distinct0 <<<"$(fake_counts)"
    notify_load "$WARMUP" "warm-$round"
    notify_drain $((distinct0 + (NOTIFY_RATE / 10 > 0 ? NOTIFY_RATE / 10 : 1) * 10 * WARMUP)) >/dev/null
  fi
  read -r received0 distinct0 <<<"$(fake_counts)"
  api0=$(proc_cpu "$SERVER_PID")
  pg0=$(pg_cpu)
  notify_load "$DURATION" "measure-$round"
  open=$(notify_drain $((distinct0 + (NOTIFY_RATE / 10 > 0 ? NOTIFY_RATE / 10 : 1) * 10 * DURATION)))
  api1=$(proc_cpu "$SERVER_PID")
  pg1=$(pg_cpu)
  read -r received1 distinct1 <<<"$(fake_counts)"
  # offered, sent, span s (first commit to last sent), p50 s, p99 s, max s
  stats=$(sql "SELECT count(*), count(n.sent_at),
                 coalesce(extract(epoch FROM max(n.sent_at) - min(v.created_at)), 0),
                 coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - v.created_at)), 0),
                 coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - v.created_at)), 0),
                 coalesce(extract(epoch FROM max(n.sent_at - v.created_at)), 0)
               FROM visits v LEFT JOIN notifications n ON n.visit_id = v.id AND n.sent_at IS NOT NULL
               WHERE v.purpose = 'bench notification measure-$round'" | tr '|' ' ')
  local offered sent span p50 p99 max
  read -r offered sent span p50 p99 max <<<"$stats"
  # The visitors are free again for the next round.
  sql "UPDATE visits SET status = 'Cancelled', cancelled_at = now() WHERE purpose LIKE 'bench notification %' AND status = 'PendingApproval'" >/dev/null
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$offered" "$sent" "$span" "$p50" "$p99" "$max" \
    "$((received1 - received0))" "$((distinct1 - distinct0))" "$open" \
    "$(awk -v d=$((api1 - api0)) -v r="$sent" -v t="$CLK_TCK" 'BEGIN { printf "%.0f", r ? d * 1e6 / t / r : 0 }')" \
    "$(awk -v d=$((pg1 - pg0)) -v r="$sent" -v t="$CLK_TCK" 'BEGIN { printf "%.0f", r ? d * 1e6 / t / r : 0 }')" \
    "$(status_kb "$SERVER_PID" VmHWM)" >>"$NOTIFICATIONS"
  note "$(printf '%-15s product   round %s: %s committed, %s sent (%.0f/s), p50 %.0f ms, p99 %.0f ms, stand-in received %s (%s distinct)' \
    notifications "$round" "$offered" "$sent" "$(awk -v n="$sent" -v s="$span" 'BEGIN { print (s > 0 ? n / s : 0) }')" \
    "$(awk -v v="$p50" 'BEGIN { print v * 1000 }')" "$(awk -v v="$p99" 'BEGIN { print v * 1000 }')" \
    "$((received1 - received0))" "$((distinct1 - distinct0))")"
}

# run_notifications ROUND: the stand-in, then the product pointed at it, measured, both stopped.
run_notifications() {
  local round=$1 started
  # Messages an earlier run left in the broker (create-visit's, which the product stopped before consuming) would reach
  # the stand-in too: the queue starts empty.
  if [ -n "$RABBITMQ_URL" ]; then
    as_admin rabbitmqctl purge_queue -q -p "${RABBITMQ_URL##*/}" visit-notification >/dev/null 2>&1 || true
  fi
  (cd "$WORK" && exec env "${ref_env[@]}" dotnet "$WORK/ref/CleanVisitors.Bench.Reference.dll") >"$LOGS/whatsapp-standin-$round.log" 2>&1 &
  FAKE_PID=$!
  started=$(date +%s)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$REF_PORT/health/ready" || true)" = 200 ]; do
    kill -0 "$FAKE_PID" 2>/dev/null || die "the WhatsApp stand-in exited (log: $LOGS/whatsapp-standin-$round.log)"
    [ $(($(date +%s) - started)) -lt 120 ] || die "the WhatsApp stand-in was not ready within 120 s"
    sleep 0.05
  done
  # The bench commits its rows by SQL, not through the product's request path, whose commit wakes the dispatcher at
  # once; a 100 ms poll stands in for that wake-up (the default 2 s poll serves rows that other instances left).
  product_env_extra=(WHATSAPP_API_URL="http://127.0.0.1:$REF_PORT/whatsapp" WHATSAPP_API_TOKEN=bench-token OUTBOX_POLL_INTERVAL_MS=100)
  start_target product "notifications-product-$round"
  printf '%s\t%s\n' product "$READY_MS" >>"$READY"
  measure_notifications "$round"
  stop_server
  record_statuses notifications "$round"
  product_env_extra=()
  stop_fake
}

# ---------------------------------------------------------------------------------------------------------------------
bstep "preparing users: a Host created through the API; every seeded host gets its password hash"
start_target product
ADMIN_TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[ -n "$ADMIN_TOKEN" ] || die "admin login failed (log: $LOGS/product.log)"
curl -sS --fail-with-body --max-time 30 -o /dev/null "http://127.0.0.1:$API_PORT/api/users" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-host@bench.example\",\"fullName\":\"Bench Host\",\"role\":\"Host\",\"password\":\"$HOST_PASSWORD\"}" ||
  die "creating a Host through POST /api/users failed"
sql "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'bench-host@bench.example')
     WHERE role = 'Host' AND email LIKE 'host%@bench.example'" >/dev/null
product_tokens

# The same requests to both targets, before anything writes: the answers must be the same bytes.
SAMPLE_ID=$(head -n 1 "$WORK/visit-ids.txt")
sample() {
  local target=$1 port=$API_PORT name path token
  [ "$target" = product ] || port=$REF_PORT
  mkdir -p "$WORK/sample/$target"
  for name in by-id visits-page1 host-visits visitor-search on-site export; do
    token=$ADMIN_TOKEN
    case $name in
      by-id) path=/api/visits/$SAMPLE_ID ;;
      visits-page1) path="/api/visits?page=1&pageSize=20" ;;
      host-visits)
        path="/api/visits?page=1&pageSize=20"
        if [ "$target" = product ]; then token=$HOST_TOKEN; else path="$path&hostId=$HOST_ID"; fi
        ;;
      visitor-search) path="/api/visitors?search=$SEARCH&page=1&pageSize=20" ;;
      on-site) path=/api/visits/on-site ;;
      export) path=/api/visits/export ;;
    esac
    local -a auth=()
    [ "$target" = reference ] || auth=(-H "Authorization: Bearer $token")
    # The export is compared on its first 2,000 lines (the whole file at 1M visits is large).
    { curl -sS --max-time 600 "${auth[@]}" "http://127.0.0.1:$port$path" 2>/dev/null || true; } | head -n 2000 >"$WORK/sample/$target/$name"
  done
}
sample product
stop_server
start_target reference
sample reference
stop_server
# JSON is compared on its content, keys sorted (with jq when it is installed, else byte for byte); of a paged list, only
# items, page and pageSize: the envelope's count may differ by design (the reference counts exactly, naively; the product
# may cap its count and add a cursor).
comparable() {
  if [ "$1" != export ] && command -v jq >/dev/null 2>&1; then
    jq -cS 'if type == "object" and has("items") then {items, page, pageSize} else . end' "$2" 2>/dev/null || cat "$2"
  else
    cat "$2"
  fi
}
SAME=()
DIFFERENT=()
for name in by-id visits-page1 host-visits visitor-search on-site export; do
  if [ -s "$WORK/sample/product/$name" ] &&
    cmp -s <(comparable "$name" "$WORK/sample/product/$name") <(comparable "$name" "$WORK/sample/reference/$name"); then
    SAME+=("$name")
  else
    DIFFERENT+=("$name")
    warn "the product and the reference answer $name differently (compare $WORK/sample/product/$name and $WORK/sample/reference/$name)"
  fi
done
note "the same answers from both targets: ${SAME[*]:-none}${DIFFERENT[*]:+; different: ${DIFFERENT[*]}}"

bstep "measuring: ${ENDPOINTS[*]} (wrk -t2 -c$CONNECTIONS, ${WARMUP} s warm-up + ${DURATION} s, $ROUNDS round(s) of reference then product)"
# measure ENDPOINT TARGET ROUND: one measurement on the running server.
measure() {
  if [ "$2" = product ]; then product_tokens; fi
  if [ "$1" = export ]; then
    measure_export "$2" "$3"
  else
    measure_wrk "$1" "$2" "$3"
  fi
}

# record_statuses NAME ROUND: what the product answered, from its log.
record_statuses() { printf '%s\t%s\t%s\n' "$1" "$2" "$(statuses "$SERVER_LOG")" >>"$STATUSES"; }

# The notifications measurement has no reference (its targets are absolute) and a product configured for it: it runs on
# its own, after the others.
HTTP_ENDPOINTS=()
NOTIFY=0
for endpoint in "${ENDPOINTS[@]}"; do
  if [ "$endpoint" = notifications ]; then NOTIFY=1; else HTTP_ENDPOINTS+=("$endpoint"); fi
done
if [ "$SMOKE" = 1 ]; then
  # Quick: one start per target for every endpoint (the figures of a smoke run mean nothing anyway).
  if [ ${#HTTP_ENDPOINTS[@]} -gt 0 ]; then
    for target in reference product; do
      start_target "$target" "smoke-$target"
      printf '%s\t%s\n' "$target" "$READY_MS" >>"$READY"
      for endpoint in "${HTTP_ENDPOINTS[@]}"; do
        measure "$endpoint" "$target" 1
      done
      stop_server
      if [ "$target" = product ]; then
        for endpoint in "${HTTP_ENDPOINTS[@]}"; do record_statuses "$endpoint" 1; done
      fi
    done
  fi
else
  for endpoint in "${HTTP_ENDPOINTS[@]}"; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in reference product; do
        start_target "$target" "$endpoint-$target-$round"
        printf '%s\t%s\n' "$target" "$READY_MS" >>"$READY"
        measure "$endpoint" "$target" "$round"
        stop_server
        if [ "$target" = product ]; then record_statuses "$endpoint" "$round"; fi
      done
    done
  done
fi
if [ "$NOTIFY" = 1 ]; then
  for ((round = 1; round <= ROUNDS; round++)); do
    run_notifications "$round"
  done
fi

# ---------------------------------------------------------------------------------------------------------------------
bstep "report"
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
pg_version=$(sql "SHOW server_version")
git_rev=$(git -C "$ROOT" log -1 --format='%h %s' -- src 2>/dev/null | cut -c1-90 || echo unknown)
git_dirty=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | head -n 1)
REPORT="$WORK/report.md"
{
  echo "# CleanVisitors benchmark, $STAMP"
  echo
  echo "- machine: $(nproc) CPUs ($cpu_model), $mem_total memory, Linux $(uname -r)"
  echo "- .NET SDK $(dotnet --version), PostgreSQL $pg_version, wrk $(wrk --version 2>&1 | awk 'NR == 1 { print $2 }')"
  echo "- product: src/ at commit $git_rev${git_dirty:+ (with uncommitted changes in src/)}; Release, Production, message transport: $TRANSPORT"
  echo "- data: $VISITS visits, $VISITORS visitors, $HOSTS hosts (seeded in $SEED_SECONDS s)"
  echo "- machine load average (1, 5, 15 min) at the start: $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg) (above $(nproc), something else was competing for the CPUs)"
  echo "- whole run: $((($(date +%s) - T0) / 60)) min $((($(date +%s) - T0) % 60)) s"
  if [ "$SMOKE" = 1 ]; then
    echo "- load: wrk -t2 -c$CONNECTIONS, ${DURATION} s per endpoint without warm-up; one start of each target for all endpoints"
  else
    echo "- load: wrk -t2 -c$CONNECTIONS, ${WARMUP} s warm-up then ${DURATION} s measured, $ROUNDS round(s) of reference then product per endpoint; each run on a freshly started server"
  fi
  echo "- the same answers from product and reference (checked before the load; lists: items, page, pageSize): ${SAME[*]:-none}${DIFFERENT[*]:+; **different: ${DIFFERENT[*]}**}"
  [ "$SMOKE" = 0 ] || echo "- **smoke run**: too small and too short for its figures to mean anything"
  echo
  if [ -s "$RESULTS" ]; then
    echo "| endpoint | target | req/s | × ref | p50 ms | p99 ms | API CPU µs/req | PG CPU µs/req | peak RSS MiB | errors |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '
      { key = $1 SUBSEP $2; if (!(key in n)) { order[++count] = key }
        n[key]++; rps[key] += $4; p50[key] += $5; p99[key] += $6; api[key] += $7; pg[key] += $8
        if ($9 > rss[key]) rss[key] = $9; err[key] += $10 }
      END {
        for (i = 1; i <= count; i++) {
          split(order[i], k, SUBSEP); key = order[i]; ref = k[1] SUBSEP "reference"
          ratio = (ref in rps && rps[ref] > 0) ? sprintf("%.2f×", (rps[key] / n[key]) / (rps[ref] / n[ref])) : "–"
          r = rps[key] / n[key]
          printf "| %s | %s | %s | %s | %.2f | %.2f | %.0f | %.0f | %.0f | %d |\n", k[1], k[2], sprintf(r < 10 ? "%.1f" : "%.0f", r), ratio,
            p50[key] / n[key] / 1000, p99[key] / n[key] / 1000, api[key] / n[key], pg[key] / n[key], rss[key] / 1024, err[key]
        }
      }' "$RESULTS"
    echo
  fi
  if [ -s "$EXPORTS" ]; then
    echo "CSV export of all visits (curl; mean of rounds):"
    echo
    echo "| target | rows | rows/s | × ref | first byte ms | total s | API CPU ms | PG CPU ms | RSS growth MiB | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '
      { t = $1; if (!(t in n)) { order[++count] = t }
        n[t]++; rows[t] = $3; rate[t] += ($5 > 0 ? $3 / $5 : 0); ttfb[t] += $4; total[t] += $5; api[t] += $7; pg[t] += $8
        if ($9 > growth[t]) growth[t] = $9; if ($10 > peak[t]) peak[t] = $10 }
      END {
        for (i = 1; i <= count; i++) {
          t = order[i]
          ratio = ("reference" in rate && rate["reference"] > 0) ? sprintf("%.2f×", (rate[t] / n[t]) / (rate["reference"] / n["reference"])) : "–"
          printf "| %s | %d | %.0f | %s | %.0f | %.2f | %.0f | %.0f | %.1f | %.0f |\n", t, rows[t], rate[t] / n[t], ratio,
            ttfb[t] / n[t] * 1000, total[t] / n[t], api[t] / n[t], pg[t] / n[t], growth[t] / 1024, peak[t] / 1024
        }
      }' "$EXPORTS"
    echo
  fi
  if [ -s "$NOTIFICATIONS" ]; then
    echo "Notifications, commit to the WhatsApp stand-in ($NOTIFY_RATE visits per second committed for ${DURATION} s after a ${WARMUP} s warm-up; each visit's approval request to its host through the product's outbox, broker, consumer and WhatsApp client; per round):"
    echo
    echo "| round | committed | sent | sent/s | p50 ms | p99 ms | max ms | stand-in received | distinct | lost | sent twice | API CPU µs/msg | PG CPU µs/msg | peak RSS MiB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %d | %d | %s | %s | %.0f |\n", $1, $2, $3, ($4 > 0 ? $3 / $4 : 0),
      $5 * 1000, $6 * 1000, $7 * 1000, $8, $9, $2 - $3, $8 - $9, $11, $12, $13 / 1024 }' "$NOTIFICATIONS"
    echo
  fi
  echo "Time to ready (process start → /health/ready 200, migrations already applied), over every start of the run:"
  echo
  echo "| target | starts | median ms | min ms | max ms |"
  echo "|---|---:|---:|---:|---:|"
  for target in reference product; do
    awk -F'\t' -v t="$target" '$1 == t { print $2 }' "$READY" | sort -n | awk -v t="$target" '
      { v[++n] = $1 } END { if (n) printf "| %s | %d | %d | %d | %d |\n", t, n, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2), v[1], v[n] }'
  done
  echo
  echo "<details><summary>Every run</summary>"
  echo
  echo "| endpoint | target | round | req/s | p50 ms | p90 ms | p99 ms | API CPU µs/req | PG CPU µs/req | peak RSS MiB | non-2xx | socket errors | requests | ready ms | product's answers (its log, warm-up included) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'FILENAME == ARGV[1] { st[$1 SUBSEP $2] = $3; next }
    { printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %s | %s | %.0f | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 / 1000, $13 / 1000,
        $6 / 1000, $7, $8, $9 / 1024, $14, $15, $11, $12, ($2 == "product" ? st[$1 SUBSEP $3] : "") }' "$STATUSES" "$RESULTS"
  echo
  echo "</details>"
} >"$REPORT"
cp "$REPORT" "$BENCH_DIR/results/$STAMP.md"
cp "$REPORT" "$BENCH_DIR/results/latest.md"
echo
cat "$REPORT"
echo
note "written to bench/results/$STAMP.md and bench/results/latest.md; logs in $LOGS [$(($(date +%s) - T0)) s]"
