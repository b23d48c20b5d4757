#!/usr/bin/env bash
# Ensures PostgreSQL, MariaDB and Redis are up on 127.0.0.1 (idempotent).
set -uo pipefail
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! up 5432 && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if ! up 6379 && command -v redis-server >/dev/null; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
if ! up 3306 && command -v mariadbd >/dev/null; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
for port in 5432 6379 3306; do
  for _ in $(seq 1 30); do up "$port" && break; sleep 1; done
  up "$port" || echo "warning: nothing listens on 127.0.0.1:$port" >&2
done
exit 0
