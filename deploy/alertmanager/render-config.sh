#!/bin/sh
# Renders Alertmanager's configuration from alertmanager.yml.tmpl and the environment, then runs Alertmanager
# (docker-compose.yml makes this the container's entry point). Alertmanager reads no environment variables, and the
# prom/alertmanager image is busybox: sh and awk are all there is, and all this needs.
#   ALERTMANAGER_SLACK_WEBHOOK_URL   Slack incoming webhook (critical and warning alerts)
#   ALERTMANAGER_SMTP_SMARTHOST      host:port of the mail relay (STARTTLS)   } e-mail for critical alerts,
#   ALERTMANAGER_SMTP_FROM, _TO      sender and recipient(s), comma-separated } when all three are set
#   ALERTMANAGER_SMTP_USERNAME, _PASSWORD   SMTP authentication, when the relay wants it
# Usage: render-config.sh [TEMPLATE [OUTPUT]] [-- alertmanager arguments]; without "--" it only renders.
# Values are written as YAML double-quoted strings, so quotes, backslashes, "$" or "#" in a password stay as they are.
set -eu

here=$(dirname "$0")
template=$here/alertmanager.yml.tmpl
output=/etc/alertmanager/alertmanager.yml
if [ "$#" -gt 0 ] && [ "$1" != "--" ]; then template=$1; fi
if [ "$#" -gt 1 ] && [ "$2" != "--" ]; then output=$2; fi
if [ "$#" -gt 0 ] && [ "$1" != "--" ]; then shift; fi
if [ "$#" -gt 0 ] && [ "$1" != "--" ]; then shift; fi

enabled=""
if [ -n "${ALERTMANAGER_SLACK_WEBHOOK_URL:-}" ]; then
  enabled="$enabled slack"
else
  echo "render-config: ALERTMANAGER_SLACK_WEBHOOK_URL is not set: alerts are not sent to Slack" >&2
fi
if [ -n "${ALERTMANAGER_SMTP_SMARTHOST:-}" ] && [ -n "${ALERTMANAGER_SMTP_FROM:-}" ] && [ -n "${ALERTMANAGER_SMTP_TO:-}" ]; then
  enabled="$enabled email"
  if [ -n "${ALERTMANAGER_SMTP_USERNAME:-}" ]; then enabled="$enabled smtp-auth"; fi
else
  echo "render-config: ALERTMANAGER_SMTP_SMARTHOST, _FROM and _TO are not all set: critical alerts are not e-mailed" >&2
fi

value=""
for name in ALERTMANAGER_SLACK_WEBHOOK_URL ALERTMANAGER_SMTP_SMARTHOST ALERTMANAGER_SMTP_FROM ALERTMANAGER_SMTP_TO \
  ALERTMANAGER_SMTP_USERNAME ALERTMANAGER_SMTP_PASSWORD; do
  eval "value=\${$name:-}"
  case $value in
    *'
'*) echo "render-config: $name contains a line break" >&2; exit 1 ;;
  esac
done

umask 077
ENABLED="$enabled" awk '
  # Byte by byte rather than gsub: awks disagree on backslashes in gsub replacements.
  function quote(value,   out, i, c) {
    out = ""
    for (i = 1; i <= length(value); i++) {
      c = substr(value, i, 1)
      if (c == "\\" || c == "\"") out = out "\\" c
      else if (c == "\t") out = out "\\t"
      else out = out c
    }
    return "\"" out "\""
  }
  BEGIN { split(ENVIRON["ENABLED"], list, " "); for (i in list) on[list[i]] = 1 }
  {
    line = $0
    if (match(line, / *#@[a-z-]+$/)) {
      channel = substr(line, RSTART, RLENGTH); sub(/^ *#@/, "", channel)
      if (!(channel in on)) next
      line = substr(line, 1, RSTART - 1)
    }
    out = ""
    while (match(line, /@[A-Z_]+@/)) {
      name = substr(line, RSTART + 1, RLENGTH - 2)
      out = out substr(line, 1, RSTART - 1) quote(ENVIRON[name])
      line = substr(line, RSTART + RLENGTH)
    }
    print out line
  }
' "$template" >"$output.tmp"
mv "$output.tmp" "$output"
echo "render-config: wrote $output (channels:${enabled:- none})" >&2

if [ "${1:-}" = "--" ]; then
  shift
  exec /bin/alertmanager --config.file="$output" "$@"
fi
