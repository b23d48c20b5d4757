<?php
// Router for `php -S`: serves existing files, uploads from WP_CONTENT_DIR, and sends every
// other path to index.php, which is what pretty permalinks (and so /wp-json/) need.
// https://www.php.net/manual/en/features.commandline.webserver.php
$root = '/usr/share/wordpress';
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strpos($path, '..') !== false) { http_response_code(400); return true; }
if (strncmp($path, '/wp-content/uploads/', 20) === 0) {
  $file = '/var/lib/wordpress' . $path;
  if (is_file($file)) { header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream')); readfile($file); return true; }
}
if ($path !== '/' && is_file($root . $path)) return false;
if (is_dir($root . $path) && is_file($root . rtrim($path, '/') . '/index.php')) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $root . '/index.php';
