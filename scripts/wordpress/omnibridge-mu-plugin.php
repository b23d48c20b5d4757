<?php
/**
 * Plugin Name: omnibridge test support
 * Description: Product and category page post types, omnibridge meta in the REST API,
 * lookups by meta (`?omnibridge_sku=A,B`, `?omnibridge_key=…`) and a stable (modified, ID) order.
 * Written by omnibridge scripts/wordpress/start.sh.
 */
// https://developer.wordpress.org/reference/functions/register_post_type/
// https://developer.wordpress.org/reference/functions/register_post_meta/
const OMNIBRIDGE_TYPES = ['post', 'page', 'omnibridge_product', 'omnibridge_category'];

add_action('init', function () {
  $supports = ['title', 'editor', 'excerpt', 'custom-fields', 'thumbnail', 'revisions'];
  register_post_type('omnibridge_product', [
    'label' => 'Product pages', 'public' => true, 'show_in_rest' => true, 'rest_base' => 'product-pages',
    'supports' => $supports, 'has_archive' => false, 'rewrite' => ['slug' => 'products'],
  ]);
  register_post_type('omnibridge_category', [
    'label' => 'Category pages', 'public' => true, 'show_in_rest' => true, 'rest_base' => 'category-pages',
    'supports' => $supports, 'has_archive' => false, 'rewrite' => ['slug' => 'categories'],
  ]);
  $strings = [
    'omnibridge_key' => 128, 'omnibridge_sku' => 128, 'omnibridge_type' => 32, 'omnibridge_locale' => 35,
    'omnibridge_seo_title' => 255, 'omnibridge_seo_description' => 1000, 'omnibridge_featured_image_url' => 2048,
    'omnibridge_linked_skus' => 65535, 'omnibridge_category_keys' => 65535, 'omnibridge_parent_key' => 128,
    'omnibridge_currency' => 3, 'omnibridge_stock' => 65535, 'omnibridge_availability' => 16,
  ];
  foreach (OMNIBRIDGE_TYPES as $type) {
    foreach ($strings as $key => $max) {
      register_post_meta($type, $key, [
        'type' => 'string', 'single' => true, 'default' => '',
        'show_in_rest' => ['schema' => ['type' => 'string', 'maxLength' => $max]],
        'auth_callback' => fn () => current_user_can('edit_posts'),
      ]);
    }
    register_post_meta($type, 'omnibridge_price', [
      'type' => 'integer', 'single' => true, 'show_in_rest' => true,
      'auth_callback' => fn () => current_user_can('edit_posts'),
    ]);
  }
});

// Lookups by meta for idempotent writes (WordPress has no upsert): comma-separated values.
foreach (OMNIBRIDGE_TYPES as $type) {
  add_filter("rest_{$type}_query", function (array $args, WP_REST_Request $request) {
    foreach (['omnibridge_sku', 'omnibridge_key'] as $param) {
      $value = $request->get_param($param);
      if (!is_string($value) || $value === '') continue;
      $args['meta_query'] = $args['meta_query'] ?? [];
      $args['meta_query'][] = ['key' => $param, 'value' => array_map('trim', explode(',', $value)), 'compare' => 'IN'];
    }
    return $args;
  }, 10, 2);
}

// orderby=modified has ties within one second; add ID so pages over ties are stable.
add_filter('posts_orderby', function (string $orderby, WP_Query $query) {
  if (!defined('REST_REQUEST') || $query->get('orderby') !== 'modified') return $orderby;
  global $wpdb;
  $order = strtoupper($query->get('order')) === 'DESC' ? 'DESC' : 'ASC';
  return "{$wpdb->posts}.post_modified {$order}, {$wpdb->posts}.ID {$order}";
}, 10, 2);
