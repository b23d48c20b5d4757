import type { Category, ContentEntry, Product } from "@omnibridge/core-model";
import { cmsMarkup, plainExcerpt, type CmsMarkup } from "../../shared/cms-markup";
import { pickLocale, slugify } from "../../shared/slug";
import type { WordpressMeta } from "../wordpress-api";
import { offerSummary } from "../../shared/mappers/offers";
import { offersHtml, offersMeta } from "./offers-table";

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

/** Dotted path of the localized value `pickLocale` takes (`description.de-DE`, or the first locale it falls back to). */
function localePath(name: string, values: Record<string, string> | null | undefined, locale: string): string {
  return `${name}.${values && values[locale] === undefined ? (Object.keys(values)[0] ?? locale) : locale}`;
}

/**
 * Product → product page: texts in the site's locale, SEO meta, SKU and featured image as meta.
 * WordPress renders title, content and excerpt as HTML (and stores an administrator's markup
 * unfiltered): the description keeps allowlisted markup only, titles and meta texts none;
 * `markup` collects a warning per field it changed. A product carrying offers (issue 19) gets the
 * price range and a row per variant after its description, and its lowest price and availability
 * as meta; without offers the page keeps the price and stock meta it has.
 */
export function fromProduct(product: Product, locale: string, markup: CmsMarkup = cmsMarkup(product.key)): WordpressPostBody {
  const name = markup.plain(localePath("name", product.name, locale), pickLocale(product.name, locale) ?? product.key);
  const description = markup.rich(localePath("description", product.description, locale), pickLocale(product.description, locale) ?? "");
  const seoDescription = pickLocale(product.seo?.description ?? undefined, locale);
  const excerpt = seoDescription === undefined ? plainExcerpt(description) : markup.plain(localePath("seo.description", product.seo?.description, locale), seoDescription);
  const seoTitle = pickLocale(product.seo?.title ?? undefined, locale);
  const image = product.assets.find((asset) => asset.role === "main") ?? product.assets[0];
  const offers = offerSummary(product);
  return {
    title: name,
    content: offers ? `${description}\n${offersHtml(offers)}` : description,
    excerpt,
    slug: product.seo?.slug ?? slugify(product.key),
    status: product.status === "active" ? "publish" : "draft",
    meta: {
      omnibridge_key: productPageKey(product.key),
      omnibridge_sku: product.key,
      omnibridge_type: "product_page",
      omnibridge_locale: locale,
      omnibridge_seo_title: seoTitle === undefined ? name : markup.plain(localePath("seo.title", product.seo?.title, locale), seoTitle),
      omnibridge_seo_description: excerpt,
      omnibridge_featured_image_url: image?.url ?? "",
      omnibridge_linked_skus: product.variants.map((variant) => variant.sku).join(","),
      omnibridge_category_keys: product.categoryKeys.join(","),
      ...(offers ? offersMeta(offers) : {}),
    },
  };
}

/** Category → category page (the name as plain text, see {@link fromProduct}). */
export function fromCategory(category: Category, locale: string, markup: CmsMarkup = cmsMarkup(category.key)): WordpressPostBody {
  const name = markup.plain(localePath("name", category.name, locale), pickLocale(category.name, locale) ?? category.key);
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

/** ContentEntry (landing page, story, …) → post body, keyed by our meta key (markup as in {@link fromProduct}). */
export function fromContentEntry(entry: ContentEntry, markup: CmsMarkup = cmsMarkup(entry.key)): WordpressPostBody {
  return {
    title: markup.plain("title", entry.title),
    content: markup.rich("body", entry.body),
    excerpt: markup.rich("excerpt", entry.excerpt ?? ""),
    slug: entry.slug,
    status: entry.status === "published" ? "publish" : "draft",
    meta: {
      omnibridge_key: entry.key,
      omnibridge_type: entry.type,
      omnibridge_locale: entry.locale,
      omnibridge_seo_title: markup.plain("seo.title", entry.seo?.title ?? ""),
      omnibridge_seo_description: markup.plain("seo.description", entry.seo?.description ?? ""),
      omnibridge_featured_image_url: entry.featuredImageUrl ?? "",
      omnibridge_linked_skus: entry.linkedSkus.join(","),
      omnibridge_category_keys: entry.linkedCategoryKeys.join(","),
      omnibridge_promotion_key: entry.promotionKey ?? "",
      omnibridge_campaign_key: entry.campaignKey ?? "",
    },
  };
}
