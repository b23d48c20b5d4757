#!/usr/bin/env bash
# Stops the Medusa server started by start.sh for ${MEDUSA_PORT:-9123} (by its recorded pid).
# Its database, the template and the install cache stay; start.sh recreates the database anyway.
set -euo pipefail
PORT="${MEDUSA_PORT:-9123}"
STATE="${OMNIBRIDGE_MEDUSA_DIR:-/tmp/omnibridge-medusa-$PORT}"
[[ -s "$STATE/server.pid" ]] || exit 0
pid=$(cat "$STATE/server.pid")
# start.sh runs the server with setsid: its pid is its process group.
if kill -0 "$pid" 2>/dev/null; then
  kill -- "-$pid" 2>/dev/null || kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && { kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid"; }
fi
rm -f "$STATE/server.pid" "$STATE/connection.json"
