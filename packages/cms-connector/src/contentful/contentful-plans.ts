import type { Campaign, Category, ContentEntry, EntityKind, Price, Product, Promotion, StockLevel } from "@omnibridge/core-model";
import { campaignPhase, landingUrlOf, promotionPhase } from "../shared/marketing-text";
import { contentTypeFor } from "./contentful-content-types";
import type { EntryUpsert } from "./writes/contentful-writer";
import { campaignEntryKey, campaignFields, promotionEntryKey, promotionFields } from "./mappers/from-marketing";
import { baseKeyOf, categoryFields, categoryPageKey, contentEntryFields, productFields, productPageKey } from "./mappers/from-canonical";

/** Builds the upsert of one validated record, given the default locale and the locales to write. */
export type EntryPlan = (record: never, main: string, locales: string[]) => EntryUpsert;

const missing = (sku: string) => ({ field: "sku", message: `no product page with SKU ${sku}` });

/** How each writable kind becomes an entry upsert. Price and stock only touch an existing product page. */
export const ENTRY_PLANS: Partial<Record<EntityKind, EntryPlan>> = {
  product: (p: Product, main, locales) => ({
    key: p.key, idKey: productPageKey(p.key), contentType: "productPage", publish: p.status === "active", build: (f) => productFields(p, locales, main, f),
  }),
  category: (c: Category, main, locales) => ({
    key: c.key, idKey: categoryPageKey(c.key), contentType: "categoryPage", publish: true, build: (f) => categoryFields(c, locales, main, f),
  }),
  contentEntry: (e: ContentEntry, main) => ({
    key: e.key, idKey: baseKeyOf(e), contentType: contentTypeFor(e.type), publish: e.status === "published", build: (f) => contentEntryFields(e, main, f),
  }),
  // Published while live, a draft while pending, unpublished and archived once ended.
  promotion: (p: Promotion, main, locales) => ({
    key: p.key, idKey: promotionEntryKey(p.key), contentType: "promotion", publish: promotionPhase(p, new Date()) === "live",
    archive: promotionPhase(p, new Date()) === "ended", build: () => promotionFields(p, locales, main),
  }),
  campaign: (c: Campaign, main, locales) => ({
    key: c.key, idKey: campaignEntryKey(c.key), contentType: "campaign", publish: campaignPhase(c) === "live",
    archive: campaignPhase(c) === "ended", build: () => campaignFields(c, locales, main, landingUrlOf(c)),
  }),
  price: (p: Price, main) => ({
    key: p.key, idKey: productPageKey(p.sku), contentType: "productPage", publish: "keep", mustExist: missing(p.sku),
    build: (f) => ({ ...f, price: { [main]: { amount: p.price.amount, currency: p.price.currency, priceListKey: p.priceListKey } } }),
  }),
  stockLevel: (s: StockLevel, main) => ({
    key: s.key, idKey: productPageKey(s.sku), contentType: "productPage", publish: "keep", mustExist: missing(s.sku),
    build: (f) => ({
      ...f,
      availability: { [main]: { ...(f?.availability?.[main] as object | undefined), [s.locationKey]: s.available } },
    }),
  }),
};

/** The id key of an archived record: product and category pages have their own keys. */
export function archiveIdKey(entity: EntityKind, key: string): string | undefined {
  if (entity === "product") return productPageKey(key);
  if (entity === "category") return categoryPageKey(key);
  if (entity === "promotion") return promotionEntryKey(key);
  if (entity === "campaign") return campaignEntryKey(key);
  return entity === "contentEntry" ? key : undefined;
}
