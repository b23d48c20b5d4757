import type { ContentEntry } from "@omnibridge/core-model";

/** A field definition the connector creates (CMA content type `fields[]`). */
export interface ContentfulFieldSpec {
  id: string;
  name: string;
  type: "Symbol" | "Text" | "Object" | "Array" | "Date" | "Integer";
  items?: { type: "Symbol" };
  localized: boolean;
  required: boolean;
}

const field = (id: string, type: ContentfulFieldSpec["type"], localized: boolean, required = false): ContentfulFieldSpec => ({
  id, name: id, type, localized, required, ...(type === "Array" ? { items: { type: "Symbol" as const } } : {}),
});

// Only `key` is required: an entry may exist in a single, non-default locale.
const common = [
  field("key", "Symbol", false, true), field("kind", "Symbol", false), field("locale", "Symbol", false),
  field("title", "Symbol", true), field("slug", "Symbol", true), field("body", "Text", true), field("excerpt", "Text", true),
  field("seoTitle", "Symbol", true), field("seoDescription", "Text", true), field("featuredImageUrl", "Symbol", false),
  field("linkedSkus", "Array", false), field("linkedCategoryKeys", "Array", false),
];

const marketing = [field("key", "Symbol", false, true), field("title", "Symbol", true), field("slug", "Symbol", true), field("status", "Symbol", false)];

/** The content types the connector creates or verifies, by id. */
export const CONTENT_TYPES = {
  productPage: {
    name: "Product page",
    fields: [...common, field("price", "Object", false), field("availability", "Object", false), field("offers", "Object", false)],
  },
  categoryPage: { name: "Category page", fields: [...common, field("parentKey", "Symbol", false)] },
  landingPage: { name: "Landing page", fields: [...common, field("promotionKey", "Symbol", false), field("campaignKey", "Symbol", false)] },
  promotion: {
    name: "Promotion",
    fields: [
      ...marketing, field("kind", "Symbol", false), field("rewardType", "Symbol", false), field("reward", "Object", false),
      field("rewardText", "Symbol", true), field("body", "Text", true), field("minimumAmount", "Object", false),
      field("minimumQuantity", "Integer", false), field("couponCodes", "Array", false), field("validFrom", "Date", false),
      field("validTo", "Date", false), field("linkedSkus", "Array", false), field("linkedCategoryKeys", "Array", false),
      field("channels", "Array", false), field("segmentKeys", "Array", false),
    ],
  },
  campaign: {
    name: "Campaign",
    fields: [
      ...marketing, field("startsAt", "Date", false), field("endsAt", "Date", false), field("channels", "Array", false),
      field("segmentKeys", "Array", false), field("promotionKeys", "Array", false), field("contentKeys", "Array", false),
      field("utm", "Object", false), field("budget", "Object", false), field("landingPageUrl", "Symbol", false),
    ],
  },
} as const;
/** Content type ids. */
export type ContentfulTypeId = keyof typeof CONTENT_TYPES;

/** The content type that holds a canonical content type. */
export function contentTypeFor(type: ContentEntry["type"]): ContentfulTypeId {
  return type === "product_page" ? "productPage" : type === "category_page" ? "categoryPage" : "landingPage";
}

/** The canonical content type of an entry of a content type (landing pages carry theirs in `kind`). */
export function canonicalTypeOf(contentType: string, kind: unknown): ContentEntry["type"] | undefined {
  if (contentType === "productPage") return "product_page";
  if (contentType === "categoryPage") return "category_page";
  if (contentType !== "landingPage") return undefined;
  return kind === "page" || kind === "product_story" || kind === "banner" ? kind : "landing_page";
}
