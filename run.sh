#!/usr/bin/env bash
# Runs the CleanVisitors API on http://localhost:${PORT:-8000} (Development, with Scalar at /scalar).
#
# Needs the .NET SDK. Everything else it provides on first use and keeps in .local/ (git-ignored):
# - DATABASE_URL unset: a project-local PostgreSQL cluster (.local/pgdata, 127.0.0.1:${LOCAL_PG_PORT:-55432}),
#   installing PostgreSQL through apt when it is missing and root or sudo allows;
# - JWT_SECRET unset: a random secret, kept in .local/jwt-secret so tokens survive restarts;
# - ADMIN_EMAIL / ADMIN_PASSWORD unset: generated first-Admin credentials, kept in .local/admin-credentials.
# The API applies migrations and creates that Admin (when no Admin exists) at start-up.
# Ctrl+C stops the API, then the cluster (only if this script started it); the next run reuses the data.
# Arguments are passed to the API, e.g. ./run.sh --migrate-only
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
# shellcheck source=scripts/common.sh
. scripts/common.sh

command -v dotnet >/dev/null 2>&1 ||
  die "the .NET SDK is needed (dotnet not found): https://learn.microsoft.com/dotnet/core/install/linux"

mkdir -p .local

app_pid=""
started_pg=0

# shellcheck disable=SC2317 # reached through the traps below
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    step "Stopping the API"
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

# shellcheck disable=SC2317
cleanup() {
  trap '' INT TERM # a second Ctrl+C must not cut the shutdown short
  stop_app
  if [ "$started_pg" = 1 ] && scripts/local-postgres.sh status pgdata 2>/dev/null; then
    step "Stopping the local PostgreSQL cluster (data kept in .local/pgdata)"
    scripts/local-postgres.sh stop pgdata || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Database
if [ -n "${DATABASE_URL:-}" ]; then
  step "Database: DATABASE_URL from the environment"
else
  step "Database: project-local PostgreSQL cluster (.local/pgdata)"
  if ! scripts/local-postgres.sh status pgdata 2>/dev/null; then started_pg=1; fi
  DATABASE_URL=$(scripts/local-postgres.sh start pgdata "${LOCAL_PG_PORT:-55432}")
  export DATABASE_URL
fi

# Secrets, generated once and kept
if [ -z "${JWT_SECRET:-}" ]; then
  JWT_SECRET=$(persisted_secret .local/jwt-secret 48)
  export JWT_SECRET
fi

if [ -z "${ADMIN_EMAIL:-}" ] || [ -z "${ADMIN_PASSWORD:-}" ]; then
  creds=.local/admin-credentials
  if [ ! -s "$creds" ]; then
    (umask 077 && printf 'ADMIN_EMAIL=%s\nADMIN_PASSWORD=%s\n' admin@cleanvisitors.local "$(random_alnum 20)" >"$creds")
  fi
  chmod 600 "$creds"
  ADMIN_EMAIL=${ADMIN_EMAIL:-$(sed -n 's/^ADMIN_EMAIL=//p' "$creds")}
  ADMIN_PASSWORD=${ADMIN_PASSWORD:-$(sed -n 's/^ADMIN_PASSWORD=//p' "$creds")}
  export ADMIN_EMAIL ADMIN_PASSWORD
  # Shown on the terminal only, never on stdout/stderr, which may be going to a log file.
  if { : >/dev/tty; } 2>/dev/null; then
    {
      printf '==> First Admin (created at start-up when no Admin exists):\n'
      printf '    email:    %s\n    password: %s\n' "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
      printf '    stored in %s/%s (mode 600)\n' "$ROOT" "$creds"
    } >/dev/tty
  else
    step "First Admin credentials: see $ROOT/$creds (mode 600)"
  fi
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export PORT=${PORT:-8000}
# dotnet run starts the app in src/Api; keep relative data (photos) in the git-ignored /data of the repo.
export BLOB_STORAGE_PATH=${BLOB_STORAGE_PATH:-$ROOT/data/blobs}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

step "CleanVisitors API ($ASPNETCORE_ENVIRONMENT): http://localhost:$PORT"
note "Scalar UI: http://localhost:$PORT/scalar"
note "OpenAPI:   http://localhost:$PORT/openapi/v1.json"
note "Stop with Ctrl+C."
step "Building and starting the API (dotnet run -c Release)"

# In the background, so that this shell can forward SIGINT/SIGTERM and then stop the cluster.
# A background job ignores SIGINT, so the API is always told to stop with SIGTERM (graceful shutdown).
dotnet run --project src/Api/CleanVisitors.Api.csproj -c Release --no-launch-profile -- "$@" &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
