#!/usr/bin/env bash
# Profiles the product under wrk load on the data set bench/run.sh left behind (run it first, with the same
# BENCH_PG_PORT): a CPU sampling trace (dotnet-trace) of the Release build in Production while one endpoint is
# loaded, then the hottest methods, inclusive and exclusive.
#
#   bench/profile.sh [ENDPOINT_PATH] [SECONDS]     e.g. bench/profile.sh /api/visits/{id} 15
#
# {id} in the path rotates over the seeded visit ids. Output: bench/.work/profile/trace.nettrace and top-*.txt.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"
PATH_TEMPLATE=${1:-/api/visits/{id\}}
SECONDS_LOADED=${2:-15}
WORK="$BENCH_DIR/.work"
OUT="$WORK/profile"
mkdir -p "$OUT"
[ -f "$WORK/api/CleanVisitors.Api.dll" ] && [ -f "$WORK/visit-ids.txt" ] || die "run bench/run.sh first (it builds and seeds)"
PG_PORT=${BENCH_PG_PORT:-25440}
PORT=$((${BENCH_PORT_BASE:-25480} + 5))
BASE_URL=$("$ROOT/scripts/local-postgres.sh" start bench "$PG_PORT")
PG_USER=$(sed -E 's#^postgresql://([^:]+):.*#\1#' <<<"$BASE_URL")
PG_PASSWORD=$(sed -E 's#^postgresql://[^:]+:([^@]+)@.*#\1#' <<<"$BASE_URL")
[ -f "$WORK/admin-credentials" ] || die "run bench/run.sh first (it leaves the Admin's credentials in $WORK)"
ADMIN_EMAIL=$(sed -n 1p "$WORK/admin-credentials")
ADMIN_PASSWORD=$(sed -n 2p "$WORK/admin-credentials")
api_pid=""
trap '[ -z "$api_pid" ] || kill "$api_pid" 2>/dev/null || true' EXIT
export ASPNETCORE_ENVIRONMENT=Production PORT=$PORT MANAGEMENT_PORT=$((PORT + 1)) LOG_LEVEL=Information \
  DATABASE_URL="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/cleanvisitors_bench" \
  JWT_SECRET=$(random_alnum 48) CRON_SECRET=$(random_alnum 32) ADMIN_EMAIL="$ADMIN_EMAIL" \
  ADMIN_PASSWORD="$ADMIN_PASSWORD" RATE_LIMIT_MAX_REQUESTS=1000000000 AUTH_RATE_LIMIT_MAX_REQUESTS=1000000000 \
  RETENTION_DAYS=1095 BLOB_STORAGE_PATH="$WORK/blobs"
(cd "$WORK" && exec dotnet "$WORK/api/CleanVisitors.Api.dll") >"$OUT/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fs "http://127.0.0.1:$PORT/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/') || true
[ -n "$TOKEN" ] || die "cannot log in as $ADMIN_EMAIL: run bench/run.sh again"
export BENCH_TOKEN=$TOKEN BENCH_WRK_DIR="$BENCH_DIR/wrk" BENCH_IDS_FILE="$WORK/visit-ids.txt"
script="$BENCH_DIR/wrk/get.lua"
if [[ $PATH_TEMPLATE == *"{id}"* ]]; then script="$BENCH_DIR/wrk/get-by-id.lua"; fi
export BENCH_PATH=$PATH_TEMPLATE
wrk -t2 -c32 -d5s -s "$script" "http://127.0.0.1:$PORT${PATH_TEMPLATE%%\{id\}*}" >/dev/null # warm-up
(cd "$ROOT" && dotnet tool run dotnet-trace collect -p "$api_pid" --duration "00:00:00:$((SECONDS_LOADED + 2))" -o "$OUT/trace.nettrace") >"$OUT/trace.log" 2>&1 &
trace_pid=$!
wrk -t2 -c32 -d"${SECONDS_LOADED}s" -s "$script" "http://127.0.0.1:$PORT${PATH_TEMPLATE%%\{id\}*}" | tee "$OUT/wrk.txt"
wait "$trace_pid"
(cd "$ROOT" && dotnet tool run dotnet-trace report "$OUT/trace.nettrace" topN -n 60 --inclusive) >"$OUT/top-inclusive.txt" 2>&1 || true
(cd "$ROOT" && dotnet tool run dotnet-trace report "$OUT/trace.nettrace" topN -n 60) >"$OUT/top-exclusive.txt" 2>&1 || true
note "trace: $OUT/trace.nettrace; hottest methods: $OUT/top-inclusive.txt, $OUT/top-exclusive.txt"
