<?php
// Installs the test site with WordPress's own functions (no wp-cli is packaged in Debian):
// wp_install(), pretty permalinks, and an admin Application Password written as JSON.
// Usage: php install.php <port> <credentials.json> [keep]
// https://developer.wordpress.org/reference/functions/wp_install/
[$_, $port, $credentialsFile] = $argv;
$keep = ($argv[3] ?? '') === 'keep';
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
// No mail on this test site (there is no sendmail); the function is pluggable.
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$username = 'omnibridge';
if (!is_blog_installed()) {
  $result = wp_install('omnibridge test shop', $username, 'omnibridge@example.com', false, '', wp_generate_password(24));
  echo "installed, user {$result['user_id']}\n";
}
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'UTC');
update_option('gmt_offset', 0);
flush_rewrite_rules(false);

$user = get_user_by('login', $username);
if (!$user) { fwrite(STDERR, "admin user missing\n"); exit(1); }
if ($keep && is_file($credentialsFile)) { echo "credentials kept\n"; exit(0); }

// One Application Password named omnibridge: replace any earlier one.
foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
  if ($item['name'] === 'omnibridge-tests') WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
}
$created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'omnibridge-tests']);
if (is_wp_error($created)) { fwrite(STDERR, $created->get_error_message() . "\n"); exit(1); }
$json = json_encode([
  'url' => 'http://127.0.0.1:' . $port,
  'username' => $username,
  'applicationPassword' => WP_Application_Passwords::chunk_password($created[0]),
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);
$tmp = $credentialsFile . '.tmp';
file_put_contents($tmp, $json . "\n");
chmod($tmp, 0600);
rename($tmp, $credentialsFile);
echo "credentials written\n";
