#!/usr/bin/env bash
# A project-local PostgreSQL cluster, for run.sh (kept between runs) and test.sh (thrown away).
#
#   scripts/local-postgres.sh start [--superuser] [--ephemeral] NAME PORT
#       creates the cluster .local/NAME on first use, starts it on 127.0.0.1:PORT unless it is running,
#       makes sure role and database "cleanvisitors" exist, and prints their URL on stdout:
#       postgresql://cleanvisitors:PASSWORD@127.0.0.1:PORT/cleanvisitors
#       --superuser  the role is a superuser (test clusters: the fixture creates and drops databases)
#       --ephemeral  no fsync: fast, and fine for data that is thrown away
#   scripts/local-postgres.sh stop NAME      stops it (fast shutdown); the data stays
#   scripts/local-postgres.sh destroy NAME   stops it and deletes its data
#   scripts/local-postgres.sh status NAME    exit 0 when running, 3 when not
#   scripts/local-postgres.sh url NAME       prints the URL of an existing cluster
#
# Layout of .local/NAME: data/ (PGDATA), socket/ (unix socket), server.log, password (mode 600).
# PostgreSQL refuses to run as root: as root the cluster belongs to and runs as the "postgres" system
# user; otherwise as the current user. Messages go to stderr, so `url=$(... start ...)` captures only the URL.
# Without server binaries it installs the "postgresql" package through apt when root or sudo allows.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"

LOCAL_DIR="$ROOT/.local"
ROLE=cleanvisitors
DATABASE=cleanvisitors

say() { printf '    %s\n' "$*" >&2; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

server_user() {
  if is_root; then echo postgres; else id -un; fi
}

# as_server CMD...: runs CMD as the user that owns the cluster, from / (a working directory that
# user may not enter, such as root's home, would otherwise make every PostgreSQL tool complain).
as_server() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

find_bindir() {
  local d
  if [ -n "${PG_BINDIR:-}" ]; then
    [ -x "$PG_BINDIR/initdb" ] && { echo "$PG_BINDIR"; return 0; }
    die "PG_BINDIR=$PG_BINDIR holds no initdb"
  fi
  local -a candidates=()
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && candidates+=("$d")
  done
  if [ "${#candidates[@]}" -gt 0 ]; then
    printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

ensure_binaries() {
  if BINDIR=$(find_bindir); then return 0; fi
  if command -v apt-get >/dev/null 2>&1 && can_admin; then
    say "PostgreSQL server binaries not found; installing the 'postgresql' package through apt ..."
  fi
  if ! apt_install postgresql; then
    die "PostgreSQL server binaries (initdb, pg_ctl) were not found and could not be installed here
       (needs apt-get and root or passwordless sudo). Install them yourself, e.g.
         sudo apt-get install postgresql
       or point the scripts at an existing server: set DATABASE_URL for run.sh,
       TEST_DATABASE_URL for test.sh (postgresql://user:password@host:port/database)."
  fi
  BINDIR=$(find_bindir) || die "the postgresql package is installed but initdb was not found"
}

# Where a cluster lives. Normally .local/NAME; when the project sits where the postgres user cannot go
# (a clone under root's home, mode 700), under /var/tmp instead, so that nothing outside .local needs
# its permissions changed.
cluster_home() {
  local name=$1
  [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "cluster name must be letters, digits, '.', '_' or '-', got '$name'"
  local fallback
  fallback="/var/tmp/cleanvisitors-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/$name"
  if [ -d "$LOCAL_DIR/$name" ]; then echo "$LOCAL_DIR/$name"; return; fi
  if [ -d "$fallback" ]; then echo "$fallback"; return; fi
  if ! is_root || runuser -u postgres -- test -x "$LOCAL_DIR" 2>/dev/null; then
    echo "$LOCAL_DIR/$name"
  else
    echo "$fallback"
  fi
}

# A unix socket path must stay under ~100 bytes; a deep checkout moves the socket to /tmp.
socket_dir() {
  local home=$1
  local dir="$home/socket"
  if [ $((${#dir} + 16)) -gt 100 ]; then
    dir="/tmp/cleanvisitors-pg-$(printf '%s' "$home" | cksum | cut -d' ' -f1)"
  fi
  echo "$dir"
}

is_running() {
  local home=$1
  [ -f "$home/data/PG_VERSION" ] && as_server "$BINDIR/pg_ctl" status -D "$home/data" >/dev/null 2>&1
}

# The port of a running cluster, from postmaster.pid (line 4), else the one configured.
current_port() {
  local home=$1 port=""
  if [ -f "$home/data/postmaster.pid" ]; then
    port=$(sed -n '4p' "$home/data/postmaster.pid")
  fi
  if [ -z "$port" ] && [ -f "$home/data/cleanvisitors.conf" ]; then
    port=$(sed -n "s/^port = //p" "$home/data/cleanvisitors.conf")
  fi
  echo "$port"
}

print_url() {
  local home=$1 port=$2
  [ -s "$home/password" ] || die "cluster $home has no password file"
  printf 'postgresql://%s:%s@127.0.0.1:%s/%s\n' "$ROLE" "$(cat "$home/password")" "$port" "$DATABASE"
}

init_cluster() {
  local home=$1
  local user locale_args=(--no-locale)
  user=$(server_user)
  if is_root; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' system user to run PostgreSQL as"
  fi
  say "creating PostgreSQL cluster in $home (runs as $user)"
  mkdir -p "$home"
  chmod 700 "$home"
  (umask 077 && random_alnum 32 >"$home/password")
  if is_root; then chown postgres: "$home"; fi
  if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then locale_args=(--locale=C.UTF-8); fi
  if ! as_server "$BINDIR/initdb" -D "$home/data" -E UTF8 "${locale_args[@]}" \
      --auth-local=peer --auth-host=scram-sha-256 >"$home/initdb.log" 2>&1; then
    cat "$home/initdb.log" >&2
    die "initdb failed"
  fi
  echo "include_if_exists = 'cleanvisitors.conf'" | as_server tee -a "$home/data/postgresql.conf" >/dev/null
  rm -f "$home/initdb.log"
}

write_config() {
  local home=$1 port=$2 sock=$3 ephemeral=$4
  {
    echo "# Written by scripts/local-postgres.sh at every start."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '${sock//\'/\'\'}'"
    echo "max_connections = 200"
    if [ "$ephemeral" = 1 ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_server tee "$home/data/cleanvisitors.conf" >/dev/null
}

ensure_role_and_database() {
  local home=$1 port=$2 sock=$3 superuser=$4
  local attrs="NOSUPERUSER CREATEDB"
  [ "$superuser" = 1 ] && attrs="SUPERUSER"
  # Everything, the password included, goes through stdin: nothing secret on a command line.
  as_server "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -d postgres >/dev/null <<SQL
SELECT 'CREATE ROLE $ROLE LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') \gexec
ALTER ROLE $ROLE WITH LOGIN $attrs PASSWORD '$(cat "$home/password")';
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE') \gexec
SQL
}

cmd_start() {
  local superuser=0 ephemeral=0
  while [ $# -gt 0 ]; do
    case $1 in
      --superuser) superuser=1; shift ;;
      --ephemeral) ephemeral=1; shift ;;
      --) shift; break ;;
      -*) usage ;;
      *) break ;;
    esac
  done
  [ $# -eq 2 ] || usage
  local name=$1 port=$2
  [[ $port =~ ^[0-9]+$ ]] || die "port must be a number, got '$port'"
  ensure_binaries
  mkdir -p "$LOCAL_DIR"
  # As root, the postgres user must be able to pass through .local; the secrets in it are mode 600.
  if is_root; then chmod 755 "$LOCAL_DIR"; fi
  local home
  home=$(cluster_home "$name")
  [ -f "$home/data/PG_VERSION" ] || init_cluster "$home"

  if is_running "$home"; then
    port=$(current_port "$home")
    say "PostgreSQL cluster $name already running on 127.0.0.1:$port"
  else
    local sock
    sock=$(socket_dir "$home")
    as_server mkdir -p "$sock"
    as_server chmod 700 "$sock"
    write_config "$home" "$port" "$sock" "$ephemeral"
    say "starting PostgreSQL cluster $name on 127.0.0.1:$port"
    local out
    if ! out=$(as_server "$BINDIR/pg_ctl" start -D "$home/data" -l "$home/server.log" -w -t 60 -s 2>&1); then
      printf '%s\n' "$out" >&2
      tail -n 15 "$home/server.log" >&2 || true
      die "PostgreSQL cluster $name did not start (log: $home/server.log). Is port $port taken? Choose another one."
    fi
  fi
  ensure_role_and_database "$home" "$port" "$(socket_dir "$home")" "$superuser"
  print_url "$home" "$port"
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  local home
  home=$(cluster_home "$1")
  if [ ! -f "$home/data/PG_VERSION" ]; then
    say "no PostgreSQL cluster $1"
    return 0
  fi
  BINDIR=$(find_bindir) || die "PostgreSQL binaries not found"
  if is_running "$home"; then
    say "stopping PostgreSQL cluster $1"
    as_server "$BINDIR/pg_ctl" stop -D "$home/data" -m fast -w -t 60 -s
  else
    say "PostgreSQL cluster $1 is not running"
  fi
}

cmd_destroy() {
  [ $# -eq 1 ] || usage
  local home
  home=$(cluster_home "$1")
  [ -d "$home" ] || { say "no PostgreSQL cluster $1"; return 0; }
  cmd_stop "$1"
  say "deleting PostgreSQL cluster $1"
  local sock
  sock=$(socket_dir "$home")
  case $sock in "$home"/*) ;; *) rm -rf "$sock" ;; esac
  rm -rf "$home"
  case $home in "$LOCAL_DIR"/*) ;; *) rmdir "$(dirname "$home")" 2>/dev/null || true ;; esac # empty /var/tmp fallback
}

cmd_status() {
  [ $# -eq 1 ] || usage
  local home
  home=$(cluster_home "$1")
  [ -f "$home/data/PG_VERSION" ] || { say "no PostgreSQL cluster $1"; return 3; }
  BINDIR=$(find_bindir) || die "PostgreSQL binaries not found"
  if is_running "$home"; then
    say "PostgreSQL cluster $1 is running on 127.0.0.1:$(current_port "$home")"
  else
    say "PostgreSQL cluster $1 is not running"
    return 3
  fi
}

cmd_url() {
  [ $# -eq 1 ] || usage
  local home
  home=$(cluster_home "$1")
  [ -f "$home/data/PG_VERSION" ] || die "no PostgreSQL cluster $1"
  print_url "$home" "$(current_port "$home")"
}

[ $# -ge 1 ] || usage
command=$1
shift
case $command in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  destroy) cmd_destroy "$@" ;;
  status) cmd_status "$@" ;;
  url) cmd_url "$@" ;;
  *) usage ;;
esac
