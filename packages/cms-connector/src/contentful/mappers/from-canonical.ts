import type { Category, ContentEntry, Product } from "@omnibridge/core-model";
import { slugify } from "../../shared/slug";
import type { ContentfulFields } from "../contentful-api";
import { offerSummary } from "../../shared/mappers/offers";

/** Key of the product page of a product, shared with the WordPress adapter. */
export const productPageKey = (sku: string) => `product-page:${sku}`;
/** Key of the category page of a category. */
export const categoryPageKey = (key: string) => `category-page:${key}`;

/** The base key of a content entry: a `@<locale>` suffix of its own locale is dropped. */
export function baseKeyOf(entry: Pick<ContentEntry, "key" | "locale">): string {
  const suffix = `@${entry.locale}`;
  return entry.key.endsWith(suffix) ? entry.key.slice(0, -suffix.length) : entry.key;
}

type Value = unknown;
/** Set a value: localized fields by locale, others under the default locale (as the CMA wants). */
function put(fields: ContentfulFields, id: string, locale: string, value: Value): void {
  if (value === undefined || value === null || value === "") {
    if (fields[id]) delete fields[id]![locale];
    if (fields[id] && Object.keys(fields[id]!).length === 0) delete fields[id];
    return;
  }
  fields[id] = { ...fields[id], [locale]: value };
}

/** Fields of a content entry in its own locale, merged into the existing ones (the CMA does not merge). */
export function contentEntryFields(entry: ContentEntry, main: string, existing: ContentfulFields = {}): ContentfulFields {
  const fields = structuredClone(existing);
  const locale = entry.locale;
  put(fields, "key", main, baseKeyOf(entry));
  put(fields, "kind", main, entry.type);
  put(fields, "locale", main, (existing.locale?.[main] as string | undefined) ?? locale);
  for (const [id, value] of [["title", entry.title], ["slug", entry.slug], ["body", entry.body], ["excerpt", entry.excerpt], ["seoTitle", entry.seo?.title], ["seoDescription", entry.seo?.description]] as const) {
    put(fields, id, locale, value);
  }
  put(fields, "featuredImageUrl", main, entry.featuredImageUrl);
  put(fields, "linkedSkus", main, entry.linkedSkus.length ? entry.linkedSkus : undefined);
  put(fields, "linkedCategoryKeys", main, entry.linkedCategoryKeys.length ? entry.linkedCategoryKeys : undefined);
  if (entry.type === "landing_page" || entry.type === "page" || entry.type === "banner" || entry.type === "product_story") {
    put(fields, "promotionKey", main, entry.promotionKey);
    put(fields, "campaignKey", main, entry.campaignKey);
  }
  return fields;
}

/**
 * Fields of a product page in every locale the product has a name in (price/availability kept).
 * A product carrying offers (issue 19) fills `offers`: the price range, overall availability and a
 * row per variant (SKU, option values, price, available units, availability); without offers the
 * field is kept as it is.
 */
export function productFields(
  product: Product,
  locales: readonly string[],
  main: string,
  existing: ContentfulFields = {},
): ContentfulFields {
  const fields = structuredClone(existing);
  put(fields, "key", main, productPageKey(product.key));
  put(fields, "kind", main, "product_page");
  put(fields, "locale", main, main);
  for (const locale of locales) {
    const name = product.name[locale];
    const description = product.description[locale];
    put(fields, "title", locale, name);
    put(fields, "slug", locale, name === undefined ? undefined : product.seo?.slug ?? slugify(product.key));
    put(fields, "body", locale, description);
    put(fields, "seoTitle", locale, product.seo?.title?.[locale] ?? name);
    put(fields, "seoDescription", locale, product.seo?.description?.[locale]);
  }
  const image = product.assets.find((asset) => asset.role === "main") ?? product.assets[0];
  put(fields, "featuredImageUrl", main, image?.url);
  put(fields, "linkedSkus", main, [product.key, ...product.variants.map((variant) => variant.sku)]);
  put(fields, "linkedCategoryKeys", main, product.categoryKeys.length ? product.categoryKeys : undefined);
  const offers = offerSummary(product);
  if (offers) put(fields, "offers", main, { priceRange: offers.priceRange, availability: offers.availability, variants: offers.rows });
  return fields;
}

/** Fields of a category page. */
export function categoryFields(
  category: Category,
  locales: readonly string[],
  main: string,
  existing: ContentfulFields = {},
): ContentfulFields {
  const fields = structuredClone(existing);
  put(fields, "key", main, categoryPageKey(category.key));
  put(fields, "kind", main, "category_page");
  put(fields, "locale", main, main);
  for (const locale of locales) {
    put(fields, "title", locale, category.name[locale]);
    put(fields, "slug", locale, category.name[locale] === undefined ? undefined : slugify(category.key));
  }
  put(fields, "linkedCategoryKeys", main, [category.key]);
  put(fields, "parentKey", main, category.parentKey);
  return fields;
}
