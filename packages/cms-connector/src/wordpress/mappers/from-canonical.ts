import type { Category, ContentEntry, Product } from "@omnibridge/core-model";
import { pickLocale, slugify } from "../../shared/slug";
import type { WordpressMeta } from "../wordpress-api";

/** The body of a create/update request for a post type item. */
export interface WordpressPostBody {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: "publish" | "draft";
  meta: WordpressMeta;
}

/** Key of the product page of a product (its SKU / model code). */
export const productPageKey = (sku: string) => `product-page:${sku}`;
/** Key of the category page of a category. */
export const categoryPageKey = (key: string) => `category-page:${key}`;

function plainExcerpt(html: string, max = 300): string {
  const plain = html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}

/** Product → product page: texts in the site's locale, SEO meta, SKU and featured image as meta. */
export function fromProduct(product: Product, locale: string): WordpressPostBody {
  const name = pickLocale(product.name, locale) ?? product.key;
  const description = pickLocale(product.description, locale) ?? "";
  const excerpt = pickLocale(product.seo?.description ?? undefined, locale) ?? plainExcerpt(description);
  const image = product.assets.find((asset) => asset.role === "main") ?? product.assets[0];
  return {
    title: name,
    content: description,
    excerpt,
    slug: product.seo?.slug ?? slugify(product.key),
    status: product.status === "active" ? "publish" : "draft",
    meta: {
      omnibridge_key: productPageKey(product.key),
      omnibridge_sku: product.key,
      omnibridge_type: "product_page",
      omnibridge_locale: locale,
      omnibridge_seo_title: pickLocale(product.seo?.title ?? undefined, locale) ?? name,
      omnibridge_seo_description: excerpt,
      omnibridge_featured_image_url: image?.url ?? "",
      omnibridge_linked_skus: product.variants.map((variant) => variant.sku).join(","),
      omnibridge_category_keys: product.categoryKeys.join(","),
    },
  };
}

/** Category → category page. */
export function fromCategory(category: Category, locale: string): WordpressPostBody {
  const name = pickLocale(category.name, locale) ?? category.key;
  return {
    title: name,
    content: "",
    excerpt: "",
    slug: slugify(category.key),
    status: "publish",
    meta: {
      omnibridge_key: categoryPageKey(category.key),
      omnibridge_type: "category_page",
      omnibridge_locale: locale,
      omnibridge_seo_title: name,
      omnibridge_parent_key: category.parentKey ?? "",
      omnibridge_category_keys: category.key,
    },
  };
}

/** ContentEntry (landing page, story, …) → post body, keyed by our meta key. */
export function fromContentEntry(entry: ContentEntry): WordpressPostBody {
  return {
    title: entry.title,
    content: entry.body,
    excerpt: entry.excerpt ?? "",
    slug: entry.slug,
    status: entry.status === "published" ? "publish" : "draft",
    meta: {
      omnibridge_key: entry.key,
      omnibridge_type: entry.type,
      omnibridge_locale: entry.locale,
      omnibridge_seo_title: entry.seo?.title ?? "",
      omnibridge_seo_description: entry.seo?.description ?? "",
      omnibridge_featured_image_url: entry.featuredImageUrl ?? "",
      omnibridge_linked_skus: entry.linkedSkus.join(","),
      omnibridge_category_keys: entry.linkedCategoryKeys.join(","),
      omnibridge_promotion_key: entry.promotionKey ?? "",
      omnibridge_campaign_key: entry.campaignKey ?? "",
    },
  };
}
