import { describe, expect, it } from "vitest";
import { contentEntrySchema } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { contentfulEntrySchema, contentfulSyncItemSchema, contentfulSyncPageSchema } from "../contentful-api";
import { entryIdFor, keyForEntryId } from "../contentful-ids";
import { toContentEntry, entryLocales } from "./to-content-entry";
import { contentEntryFields, productFields } from "./from-canonical";
import initial from "../__fixtures__/sync-initial-page.json";
import delta from "../__fixtures__/sync-delta-page.json";
import cmaEntry from "../__fixtures__/cma-entry.json";
import { landingPage, product } from "../../wordpress/wordpress-test-helpers";

const context = { system: "contentful", defaultLocale: "en-US" };
const items = (page: unknown) => contentfulSyncPageSchema.parse(page).items.map((raw) => contentfulSyncItemSchema.parse(raw));

describe("Contentful mappers", () => {
  it("maps a synced entry to one ContentEntry per locale, the primary keeping the key", () => {
    const item = items(initial)[0]!;
    expect(entryLocales(item, context)).toEqual({ primary: "en-US", locales: ["en-US", "de-DE"] });
    const en = contentEntrySchema.parse(toContentEntry(item, "en-US", context));
    const de = contentEntrySchema.parse(toContentEntry(item, "de-DE", context));
    expect(en).toMatchObject({ key: "spring-sale", type: "landing_page", title: "Spring sale", linkedSkus: ["SKU-1", "SKU-2"], campaignKey: "CMP-7", seo: { title: "Spring sale on desks" }, externalIds: { contentful: "spring-sale" } });
    expect(de).toMatchObject({ key: "spring-sale@de-DE", locale: "de-DE", title: "Frühjahrsaktion", slug: "fruehjahrsaktion", seo: null });
    expect(en.updatedAt).toBe("2026-03-02T10:30:00.000Z");
  });

  it("reports an entry of a foreign content type per record", () => {
    const item = items(initial)[1]!;
    const { items: mapped, issues } = mapRecords("contentEntry", [item], (raw) => toContentEntry(raw, "en-US", context), (raw) => raw.sys.id);
    expect(mapped).toEqual([]);
    expect(issues).toMatchObject([{ recordKey: "blog-post-1", field: "sys.contentType" }]);
  });

  it("maps a product page from a delta page and keeps DeletedEntry ids reversible", () => {
    const [page, deleted] = items(delta);
    expect(contentEntrySchema.parse(toContentEntry(page!, "en-US", context))).toMatchObject({ key: "product-page:SKU-1", type: "product_page" });
    expect(keyForEntryId(deleted!.sys.id)).toBe("summer-sale");
    expect(entryIdFor("product-page:SKU-1")).toBe("product-page.cSKU-1");
    expect(keyForEntryId(entryIdFor("a.b:c@d/e"))).toBe("a.b:c@d/e");
    expect(entryIdFor("Ünïcödé-key")).toMatch(/^h-[0-9a-f]{40}$/);
  });

  it("merges a localized write into the existing fields (the CMA does not merge)", () => {
    const existing = contentfulEntrySchema.parse(cmaEntry).fields;
    const fields = contentEntryFields(landingPage("spring-sale@de-DE", { locale: "de-DE", title: "Frühling" }), "en-US", existing);
    expect(fields.title).toEqual({ "en-US": "Spring sale", "de-DE": "Frühling" });
    expect(fields.key).toEqual({ "en-US": "spring-sale" });
  });

  it("writes a product page in every locale the product has a name in", () => {
    const fields = productFields(product("SKU-5"), ["en-US", "de-DE", "fr-FR"], "en-US");
    expect(Object.keys(fields.title!)).toEqual(["de-DE"]);
    const withEn = productFields(product("SKU-5", { name: { "en-US": "Desk", "de-DE": "Tisch" } }), ["en-US", "de-DE"], "en-US");
    expect(withEn.title).toEqual({ "en-US": "Desk", "de-DE": "Tisch" });
    expect(withEn.linkedSkus).toEqual({ "en-US": ["SKU-5"] });
  });

  it("writes the offers of a product page (price range, availability, a row per variant) and keeps them when a product has none", () => {
    const offers = [{ sku: "SKU-6", price: { amount: 4999, currency: "EUR" }, available: 2 }];
    const fields = productFields(product("SKU-6", { offers }), ["en-US"], "en-US");
    expect(fields.offers).toEqual({
      "en-US": {
        priceRange: { min: { amount: 4999, currency: "EUR" }, max: { amount: 4999, currency: "EUR" } }, availability: "in_stock",
        variants: [{ sku: "SKU-6", options: {}, price: { amount: 4999, currency: "EUR" }, available: 2, availability: "in_stock" }],
      },
    });
    expect(productFields(product("SKU-6"), ["en-US"], "en-US", fields).offers).toEqual(fields.offers);
  });
});

