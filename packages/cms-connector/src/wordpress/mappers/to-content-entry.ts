import { contentEntrySchema, type ContentEntry, type EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { slugify } from "../../shared/slug";
import type { WordpressPost } from "../wordpress-api";
import { fallbackKey, gmtToIso, splitList, type WordpressMapContext } from "./wordpress-context";

const TYPES = new Set<string>(contentEntrySchema.shape.type.options);

/** Canonical key of a post: our meta key when omnibridge wrote it, else `wp-<type>-<id>`. */
export function wordpressKeyOf(post: WordpressPost): string {
  return post.meta?.omnibridge_key || fallbackKey(post.type, post.id);
}

function termSlugs(post: WordpressPost, context: WordpressMapContext): string[] {
  return (post.categories ?? []).flatMap((id) => {
    const slug = context.categorySlugs?.get(id);
    return slug ? [slug] : [];
  });
}

function statusOf(status: string): ContentEntry["status"] {
  if (status === "publish") return "published";
  if (status === "trash") return "archived";
  return "draft";
}

function text(field: WordpressPost["title"]): string {
  return field?.raw ?? field?.rendered ?? "";
}

/**
 * A post, page or product/category page (read with `context=edit`) → ContentEntry.
 * Linked SKUs come from `omnibridge_sku` and `omnibridge_linked_skus` meta.
 */
export function toContentEntry(post: WordpressPost, context: WordpressMapContext): EntityInputOf<"contentEntry"> {
  const meta = post.meta ?? {};
  const title = text(post.title).trim();
  if (!title) throw new MappingError("title", `${context.collection}/${post.id} has no title`);
  const type = meta.omnibridge_type && TYPES.has(meta.omnibridge_type) ? (meta.omnibridge_type as ContentEntry["type"]) : context.defaultType;
  const linkedSkus = [...new Set([meta.omnibridge_sku, ...splitList(meta.omnibridge_linked_skus)].filter((s): s is string => !!s))];
  const seo = meta.omnibridge_seo_title || meta.omnibridge_seo_description
    ? { title: meta.omnibridge_seo_title || null, description: meta.omnibridge_seo_description || null }
    : null;
  return {
    key: wordpressKeyOf(post),
    externalIds: { [context.system]: String(post.id) },
    updatedAt: gmtToIso(post.modified_gmt),
    type,
    locale: meta.omnibridge_locale || context.locale,
    title,
    // Drafts have no slug until published.
    slug: post.slug || slugify(title, `${post.type}-${post.id}`),
    body: text(post.content),
    excerpt: text(post.excerpt) || null,
    status: statusOf(post.status),
    linkedSkus,
    // Our meta first, then the slugs of the post's WordPress categories (taxonomy terms).
    linkedCategoryKeys: [...new Set([...splitList(meta.omnibridge_category_keys), ...termSlugs(post, context)])],
    seo,
    featuredImageUrl: meta.omnibridge_featured_image_url
      || (post.featured_media ? context.mediaUrls?.get(post.featured_media) : undefined)
      || null,
    promotionKey: meta.omnibridge_promotion_key || null,
    campaignKey: meta.omnibridge_campaign_key || null,
    publishedAt: post.status === "publish" && post.date_gmt ? gmtToIso(post.date_gmt) : null,
  };
}
