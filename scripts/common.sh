# shellcheck shell=bash
# Helpers shared by run.sh, test.sh and scripts/local-postgres.sh. Source it; it defines functions only.

step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# random_alnum N: N random characters from [A-Za-z0-9] (safe in URLs, shells and config files).
random_alnum() {
  local n=$1 out=""
  while [ "${#out}" -lt "$n" ]; do
    out+=$(head -c 512 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
  done
  printf '%s' "${out:0:n}"
}

# persisted_secret FILE N: prints the secret kept in FILE, creating it (N random characters, mode 600) first.
persisted_secret() {
  local file=$1 n=$2
  if [ ! -s "$file" ]; then
    (umask 077 && random_alnum "$n" >"$file")
  fi
  chmod 600 "$file"
  cat "$file"
}

# as_admin CMD...: runs CMD as root (directly when root, else through non-interactive sudo);
# returns 1 without running anything when neither is possible.
as_admin() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

can_admin() { as_admin true; }

# apt_install PACKAGE...: installs Debian/Ubuntu packages quietly; prints apt's output only on failure.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  can_admin || return 1
  local out
  as_admin env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  if ! out=$(as_admin env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
}
