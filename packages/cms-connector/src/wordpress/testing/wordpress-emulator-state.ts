import type { WordpressMeta } from "../wordpress-api";

/** A stored post of any post type. */
export interface EmulatedPost {
  id: number;
  /** Post type (`post`, `page`, `omnibridge_product`, `omnibridge_category`). */
  type: string;
  status: string;
  slug: string;
  title: string;
  content: string;
  excerpt: string;
  dateGmt: string;
  /** Second precision, no zone, as WordPress stores `post_modified_gmt`. */
  modifiedGmt: string;
  meta: WordpressMeta;
}

/** REST base → post type, as the omnibridge mu-plugin registers them. */
export const COLLECTIONS: Record<string, string> = {
  posts: "post", pages: "page", "product-pages": "omnibridge_product", "category-pages": "omnibridge_category",
};

/** The meta keys the mu-plugin registers, with their defaults. */
export const META_DEFAULTS: Required<WordpressMeta> = {
  omnibridge_key: "", omnibridge_sku: "", omnibridge_type: "", omnibridge_locale: "", omnibridge_seo_title: "",
  omnibridge_seo_description: "", omnibridge_featured_image_url: "", omnibridge_linked_skus: "", omnibridge_category_keys: "",
  omnibridge_parent_key: "", omnibridge_currency: "", omnibridge_stock: "", omnibridge_availability: "", omnibridge_price: null,
  // wordpress/omnibridge-marketing.php
  omnibridge_promotion_key: "", omnibridge_campaign_key: "", omnibridge_reward: "", omnibridge_valid_from: "", omnibridge_valid_to: "",
  omnibridge_coupon_codes: "", omnibridge_channels: "", omnibridge_segment_keys: "", omnibridge_promotion_keys: "", omnibridge_utm_url: "",
};

/** The emulated site. */
export interface WordpressSiteState {
  posts: Map<number, EmulatedPost>;
  nextId: number;
  username: string;
  applicationPassword: string;
  /** Site URL (`home`): permalinks (`link`) start with it; set once the server listens. */
  baseUrl: string;
  /** Clock in WordPress's `Y-m-d\TH:i:s` GMT form. */
  now: () => string;
}

/** `2026-01-01T10:00:00` (seconds, no zone). */
export function wpTime(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 19);
}

/** An empty site with WordPress's "Hello world!" post. */
export function createSiteState(username: string, applicationPassword: string): WordpressSiteState {
  const state: WordpressSiteState = { posts: new Map(), nextId: 1, username, applicationPassword, baseUrl: "http://127.0.0.1", now: () => wpTime(new Date()) };
  const at = state.now();
  state.posts.set(1, {
    id: 1, type: "post", status: "publish", slug: "hello-world", title: "Hello world!", dateGmt: at, modifiedGmt: at, excerpt: "", meta: { ...META_DEFAULTS },
    content: "<!-- wp:paragraph -->\n<p>Welcome to WordPress. This is your first post. Edit or delete it, then start writing!</p>\n<!-- /wp:paragraph -->",
  });
  state.nextId = 2;
  return state;
}

/** A slug unique among the post type's other posts (`desk`, `desk-2`, …), as wp_unique_post_slug does. */
export function uniqueSlug(state: WordpressSiteState, type: string, wanted: string, id: number): string {
  const taken = (slug: string) => [...state.posts.values()].some((post) => post.type === type && post.id !== id && post.slug === slug);
  let slug = wanted;
  for (let n = 2; taken(slug); n++) slug = `${wanted}-${n}`;
  return slug;
}

/** A post as the REST API returns it with `context=edit`. */
export function restPost(post: EmulatedPost, base: string) {
  return {
    id: post.id, date: post.dateGmt, date_gmt: post.dateGmt, modified: post.modifiedGmt, modified_gmt: post.modifiedGmt,
    slug: post.slug, status: post.status, type: post.type, link: `${base}/${post.slug}/`,
    title: { raw: post.title, rendered: post.title }, content: { raw: post.content, rendered: post.content, protected: false },
    excerpt: { raw: post.excerpt, rendered: post.excerpt ? `<p>${post.excerpt}</p>\n` : "", protected: false },
    featured_media: 0, meta: { ...META_DEFAULTS, ...post.meta },
  };
}
