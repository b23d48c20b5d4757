#!/usr/bin/env bash
# Stops the WordPress started by start.sh (by its recorded pid). Database and files stay.
set -euo pipefail
PORT="${OMNIBRIDGE_WP_PORT:-8089}"
DEFAULT_STATE=/tmp/omnibridge-wordpress; [[ "$PORT" == 8089 ]] || DEFAULT_STATE="/tmp/omnibridge-wordpress-$PORT"
STATE="${OMNIBRIDGE_WP_DIR:-$DEFAULT_STATE}"
[[ -s "$STATE/server.pid" ]] || exit 0
pid=$(cat "$STATE/server.pid")
# The server runs in its own process group (setsid); PHP_CLI_SERVER_WORKERS forks workers into it.
if kill -0 "$pid" 2>/dev/null; then
  kill -- "-$pid" 2>/dev/null || kill "$pid"
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
rm -f "$STATE/server.pid"
