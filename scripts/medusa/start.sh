#!/usr/bin/env bash
# Starts a real Medusa v2.18.0 shop server on 127.0.0.1:${MEDUSA_PORT:-9123} for the shop-connector
# tests. Idempotent and guarded by flock: concurrent callers wait for the first and reuse its server.
#
#   scripts/medusa/start.sh            start (or reuse) the server; prints the connection JSON's path
#   scripts/medusa/start.sh --reset    stop it, recreate its database from the template, start, seed
#
# - Install: `npm ci` of scripts/medusa/app/package-lock.json into a cache OUTSIDE the workspace,
#   ${OMNIBRIDGE_CACHE:-$HOME/.cache/omnibridge}/medusa-2.18.0 (about 700 MB; never part of pnpm).
# - Database: migrations and the admin user run once into a template database; each start copies
#   it with CREATE DATABASE … TEMPLATE (fast), one database per port.
# - Seeding through Medusa's admin HTTP API (seed.mjs): regions, sales channel, keys, locations,
#   shipping options (delivery + store pickup), customer groups.
# - Connection facts (URL, secret key, publishable key, ids) go to $STATE/connection.json (mode 600).
# Logs: $STATE/start.log, $STATE/server.log, $CACHE/medusa-install.log. Needs PostgreSQL on
# ${OMNIBRIDGE_MEDUSA_PG:-postgres://postgres@127.0.0.1:5432} (scripts/services.sh starts it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VERSION=2.18.0
PORT="${MEDUSA_PORT:-9123}"
CACHE="${OMNIBRIDGE_CACHE:-$HOME/.cache/omnibridge}"
APP="$CACHE/medusa-$VERSION"
STATE="${OMNIBRIDGE_MEDUSA_DIR:-/tmp/omnibridge-medusa-$PORT}"
PG="${OMNIBRIDGE_MEDUSA_PG:-postgres://postgres@127.0.0.1:5432}"
DB="omnibridge_medusa_$PORT"
TEMPLATE="omnibridge_medusa_template"
URL="http://127.0.0.1:$PORT"
RESET=""; [[ "${1:-}" == "--reset" ]] && RESET=1

mkdir -p "$STATE" "$CACHE"
chmod 700 "$STATE"
exec 9>"$STATE/start.lock"
flock 9
LOG="$STATE/start.log"
: >"$LOG"

fail() { echo "medusa: $*" >&2; exit 1; }
log() { echo "$(date +%T.%3N) $*" >>"$LOG"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$PG/postgres" -c "$1"; }
healthy() { curl -fsS -o /dev/null --max-time 3 "$URL/health" 2>/dev/null; }
# The secret key in connection.json still opens the admin API (same server, same database).
authorized() {
  [[ -s "$STATE/connection.json" ]] || return 1
  local key
  key=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).secretApiKey)' "$STATE/connection.json")
  curl -fsS -o /dev/null --max-time 5 -u "$key:" "$URL/admin/regions?limit=1" 2>/dev/null
}

START=$(now)
if [[ -z "$RESET" ]] && healthy && authorized; then
  log "reused the running server on $URL"
  echo "$STATE/connection.json"
  exit 0
fi

# 0. Prerequisites: Node, curl, psql and a reachable PostgreSQL.
command -v node >/dev/null || fail "node is not installed"
command -v npm >/dev/null || fail "npm is not installed"
command -v psql >/dev/null || fail "psql is not installed (apt-get install postgresql-client)"
sql "select 1" >/dev/null 2>&1 || fail "PostgreSQL is not reachable at $PG (run scripts/services.sh)"

# 1. Install (shared by every port; the stamp is the lockfile's and config's hash).
exec 8>"$CACHE/medusa-$VERSION.lock"
flock 8
STAMP=$(cat "$HERE/app/package-lock.json" "$HERE/app/medusa-config.ts" "$HERE/app/tsconfig.json" | sha256sum | cut -c1-16)
if [[ "$(cat "$APP/.omnibridge-installed" 2>/dev/null || true)" != "$STAMP" ]]; then
  step=$(now)
  log "installing Medusa $VERSION into $APP"
  mkdir -p "$APP"
  rm -f "$APP/.omnibridge-installed"
  cp "$HERE/app/package.json" "$HERE/app/package-lock.json" "$HERE/app/medusa-config.ts" "$HERE/app/tsconfig.json" "$APP/"
  (cd "$APP" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$CACHE/medusa-install.log" 2>&1 \
    || fail "npm ci failed (no network or registry?), see $CACHE/medusa-install.log"
  echo "$STAMP" >"$APP/.omnibridge-installed"
  log "installed in $(since "$step") s"
fi
MEDUSA=("node" "$APP/node_modules/@medusajs/cli/cli.js")

# 2. The template database: migrations and the admin user, once per install stamp.
#    The admin's password lives beside the install (mode 600), as the template holds its hash.
export MEDUSA_DISABLE_TELEMETRY=true
[[ -s "$APP/.admin-password" ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$APP/.admin-password")
ADMIN_EMAIL="admin@omnibridge.test"
ADMIN_PASSWORD=$(cat "$APP/.admin-password")
template_stamp=$(sql "select shobj_description(oid, 'pg_database') from pg_database where datname = '$TEMPLATE'" 2>/dev/null || true)
if [[ "$template_stamp" != "$STAMP" ]]; then
  step=$(now)
  log "building the template database $TEMPLATE"
  sql "drop database if exists ${TEMPLATE}_build with (force)" >/dev/null
  sql "create database ${TEMPLATE}_build" >/dev/null
  (cd "$APP" && DATABASE_URL="$PG/${TEMPLATE}_build" "${MEDUSA[@]}" db:migrate) >"$CACHE/medusa-migrate.log" 2>&1 \
    || fail "migrations failed, see $CACHE/medusa-migrate.log"
  (cd "$APP" && DATABASE_URL="$PG/${TEMPLATE}_build" "${MEDUSA[@]}" user -e "$ADMIN_EMAIL" -p "$ADMIN_PASSWORD") >>"$CACHE/medusa-migrate.log" 2>&1 \
    || fail "creating the admin user failed, see $CACHE/medusa-migrate.log"
  sql "drop database if exists $TEMPLATE with (force)" >/dev/null
  sql "alter database ${TEMPLATE}_build rename to $TEMPLATE" >/dev/null
  sql "comment on database $TEMPLATE is '$STAMP'" >/dev/null
  log "template built in $(since "$step") s"
fi

# 3. This port's database: a fresh copy of the template (the server must not hold it open).
"$HERE/stop.sh" >/dev/null 2>&1 || true
step=$(now)
sql "drop database if exists $DB with (force)" >/dev/null
sql "create database $DB template $TEMPLATE" >/dev/null || fail "could not copy $TEMPLATE to $DB"
flock -u 8
log "database $DB copied in $(since "$step") s"

# 4. The server (its own process group, so stop.sh ends it and its children).
step=$(now)
[[ -s "$STATE/secrets" ]] || (umask 077; for _ in 1 2; do head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; echo; done >"$STATE/secrets")
JWT_SECRET=$(sed -n 1p "$STATE/secrets")
COOKIE_SECRET=$(sed -n 2p "$STATE/secrets")
cd "$APP"
DATABASE_URL="$PG/$DB" JWT_SECRET="$JWT_SECRET" COOKIE_SECRET="$COOKIE_SECRET" \
  setsid nohup "${MEDUSA[@]}" start -H 127.0.0.1 -p "$PORT" >"$STATE/server.log" 2>&1 </dev/null 8>&- 9>&- &
echo $! >"$STATE/server.pid"
cd "$HERE"
for _ in $(seq 1 240); do
  healthy && break
  kill -0 "$(cat "$STATE/server.pid")" 2>/dev/null || fail "the server exited, see $STATE/server.log"
  sleep 0.5
done
healthy || fail "no answer on $URL/health after 120 s, see $STATE/server.log"
log "healthy in $(since "$step") s (pid $(cat "$STATE/server.pid"))"

# 5. Seed through the admin API and write the connection facts.
step=$(now)
rm -f "$STATE/connection.json"
node "$HERE/seed.mjs" "$URL" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$STATE/connection.json" "$DB" >>"$LOG" 2>&1 \
  || fail "seeding failed, see $LOG"
log "seeded in $(since "$step") s"
authorized || fail "the seeded secret API key was not accepted, see $LOG"
log "up on $URL in $(since "$START") s"
echo "medusa: up on $URL in $(since "$START") s" >&2
echo "$STATE/connection.json"
