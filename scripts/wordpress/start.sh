#!/usr/bin/env bash
# Starts a real WordPress (Debian's `wordpress` package, PHP's built-in server, MariaDB) on
# 127.0.0.1:${OMNIBRIDGE_WP_PORT:-8089} for the cms-connector integration tests. Idempotent and
# guarded by flock, so concurrent callers wait for the first one and then reuse its server.
# Writes the admin's Application Password to $OMNIBRIDGE_WP_DIR/credentials.json.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${OMNIBRIDGE_WP_PORT:-8089}"
DEFAULT_STATE=/tmp/omnibridge-wordpress; [[ "$PORT" == 8089 ]] || DEFAULT_STATE="/tmp/omnibridge-wordpress-$PORT"
STATE="${OMNIBRIDGE_WP_DIR:-$DEFAULT_STATE}"
WP_ROOT=/usr/share/wordpress
CONTENT_DIR=/var/lib/wordpress/wp-content
DB_NAME="${OMNIBRIDGE_WP_DB:-omnibridge_wp_$PORT}"
mkdir -p "$STATE"
exec 9>"$STATE/start.lock"
flock 9

log() { echo "wordpress: $*" >&2; }
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$PORT/wp-json/" 2>/dev/null; }
authorized() {
  [[ -s "$STATE/credentials.json" ]] || return 1
  local user pass
  user=$(php -r 'echo json_decode(file_get_contents($argv[1]))->username;' "$STATE/credentials.json")
  pass=$(php -r 'echo json_decode(file_get_contents($argv[1]))->applicationPassword;' "$STATE/credentials.json")
  curl -fsS -o /dev/null --max-time 5 -u "$user:$pass" "http://127.0.0.1:$PORT/wp-json/wp/v2/users/me?context=edit" 2>/dev/null
}

# The mu-plugins: product/category page types, REST meta, meta lookups, stable ordering, and the
# plugins the cms-connector ships for its users' sites (marketing meta: validity, codes, UTM, …).
# mu-plugins load on every request, so copying them is enough, also into a running site.
install_plugins() {
  mkdir -p "$CONTENT_DIR/mu-plugins"
  cp "$HERE/omnibridge-mu-plugin.php" "$CONTENT_DIR/mu-plugins/omnibridge.php"
  for plugin in "$HERE"/../../packages/cms-connector/wordpress/*.php; do
    [[ -f "$plugin" ]] && cp "$plugin" "$CONTENT_DIR/mu-plugins/$(basename "$plugin")"
  done
  return 0
}

# Fast path: already running with working credentials.
if [[ -f "/etc/wordpress/omnibridge-$PORT.php" ]] && answers && authorized; then install_plugins; echo "$STATE/credentials.json"; exit 0; fi

# 1. Packages (only Debian's archive is reachable; no wp-cli download).
need=()
for pkg in wordpress php-cli php-mysql php-curl php-xml php-mbstring curl; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  log "installing ${need[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${need[@]}" >"$STATE/apt.log" 2>&1 \
    || { $SUDO apt-get -o DPkg::Lock::Timeout=300 update >>"$STATE/apt.log" 2>&1 && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${need[@]}" >>"$STATE/apt.log" 2>&1; } \
    || { log "apt-get failed, see $STATE/apt.log"; exit 1; }
fi

# 2. MariaDB on 127.0.0.1:3306 (root without password), database and user.
if ! up 3306; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  for _ in $(seq 1 30); do up 3306 && break; sleep 1; done
fi
[[ -s "$STATE/db-password" ]] || head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$STATE/db-password"
DB_PASS=$(cat "$STATE/db-password")
mysql -h127.0.0.1 -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_NAME'@'%' IDENTIFIED BY '$DB_PASS';
ALTER USER '$DB_NAME'@'%' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_NAME'@'%';
FLUSH PRIVILEGES;
SQL

# 3. Debian looks up /etc/wordpress/config-<host>.php (see /usr/share/doc/wordpress/README.Debian).
#    That file only dispatches by port, so sites on several ports can coexist.
cat >/etc/wordpress/config-127.0.0.1.php <<'PHP'
<?php
// Written by omnibridge scripts/wordpress/start.sh: one local test site per port.
$omnibridge_port = preg_replace('/[^0-9]/', '', (string) parse_url('http://' . ($_SERVER['HTTP_HOST'] ?? ''), PHP_URL_PORT));
$omnibridge_site = '/etc/wordpress/omnibridge-' . ($omnibridge_port ?: '80') . '.php';
if (!is_file($omnibridge_site)) { header('HTTP/1.0 404 Not Found'); exit("no omnibridge WordPress configured for this port\n"); }
require $omnibridge_site;
PHP
SALT_VALUE=$(cat "$STATE/salt" 2>/dev/null || true)
[[ -n "$SALT_VALUE" ]] || { SALT_VALUE=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'); echo "$SALT_VALUE" >"$STATE/salt"; }
cat >"/etc/wordpress/omnibridge-$PORT.php" <<PHP
<?php
// Written by omnibridge scripts/wordpress/start.sh — a local test site, not for production.
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_NAME');
define('DB_PASSWORD', '$DB_PASS');
define('DB_HOST', '127.0.0.1:3306');
define('WP_HOME', 'http://127.0.0.1:$PORT');
define('WP_SITEURL', 'http://127.0.0.1:$PORT');
// Application Passwords over plain HTTP need a local environment type.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_CONTENT_DIR', '$CONTENT_DIR');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
foreach (['AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT'] as \$k) define(\$k, '$SALT_VALUE' . \$k);
PHP

# 4. The mu-plugin: product/category page types, REST meta, meta lookups, stable ordering.
install_plugins

# 5. Install (wp_install via WordPress's own functions), permalinks, admin + Application Password.
reuse=""; authorized 2>/dev/null && reuse=1 || true
php "$HERE/install.php" "$PORT" "$STATE/credentials.json" "${reuse:+keep}" >"$STATE/install.log" 2>&1 \
  || { log "install failed:"; cat "$STATE/install.log" >&2; exit 1; }

# 6. The built-in server with a router (pretty permalinks: /wp-json/ goes to index.php).
if ! answers; then
  if [[ -s "$STATE/server.pid" ]] && kill -0 "$(cat "$STATE/server.pid")" 2>/dev/null; then "$HERE/stop.sh"; fi
  PHP_CLI_SERVER_WORKERS=4 setsid nohup php -d variables_order=EGPCS -d memory_limit=256M -S "127.0.0.1:$PORT" -t "$WP_ROOT" "$HERE/router.php" \
    >"$STATE/server.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/server.pid"
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { log "server did not answer on 127.0.0.1:$PORT"; tail -20 "$STATE/server.log" >&2; exit 1; }
fi
authorized || { log "the Application Password was not accepted"; exit 1; }
log "up on http://127.0.0.1:$PORT (pid $(cat "$STATE/server.pid"))"
echo "$STATE/credentials.json"
