<?php
/**
 * Plugin Name: omnibridge marketing meta
 * Description: REST meta of promotion and campaign landing pages written by @omnibridge/cms-connector
 * (validity, coupon codes, reward, linked promotions, UTM-tagged URL). Install next to the omnibridge
 * mu-plugin (scripts/wordpress/omnibridge-mu-plugin.php) in wp-content/mu-plugins/.
 */
// https://developer.wordpress.org/reference/functions/register_post_meta/
add_action('init', function () {
  $strings = [
    'omnibridge_promotion_key' => 128, 'omnibridge_campaign_key' => 128, 'omnibridge_reward' => 255,
    'omnibridge_valid_from' => 40, 'omnibridge_valid_to' => 40, 'omnibridge_coupon_codes' => 65535,
    'omnibridge_channels' => 1024, 'omnibridge_segment_keys' => 65535, 'omnibridge_promotion_keys' => 65535,
    'omnibridge_utm_url' => 4096,
  ];
  foreach (['post', 'page', 'omnibridge_product', 'omnibridge_category'] as $type) {
    foreach ($strings as $key => $max) {
      register_post_meta($type, $key, [
        'type' => 'string', 'single' => true, 'default' => '',
        'show_in_rest' => ['schema' => ['type' => 'string', 'maxLength' => $max]],
        'auth_callback' => fn () => current_user_can('edit_posts'),
      ]);
    }
  }
}, 11);
