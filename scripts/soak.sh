#!/usr/bin/env bash
# The long fault test (issue 9 §4): the Release build under steady mixed traffic for a while, its memory sampled, to
# see that it levels off.
#
#   scripts/soak.sh [--minutes N] [--connections C]     (defaults: 15 minutes, 16 connections)
#
# Builds src/Api (Release) into .local/soak-run/api, starts a project-local PostgreSQL cluster "soak" (a fresh database)
# and a RabbitMQ virtual host of its own (scripts/local-postgres.sh, scripts/local-rabbitmq.sh), starts the API in
# Production with every feature on (rate limits raised), and loads it with wrk (bench/wrk/soak-mix.lua: list reads,
# reads by id, creates) while sampling every 30 s: the process's RSS (/proc), the GC heap after the last collection
# and the total allocated (the runtime's metrics on /metrics). Prints the samples as a table and a verdict: the RSS of
# the last third of the run may not exceed that of the middle third by more than 10 %. Writes the table to
# .local/soak-run/report.md. Stops everything it started, by PID.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"

MINUTES=15
CONNECTIONS=16
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done

WORK="$ROOT/.local/soak-run"
PG_PORT="${SOAK_PG_PORT:-25460}"
API_PORT="${SOAK_PORT:-25470}"
METRICS_PORT=$((API_PORT + 1))
mkdir -p "$WORK"
command -v wrk >/dev/null || apt_install wrk

API_PID=""
RABBIT_MADE=0
cleanup() {
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  [ "$RABBIT_MADE" = 1 ] && "$ROOT/scripts/local-rabbitmq.sh" destroy soak >/dev/null 2>&1 || true
  "$ROOT/scripts/local-postgres.sh" stop soak >/dev/null 2>&1 || true
}
trap cleanup EXIT

step "building Release: src/Api"
dotnet publish "$ROOT/src/Api" -c Release -o "$WORK/api" --nologo -v quiet >"$WORK/build.log" 2>&1 || die "build failed: $WORK/build.log"

step "PostgreSQL: cluster 'soak' on port $PG_PORT, a fresh database"
BASE_URL=$("$ROOT/scripts/local-postgres.sh" start soak "$PG_PORT")
PG_USER=$(sed -E 's#^postgresql://([^:]+):.*#\1#' <<<"$BASE_URL")
PG_PASSWORD=$(sed -E 's#^postgresql://[^:]+:([^@]+)@.*#\1#' <<<"$BASE_URL")
PSQL=("$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER")
PGPASSWORD=$PG_PASSWORD "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS cleanvisitors_soak WITH (FORCE)" -c "CREATE DATABASE cleanvisitors_soak"

step "RabbitMQ: a virtual host of this run"
RABBITMQ_URL=$("$ROOT/scripts/local-rabbitmq.sh" start soak)
RABBIT_MADE=1

step "starting the API (Production) on port $API_PORT"
ADMIN_EMAIL=soak-admin@example.com
ADMIN_PASSWORD=$(random_alnum 24)
(cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production PORT="$API_PORT" MANAGEMENT_PORT="$METRICS_PORT" LOG_LEVEL=Warning \
  DATABASE_URL="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/cleanvisitors_soak" RABBITMQ_URL="$RABBITMQ_URL" \
  JWT_SECRET="$(random_alnum 48)" CRON_SECRET="$(random_alnum 32)" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  RATE_LIMIT_MAX_REQUESTS=1000000000 AUTH_RATE_LIMIT_MAX_REQUESTS=1000000000 BLOB_STORAGE_PATH="$WORK/blobs" \
  dotnet "$WORK/api/CleanVisitors.Api.dll") >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || die "the API exited: $WORK/api.log"
  sleep 0.1
done
curl -fs "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || die "the API was not ready within 60 s: $WORK/api.log"

login() {
  curl -fs "http://127.0.0.1:$API_PORT/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[ -n "$TOKEN" ] || die "cannot sign in as the Admin"
HOST_ID=$(curl -fs "http://127.0.0.1:$API_PORT/api/users" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"email":"soak-host@example.com","fullName":"Soak Host","role":"Host","password":"correct-horse-battery"}' |
  sed -E 's/.*"id":"([^"]+)".*/\1/')
[ -n "$HOST_ID" ] || die "cannot create the host"

# metric NAME: the sum of a /metrics series (every label set), or "-" when the runtime does not export it.
metric() {
  curl -fs "http://127.0.0.1:$METRICS_PORT/metrics" |
    awk -v name="$1" '$1 ~ "^" name "({|$)" { sum += $NF; seen = 1 } END { if (seen) printf "%.0f", sum; else print "-" }'
}
mib() { [ "$1" = "-" ] && echo "-" || awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

SECONDS_TOTAL=$((MINUTES * 60))
step "load: wrk -t2 -c$CONNECTIONS for $MINUTES min (bench/wrk/soak-mix.lua); a sample every 30 s"
: >"$WORK/wrk.log"
# The access token lives JWT_EXPIRES_MINUTES (15 by default): wrk runs in slices of at most 10 minutes, each with a fresh one.
(
  left=$SECONDS_TOTAL run=0
  while [ "$left" -gt 0 ]; do
    slice=$((left < 600 ? left : 600))
    BENCH_TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD") BENCH_WRK_DIR="$ROOT/bench/wrk" SOAK_HOST_ID="$HOST_ID" SOAK_RUN=$run \
      wrk -t2 -c"$CONNECTIONS" -d"${slice}s" --latency -s "$ROOT/bench/wrk/soak-mix.lua" "http://127.0.0.1:$API_PORT" >>"$WORK/wrk.log" 2>&1
    left=$((left - slice)) run=$((run + 1))
  done
) &
LOAD_PID=$!

REPORT="$WORK/report.md"
{
  echo "| minute | RSS MiB | GC heap after last collection MiB | allocated total MiB |"
  echo "|---:|---:|---:|---:|"
} >"$REPORT"
started=$(date +%s)
samples=()
while kill -0 "$LOAD_PID" 2>/dev/null; do
  rss_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$API_PID/status" 2>/dev/null || echo 0)
  heap=$(metric dotnet_gc_last_collection_heap_size_bytes)
  allocated=$(metric dotnet_gc_heap_total_allocated_bytes_total)
  minute=$(awk -v s=$(($(date +%s) - started)) 'BEGIN { printf "%.1f", s / 60 }')
  line="| $minute | $(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }') | $(mib "$heap") | $(mib "$allocated") |"
  echo "$line" >>"$REPORT"
  note "$line"
  samples+=("$rss_kib")
  for _ in $(seq 1 30); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 1; done
done
wait "$LOAD_PID" || true

kill -0 "$API_PID" 2>/dev/null || die "the API died during the soak: $WORK/api.log"
n=${#samples[@]}
[ "$n" -ge 6 ] || die "too few samples ($n) for a verdict; run longer"
third=$((n / 3))
mean() { local sum=0 i; for i in "$@"; do sum=$((sum + i)); done; echo $((sum / $#)); }
middle=$(mean "${samples[@]:third:third}")
last=$(mean "${samples[@]:$((n - third)):third}")
growth=$(awk -v m="$middle" -v l="$last" 'BEGIN { printf "%.1f", (l - m) * 100 / m }')
{
  echo
  echo "RSS: middle third $((middle / 1024)) MiB, last third $((last / 1024)) MiB, growth $growth %"
  grep -E "requests in|Non-2xx|Socket errors" "$WORK/wrk.log" | sed 's/^/    /'
} | tee -a "$REPORT"
awk -v g="$growth" 'BEGIN { exit !(g <= 10) }' || die "memory did not level off: +$growth % from the middle to the last third ($REPORT)"
step "memory levelled off (+$growth %); report: $REPORT"
