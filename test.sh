#!/usr/bin/env bash
# Runs every test project of CleanVisitors (dotnet test CleanVisitors.sln -c Release); arguments are passed
# to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Visits".
# --fast (the inner loop of a change, not CI's run): leaves out the slow tier, the test classes that start the API as a
# real process or stop the broker (Tier=Slow, ADR 015); combined with a --filter of yours when one is given.
#
# PostgreSQL for the integration tests, in this order:
# - TEST_DATABASE_URL when set (a role that may create databases: the fixture makes its own);
# - else Testcontainers, when a Docker engine answers;
# - else a throwaway cluster started here (.local/pg-test, 127.0.0.1:${TEST_PG_PORT:-55433}, installing
#   PostgreSQL through apt when it is missing and root or sudo allows), deleted on exit, whatever the outcome.
# Chromium for the browser tests: CHROMIUM_PATH when set, else Debian's chromium on the PATH, installed through
# apt when missing and root or sudo allows (with fonts-liberation, for real text layout); exported as
# CHROMIUM_PATH. Without one the browser tests fail (they never skip) and say how to get it.
# RabbitMQ for the messaging tests, in the same order:
# - TEST_RABBITMQ_URL when set (amqp://user:password@host:port/vhost; with TEST_RABBITMQ_CTL, the command
#   that stops and starts that broker, e.g. "rabbitmqctl", when it is local);
# - else Testcontainers, when a Docker engine answers;
# - else the machine's broker (scripts/local-rabbitmq.sh: installs rabbitmq-server through apt when it is
#   missing and root or sudo allows, starts it), with a fresh virtual host and user for this run, deleted on
#   exit; the broker is stopped again only when this script started it. Without one, the script fails.
# Redis for the rate-limit tests: TEST_REDIS_URL when set, else Debian's redis-server (installed through apt when
# missing and root or sudo allows), which the tests start as child processes on free ports and stop by PID, else a
# Testcontainers Redis when a Docker engine answers. HAProxy for the scale-out tests comes from apt the same way.
# promtool and amtool for the observability tests come from apt the same way (Debian's prometheus and
# prometheus-alertmanager; their services are stopped and disabled again).
# The client tools of the published-contract tests: npm ci in clients/ and dotnet tool restore (see provide_client_tools).
# It also validates docker-compose.yml with whichever compose tool exists (installing Debian's
# docker-compose when root), and says so when none could be had.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/common.sh
. scripts/common.sh

command -v dotnet >/dev/null 2>&1 ||
  die "the .NET SDK is needed (dotnet not found): https://learn.microsoft.com/dotnet/core/install/linux"

test_pid=""
tail_pid=""
own_pg=0
own_rabbitmq=0

# shellcheck disable=SC2317 # reached through the traps below
cleanup() {
  trap '' INT TERM
  if [ -n "$test_pid" ] && kill -0 "$test_pid" 2>/dev/null; then
    step "Stopping the tests"
    # dotnet test runs in a process group of its own (setsid): stop it with its test hosts.
    kill -TERM -- "-$test_pid" 2>/dev/null || kill -TERM "$test_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$test_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$test_pid" 2>/dev/null || true
    wait "$test_pid" 2>/dev/null || true
  fi
  if [ -n "$tail_pid" ]; then wait "$tail_pid" 2>/dev/null || true; fi
  if [ "$own_pg" = 1 ]; then
    step "Removing the throwaway PostgreSQL cluster"
    scripts/local-postgres.sh destroy pg-test || true
  fi
  if [ "$own_rabbitmq" = 1 ]; then
    step "Removing this run's RabbitMQ virtual host and user"
    scripts/local-rabbitmq.sh destroy test || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1
}

validate_compose() {
  local -a compose=()
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
  elif command -v apt-get >/dev/null 2>&1 && can_admin; then
    note "no compose tool here: installing Debian's docker-compose to check the file"
    if apt_install docker-compose && command -v docker-compose >/dev/null 2>&1; then
      compose=(docker-compose)
    fi
  fi
  if [ "${#compose[@]}" -eq 0 ]; then
    step "docker-compose.yml NOT validated: no 'docker compose' or 'docker-compose' here, and none could be installed"
    return 0
  fi
  step "Validating docker-compose.yml (${compose[*]} config), with .env.example and with defaults only"
  local out
  if ! out=$("${compose[@]}" --env-file .env.example -f docker-compose.yml config -q 2>&1); then
    printf '%s\n' "$out" >&2
    die "docker-compose.yml is not valid with .env.example"
  fi
  local empty
  empty=$(mktemp)
  if ! out=$("${compose[@]}" --env-file "$empty" -f docker-compose.yml config -q 2>&1); then
    rm -f "$empty"
    printf '%s\n' "$out" >&2
    die "docker-compose.yml is not valid without a .env file"
  fi
  rm -f "$empty"
}

provide_database() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    step "PostgreSQL: TEST_DATABASE_URL from the environment"
  elif docker_answers; then
    step "PostgreSQL: a Docker engine answers, the tests start their own (Testcontainers)"
  else
    step "PostgreSQL: no TEST_DATABASE_URL and no Docker engine; starting a throwaway cluster"
    scripts/local-postgres.sh destroy pg-test >/dev/null 2>&1 || true # left over by a killed run
    own_pg=1
    TEST_DATABASE_URL=$(scripts/local-postgres.sh start --superuser --ephemeral pg-test "${TEST_PG_PORT:-55433}")
    export TEST_DATABASE_URL
  fi
}

provide_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
    step "Chromium: CHROMIUM_PATH from the environment ($CHROMIUM_PATH)"
    return 0
  fi
  local found
  found=$(command -v chromium || command -v chromium-browser || true)
  if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1 && can_admin; then
    step "Chromium: not installed; installing Debian's chromium for the browser tests"
    apt_install chromium fonts-liberation || warn "installing chromium failed"
    found=$(command -v chromium || true)
  fi
  if [ -z "$found" ]; then
    step "Chromium NOT available (not installed, and apt with root or sudo is not at hand): the browser tests will fail"
    return 0
  fi
  CHROMIUM_PATH=$found
  export CHROMIUM_PATH
  step "Chromium: $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1))"
}

provide_rabbitmq() {
  if [ -n "${TEST_RABBITMQ_URL:-}" ]; then
    step "RabbitMQ: TEST_RABBITMQ_URL from the environment${TEST_RABBITMQ_CTL:+ (controlled with $TEST_RABBITMQ_CTL)}"
  elif docker_answers; then
    step "RabbitMQ: a Docker engine answers, the tests start their own (Testcontainers)"
  else
    step "RabbitMQ: no TEST_RABBITMQ_URL and no Docker engine; using the local broker with a virtual host of this run"
    own_rabbitmq=1
    TEST_RABBITMQ_URL=$(scripts/local-rabbitmq.sh start test) ||
      die "RabbitMQ is needed by the messaging tests and could not be provided (see above)"
    TEST_RABBITMQ_CTL=$(scripts/local-rabbitmq.sh ctl)
    export TEST_RABBITMQ_URL TEST_RABBITMQ_CTL
  fi
}

# The tools the published-contract and manifest tests run: Spectral, Redocly, openapi-typescript, TypeScript and
# kubernetes-models from clients/package-lock.json, Kiota from the .NET tool manifest, and kubectl (kustomize). Node.js comes from apt when missing and root or sudo
# allows; without it the client-generator tests fail (they never skip) and say so.
provide_client_tools() {
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && can_admin; then
    step "Node.js: not installed; installing Debian's nodejs and npm for the client-generator tests"
    apt_install nodejs npm || warn "installing Node.js failed"
  fi
  if command -v npm >/dev/null 2>&1; then
    # npm ci deletes node_modules and installs it again (a minute and more here): skipped when the last one installed
    # exactly this lock file (its hash, written after a successful npm ci). Delete clients/node_modules to force one.
    local lock_hash stamp=clients/node_modules/.installed-from-lock-sha256
    lock_hash=$(sha256sum clients/package-lock.json | cut -d ' ' -f 1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
      step "Client tools: clients/node_modules was installed from this package-lock.json (npm ci not needed)"
    else
      step "Client tools: npm ci in clients/ (Spectral, Redocly, openapi-typescript, TypeScript)"
      (cd clients && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in clients/ failed"
      printf '%s\n' "$lock_hash" >"$stamp"
    fi
  else
    step "Node.js NOT available (not installed, and apt with root or sudo is not at hand): the client-generator tests will fail"
  fi
  if ! command -v kubectl >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && can_admin; then
    step "kubectl: not installed; installing Debian's kubectl for the Kubernetes manifest tests"
    apt_install kubectl || warn "installing kubectl failed"
  fi
  command -v kubectl >/dev/null 2>&1 || step "kubectl NOT available: the Kubernetes manifest tests will fail"
  step "Client tools: dotnet tool restore (Kiota)"
  dotnet tool restore >/dev/null || die "dotnet tool restore failed"
}

provide_redis_and_haproxy() {
  local binary found
  for binary in redis-server haproxy; do
    if [ "$binary" = redis-server ] && [ -n "${TEST_REDIS_URL:-}" ]; then
      step "Redis: TEST_REDIS_URL from the environment"
      continue
    fi
    found=$(command -v "$binary" || { [ -x "/usr/sbin/$binary" ] && echo "/usr/sbin/$binary"; } || true)
    if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1 && can_admin; then
      step "$binary: not installed; installing Debian's $binary for the scale-out tests"
      apt_install "$binary" || warn "installing $binary failed"
      found=$(command -v "$binary" || { [ -x "/usr/sbin/$binary" ] && echo "/usr/sbin/$binary"; } || true)
    fi
    if [ -n "$found" ]; then
      step "$binary: $found (the tests start their own on free ports)"
    elif [ "$binary" = redis-server ] && docker_answers; then
      step "Redis: a Docker engine answers, the tests start their own (Testcontainers)"
    else
      step "$binary NOT available (not installed, and apt with root or sudo is not at hand): the tests that need it will fail"
    fi
  done
}

# promtool and amtool for the observability tests (deploy/prometheus's rules and their unit tests, the rendered
# Alertmanager configuration): Debian's prometheus and prometheus-alertmanager, installed when missing and root or sudo
# allows. Their services are never left running here: the packages would start Prometheus on 9090 and Alertmanager
# on 9093 (a policy-rc.d that forbids starting services, as in containers, prevents that already).
provide_prometheus_tools() {
  local tool package found
  for tool in promtool amtool; do
    if [ "$tool" = promtool ]; then package=prometheus; else package=prometheus-alertmanager; fi
    found=$(command -v "$tool" || true)
    if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1 && can_admin; then
      step "$tool: not installed; installing Debian's $package for the observability tests"
      if apt_install "$package"; then
        as_admin service "$package" stop >/dev/null 2>&1 || true
        as_admin update-rc.d "$package" disable >/dev/null 2>&1 || true
        if command -v systemctl >/dev/null 2>&1; then as_admin systemctl disable --now "$package" >/dev/null 2>&1 || true; fi
      else
        warn "installing $package failed"
      fi
      found=$(command -v "$tool" || true)
    fi
    if [ -n "$found" ]; then
      step "$tool: $found ($("$found" --version 2>&1 | head -n 1))"
    else
      step "$tool NOT available (not installed, and apt with root or sudo is not at hand): the observability tests will fail"
    fi
  done
}

# Prints "tests: N passed, N failed, N skipped" from the per-project summary lines of dotnet test.
print_totals() {
  awk '
    /(Passed|Failed)! +- +Failed: / {
      for (i = 1; i <= NF; i++) {
        v = $(i + 1); gsub(/,/, "", v)
        if ($i == "Failed:") f += v; else if ($i == "Passed:") p += v; else if ($i == "Skipped:") s += v
      }
      n++
    }
    END { if (n > 0) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }
  ' "$1"
}

# --fast: the rest of the arguments go to dotnet test, with the slow tier filtered out (and into a --filter given).
fast=0
args=()
filter=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --fast) fast=1 ;;
    --filter) [ "$#" -ge 2 ] || die "--filter needs a value"; filter=$2; shift ;;
    --filter=*) filter=${1#--filter=} ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ "$fast" = 1 ]; then
  filter="${filter:+($filter)&}Tier!=Slow"
fi
if [ -n "$filter" ]; then args+=(--filter "$filter"); fi
set -- ${args[@]+"${args[@]}"}
if [ "$fast" = 1 ]; then
  step "Fast run: the slow tier (real processes, broker stops) is left out; ./test.sh without --fast runs every test"
fi

validate_compose
provide_database
provide_chromium
provide_rabbitmq
provide_redis_and_haproxy
provide_prometheus_tools
provide_client_tools

step "Running every test project: dotnet test CleanVisitors.sln -c Release${*:+ $*}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p .local
log=.local/test-output.log
: >"$log"
# In the background and in a process group of its own, so that Ctrl+C or SIGTERM here stops it and its
# test hosts before the cluster is removed. Its output goes to a file that tail shows as it grows (a pipe
# could be held open by build servers that outlive dotnet test).
# A script's background jobs start with SIGINT and SIGQUIT ignored, and everything they run inherits that: the
# API processes that the tests start and stop with SIGINT would never stop. env gives the default actions back.
default_signals=()
if env --default-signal=INT true 2>/dev/null; then default_signals=(env "--default-signal=INT,QUIT"); fi
setsid -w "${default_signals[@]}" dotnet test CleanVisitors.sln -c Release --nologo "$@" >"$log" 2>&1 &
test_pid=$!
tail -n +1 -f --pid="$test_pid" "$log" &
tail_pid=$!
status=0
wait "$test_pid" || status=$?
# What the tests started and did not stop (a server of the run, a build server) is still in that process group and
# would outlive this script: name it and stop it.
leftover=$(pgrep -g "$test_pid" 2>/dev/null | xargs -r ps -o stat=,comm= -p 2>/dev/null |
  awk '$1 !~ /^Z/ { n[$2]++ } END { for (c in n) { printf "%s%s x%d", sep, c, n[c]; sep = ", " } }' || true)
if [ -n "$leftover" ]; then
  warn "stopping what the tests left running: $leftover"
  kill -TERM -- "-$test_pid" 2>/dev/null || true
fi
test_pid=""
wait "$tail_pid" || true
tail_pid=""
print_totals "$log"
exit "$status"
