#!/usr/bin/env bash
# A RabbitMQ virtual host of our own on the machine's broker, for test.sh (thrown away after each run).
#
#   scripts/local-rabbitmq.sh start NAME
#       makes sure a local broker runs (installing Debian's "rabbitmq-server" through apt when it is missing
#       and root or sudo allows; starting it through its service, or "rabbitmq-server -detached" where there
#       is no init system), creates a fresh virtual host and a user with a random password for NAME, and
#       prints the URL on stdout: amqp://USER:PASSWORD@127.0.0.1:PORT/VHOST
#   scripts/local-rabbitmq.sh destroy NAME   deletes NAME's virtual host and user; stops the broker when
#                                            "start NAME" had started it; leaves the broker's app running
#                                            otherwise (a killed test may have left it stopped)
#   scripts/local-rabbitmq.sh ctl            prints the command that controls the local broker
#                                            ("rabbitmqctl", or "sudo -n rabbitmqctl"), for TEST_RABBITMQ_CTL
#
# What "start NAME" made is written to .local/rabbitmq-NAME/ (vhost, user, started), so that "destroy NAME"
# undoes exactly that, also after a killed run. The password goes to rabbitmqctl through stdin, never on a
# command line. The port is TEST_RABBITMQ_PORT, else 5672 (the broker's default listener).
# Messages go to stderr, so `url=$(... start ...)` captures only the URL.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"

LOCAL_DIR="$ROOT/.local"
PORT="${TEST_RABBITMQ_PORT:-5672}"

say() { printf '    %s\n' "$*" >&2; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# ctl ARGS...: rabbitmqctl, as root (the Debian wrapper then runs it as the rabbitmq user, with its cookie).
ctl() { as_admin rabbitmqctl "$@"; }

ctl_command() {
  if [ "$(id -u)" -eq 0 ]; then echo rabbitmqctl; else echo "sudo -n rabbitmqctl"; fi
}

state_dir() {
  local name=$1
  [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9_-]*$ ]] || die "name must be letters, digits, '_' or '-', got '$name'"
  echo "$LOCAL_DIR/rabbitmq-$name"
}

# The Erlang node answers (its app may still be stopped: stop_app leaves the node up).
node_up() { as_admin timeout 30 rabbitmqctl -q ping >/dev/null 2>&1; }

# The broker itself runs and takes connections.
app_running() { as_admin timeout 30 rabbitmq-diagnostics -q check_running >/dev/null 2>&1; }

installed() { command -v rabbitmqctl >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmqctl ]; }

ensure_installed() {
  if installed; then return 0; fi
  if command -v apt-get >/dev/null 2>&1 && can_admin; then
    say "RabbitMQ not found; installing the 'rabbitmq-server' package through apt ..."
  fi
  # Installing it also starts it where an init system runs; "start" below copes with both.
  if ! apt_install rabbitmq-server || ! installed; then
    die "RabbitMQ (rabbitmq-server, rabbitmqctl) was not found and could not be installed here
       (needs apt-get and root or passwordless sudo). Install it yourself, e.g.
         sudo apt-get install rabbitmq-server
       or give the tests a broker: TEST_RABBITMQ_URL=amqp://user:password@host:5672/vhost
       (and TEST_RABBITMQ_CTL=rabbitmqctl when it is local), or start a Docker engine for Testcontainers."
  fi
}

# wait_until_running SECONDS: until the node is up and its app fully booted.
wait_until_running() {
  local deadline=$((SECONDS + $1))
  until node_up; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
  ctl -q await_startup --timeout "$((deadline - SECONDS > 5 ? deadline - SECONDS : 5))" >/dev/null 2>&1 || true
  until app_running; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

# Starts the local broker unless it runs; answers 0 when it started it, 1 when it was running already.
# STARTED_BY says how: "service" or "detached" (a stop must go the same way: the init script's stop waits for
# its own pid file, and hangs on a node it did not start).
STARTED_BY=""
start_broker() {
  if node_up; then
    if ! app_running; then
      say "the RabbitMQ node runs but its app is stopped (a killed test run?): starting it"
      ctl -q start_app >/dev/null 2>&1 || true
    fi
    wait_until_running 60 || die "the local RabbitMQ node runs but its app would not start: see rabbitmqctl status"
    return 1
  fi
  say "starting the local RabbitMQ broker"
  if command -v service >/dev/null 2>&1 && as_admin timeout 120 service rabbitmq-server start >/dev/null 2>&1 && wait_until_running 90; then
    STARTED_BY=service
    return 0
  fi
  # No init system (a container): run the node detached ourselves.
  if ! node_up; then
    as_admin rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  wait_until_running 90 || die "the local RabbitMQ broker did not start within 90 s (logs: /var/log/rabbitmq/)"
  STARTED_BY=detached
  return 0
}

cmd_start() {
  [ $# -eq 1 ] || usage
  local dir
  dir=$(state_dir "$1")
  can_admin || die "a local RabbitMQ needs root or passwordless sudo here (rabbitmqctl runs as root);
       or give the tests a broker: TEST_RABBITMQ_URL=amqp://user:password@host:5672/vhost"
  ensure_installed
  [ -d "$dir" ] && cmd_destroy "$1" # left over by a killed run
  mkdir -p "$dir"
  chmod 700 "$dir"
  if start_broker; then printf '%s\n' "$STARTED_BY" >"$dir/started"; fi

  local suffix vhost user password
  suffix=$(random_alnum 10)
  vhost="cleanvisitors-$1-$suffix"
  user="cleanvisitors-$1-$suffix"
  password=$(random_alnum 32)
  printf '%s\n' "$vhost" >"$dir/vhost"
  printf '%s\n' "$user" >"$dir/user"
  say "creating RabbitMQ virtual host $vhost and its user"
  ctl -q add_vhost "$vhost" >/dev/null
  printf '%s\n' "$password" | ctl -q add_user "$user" >/dev/null
  ctl -q set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
  printf 'amqp://%s:%s@127.0.0.1:%s/%s\n' "$user" "$password" "$PORT" "$vhost"
}

cmd_destroy() {
  [ $# -eq 1 ] || usage
  local dir
  dir=$(state_dir "$1")
  [ -d "$dir" ] || { say "nothing to remove for $1"; return 0; }
  if node_up; then
    app_running || ctl -q start_app >/dev/null 2>&1 || true
    if [ -s "$dir/vhost" ]; then
      say "deleting RabbitMQ virtual host $(cat "$dir/vhost") and its user"
      ctl -q delete_vhost "$(cat "$dir/vhost")" >/dev/null 2>&1 || true
    fi
    if [ -s "$dir/user" ]; then
      ctl -q delete_user "$(cat "$dir/user")" >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/started" ]; then
      say "stopping the local RabbitMQ broker (started for this run)"
      if [ "$(cat "$dir/started")" = service ]; then
        as_admin timeout 120 service rabbitmq-server stop >/dev/null 2>&1 || true
      fi
      if node_up; then as_admin timeout 120 rabbitmqctl -q stop >/dev/null 2>&1 || true; fi
    fi
  fi
  rm -rf "$dir"
}

[ $# -ge 1 ] || usage
command=$1
shift
case $command in
  start) cmd_start "$@" ;;
  destroy) cmd_destroy "$@" ;;
  ctl) ctl_command ;;
  *) usage ;;
esac
