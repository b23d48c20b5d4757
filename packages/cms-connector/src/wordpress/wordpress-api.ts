import { z } from "zod";

/**
 * Raw WordPress REST payloads (wp/v2), minimal and tolerant. With `context=edit` the title,
 * content and excerpt carry `raw` besides `rendered`.
 * https://developer.wordpress.org/rest-api/reference/posts/#schema
 */
const renderedSchema = z.object({ raw: z.string().nullish(), rendered: z.string().nullish() }).partial().nullish();

/** `meta` as registered by the omnibridge mu-plugin (empty strings when unset). */
export const wordpressMetaSchema = z
  .object({
    omnibridge_key: z.string(),
    omnibridge_sku: z.string(),
    omnibridge_type: z.string(),
    omnibridge_locale: z.string(),
    omnibridge_seo_title: z.string(),
    omnibridge_seo_description: z.string(),
    omnibridge_featured_image_url: z.string(),
    omnibridge_linked_skus: z.string(),
    omnibridge_category_keys: z.string(),
    omnibridge_parent_key: z.string(),
    omnibridge_currency: z.string(),
    omnibridge_stock: z.string(),
    omnibridge_availability: z.string(),
    omnibridge_price: z.number().nullable(),
    // Marketing meta (promotion and campaign landing pages), registered by wordpress/omnibridge-marketing.php.
    omnibridge_promotion_key: z.string(),
    omnibridge_campaign_key: z.string(),
    omnibridge_reward: z.string(),
    omnibridge_valid_from: z.string(),
    omnibridge_valid_to: z.string(),
    omnibridge_coupon_codes: z.string(),
    omnibridge_channels: z.string(),
    omnibridge_segment_keys: z.string(),
    omnibridge_promotion_keys: z.string(),
    omnibridge_utm_url: z.string(),
  })
  .partial();
/** Registered meta of a post. */
export type WordpressMeta = z.infer<typeof wordpressMetaSchema>;

/** A post, page or custom post type item. */
export const wordpressPostSchema = z.object({
  id: z.number().int(),
  date_gmt: z.string().nullish(),
  modified_gmt: z.string(),
  slug: z.string(),
  status: z.string(),
  type: z.string(),
  link: z.string().nullish(),
  title: renderedSchema,
  content: renderedSchema,
  excerpt: renderedSchema,
  featured_media: z.number().nullish(),
  /** Term ids of the `category` taxonomy (posts only). */
  categories: z.array(z.number().int()).nullish(),
  // WordPress sends `[]` (an empty PHP array) when no meta is registered.
  meta: z.union([wordpressMetaSchema, z.array(z.unknown()).transform((): WordpressMeta => ({}))]).nullish(),
});
/** A post, page or custom post type item. */
export type WordpressPost = z.infer<typeof wordpressPostSchema>;

/** A collection page. */
export const wordpressPostListSchema = z.array(z.unknown());

/**
 * `{code, message, data:{status, params?, details?}, additional_errors?}` — a WP_Error as
 * `rest_convert_error_to_response()` sends it (WordPress 5.5+ adds `additional_errors`).
 */
export const wordpressErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z
    .object({ status: z.number().optional(), params: z.record(z.string(), z.string()).optional(), details: z.unknown().optional() })
    .passthrough()
    .nullish(),
  additional_errors: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()).nullish(),
});
/** A WordPress error body. */
export type WordpressError = z.infer<typeof wordpressErrorSchema>;

/**
 * One response in enveloped form: `?_envelope` answers every request this way with HTTP 200, and
 * `/batch/v1` lists one per request (`headers` is `[]` when empty — a PHP empty array).
 * https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/#_envelope
 */
export const wordpressEnvelopeSchema = z.object({ body: z.unknown(), status: z.number().int(), headers: z.unknown().optional() });

/**
 * `/batch/v1` answer (207 Multi-Status): `responses[]` in request order; with
 * `validation: "require-all-validate"` a failed validation sets `failed` and lists `null` for the
 * requests that were valid (none was run). https://make.wordpress.org/core/2020/11/20/rest-api-batch-framework-in-wordpress-5-6/
 */
export const wordpressBatchSchema = z.object({ failed: z.string().nullish(), responses: z.array(wordpressEnvelopeSchema.nullable()) });

/**
 * The `/batch/v1` route as the index describes it (`?_fields=routes./batch/v1`): present when the site
 * allows batching; `requests.maxItems` is its limit (25 unless a site filters `rest_get_max_batch_size`).
 * WordPress 6.1 lists the route with namespace "" (not under `namespaces`), so the route is what counts.
 * https://make.wordpress.org/core/2020/11/20/rest-api-batch-framework-in-wordpress-5-6/
 */
export const wordpressBatchIndexSchema = z.object({
  // No such route: `"routes": []` (PHP's empty array).
  routes: z.union([z.array(z.unknown()).transform(() => undefined), z.object({
    "/batch/v1": z.object({
      endpoints: z.array(z.object({
        args: z.object({
          requests: z.object({ maxItems: z.number().int().positive().nullish() }).passthrough().nullish(),
        }).passthrough().nullish(),
      }).passthrough()).nullish(),
    }).passthrough().nullish(),
  }).passthrough()]).nullish(),
}).passthrough();

/** The site index at `/wp-json/`. */
export const wordpressIndexSchema = z.object({ name: z.string().nullish(), namespaces: z.array(z.string()).nullish() }).passthrough();

/** `/wp/v2/users/me`. */
export const wordpressUserSchema = z.object({ id: z.number(), name: z.string().nullish(), slug: z.string().nullish() });

/** A media item (attachment); only its public URL is used. https://developer.wordpress.org/rest-api/reference/media/ */
export const wordpressMediaSchema = z.object({ id: z.number().int(), source_url: z.string() });

/** A taxonomy term. https://developer.wordpress.org/rest-api/reference/categories/ */
export const wordpressTermSchema = z.object({
  id: z.number().int(), slug: z.string(), name: z.string().nullish(), parent: z.number().nullish(),
});
