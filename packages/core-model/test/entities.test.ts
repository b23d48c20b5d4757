import { describe, expect, it } from "vitest";
import { entityKinds, entitySchemas, isValidGtin, stockLevelKey, type EntityKind } from "../src";
import { sample, validSamples, type LooseRecord } from "./fixtures";

type Breaker = (record: LooseRecord) => void;
/**
 * [entity, what is wrong, how to break the valid sample, dotted path the error must name]. Unsafe markup
 * is removed rather than rejected: those cases live in rich-text.test.ts.
 */
const invalid: [EntityKind, string, Breaker, string][] = [
  ["product", "bad GTIN check digit", (r) => { r.gtin = "4006381333932"; }, "gtin"],
  ["product", "GTIN of 11 digits", (r) => { r.gtin = "40063813339"; }, "gtin"],
  ["product", "bad variant GTIN", (r) => { r.variants[0].gtin = "96385075"; }, "variants.0.gtin"],
  ["product", "broken locale key in name", (r) => { r.name = { en_US: "Chair" }; }, "name.en_US"],
  ["product", "no locale in name", (r) => { r.name = {}; }, "name"],
  ["product", "oversize name", (r) => { r.name = { en: "x".repeat(256) }; }, "name.en"],
  ["product", "unknown status", (r) => { r.status = "live"; }, "status"],
  ["product", "empty key", (r) => { r.key = ""; }, "key"],
  ["product", "key with a space", (r) => { r.key = "CHAIR 1"; }, "key"],
  ["product", "non-http asset URL", (r) => { r.assets[0].url = "javascript:alert(1)"; }, "assets.0.url"],
  ["product", "bad SEO slug", (r) => { r.seo.slug = "Oak Chair"; }, "seo.slug"],
  ["product", "updatedAt without offset", (r) => { r.updatedAt = "2026-03-01 10:00"; }, "updatedAt"],
  ["product", "upper-case system id in externalIds", (r) => { r.externalIds = { Odoo: "42" }; }, "externalIds.Odoo"],
  ["product", "attribute value of wrong type", (r) => { r.attributes.color = [{ type: "number", value: "oak" }]; }, "attributes.color.0.value"],
  ["category", "broken locale key", (r) => { r.name = { EN: "Chairs" }; }, "name.EN"],
  ["category", "negative position", (r) => { r.position = -1; }, "position"],
  ["category", "missing parentKey", (r) => { delete r.parentKey; }, "parentKey"],
  ["attribute", "unknown type", (r) => { r.type = "color"; }, "type"],
  ["attribute", "option without code", (r) => { r.options[0].code = ""; }, "options.0.code"],
  ["priceList", "bad currency code", (r) => { r.currency = "EURO"; }, "currency"],
  ["priceList", "lower-case currency code", (r) => { r.currency = "eur"; }, "currency"],
  ["priceList", "unknown tax mode", (r) => { r.taxMode = "mixed"; }, "taxMode"],
  ["price", "validTo before validFrom", (r) => { r.validTo = "2025-12-31T00:00:00Z"; }, "validTo"],
  ["price", "validTo before validFrom across offsets", (r) => { r.validFrom = "2026-01-01T08:00:00Z"; r.validTo = "2026-01-01T09:30:00+02:00"; }, "validTo"],
  ["price", "fractional minor units", (r) => { r.price.amount = 199.99; }, "price.amount"],
  ["price", "bad currency code", (r) => { r.price.currency = "XXY"; }, "price.currency"],
  ["price", "tier in another currency", (r) => { r.tiers[0].price.currency = "USD"; }, "tiers.0.price.currency"],
  ["price", "compareAt in another currency", (r) => { r.compareAt.currency = "USD"; }, "compareAt.currency"],
  ["price", "zero tier quantity", (r) => { r.tiers[0].minQuantity = 0; }, "tiers.0.minQuantity"],
  ["location", "country not alpha-2", (r) => { r.countryCode = "DEU"; }, "countryCode"],
  ["location", "unknown type", (r) => { r.type = "shop"; }, "type"],
  ["stockLevel", "key with a space", (r) => { r.key = "CHAIR-1 @WH-1"; }, "key"],
  ["stockLevel", "negative stock", (r) => { r.onHand = -1; }, "onHand"],
  ["stockLevel", "negative reserved", (r) => { r.reserved = -3; }, "reserved"],
  ["stockLevel", "available above onHand", (r) => { r.available = 13; }, "available"],
  ["stockLevel", "NaN onHand", (r) => { r.onHand = Number.NaN; }, "onHand"],
  ["customer", "bad email", (r) => { r.email = "ada-at-example"; }, "email"],
  ["customer", "broken locale", (r) => { r.locale = "en_GB"; }, "locale"],
  ["customer", "address without country", (r) => { delete r.addresses[0].countryCode; }, "addresses.0.countryCode"],
  ["customer", "unknown consent value", (r) => { r.consent.email = "yes"; }, "consent.email"],
  ["customer", "lifetime revenue in a bad currency", (r) => { r.lifetime.revenue.currency = "E"; }, "lifetime.revenue.currency"],
  ["company", "empty name", (r) => { r.name = ""; }, "name"],
  ["company", "negative payment terms", (r) => { r.paymentTermsDays = -5; }, "paymentTermsDays"],
  ["company", "oversize VAT id", (r) => { r.vatId = "D".repeat(33); }, "vatId"],
  ["order", "line total in another currency", (r) => { r.lines[0].total.currency = "USD"; }, "lines.0.total.currency"],
  ["order", "line unit price in another currency", (r) => { r.lines[0].unitPrice.currency = "USD"; }, "lines.0.unitPrice.currency"],
  ["order", "shipping in another currency", (r) => { r.shipping.currency = "GBP"; }, "shipping.currency"],
  ["order", "discount in another currency", (r) => { r.discounts = [{ code: "X", amount: { amount: 100, currency: "USD" } }]; }, "discounts.0.amount.currency"],
  ["order", "line tax in another currency", (r) => { r.lines[0].tax = { amount: 100, currency: "CHF" }; }, "lines.0.tax.currency"],
  ["order", "order total in another currency", (r) => { r.total.currency = "USD"; }, "total.currency"],
  ["order", "no lines", (r) => { r.lines = []; }, "lines"],
  ["order", "zero quantity", (r) => { r.lines[0].quantity = 0; }, "lines.0.quantity"],
  ["order", "unknown channel", (r) => { r.channel = "fax"; }, "channel"],
  ["order", "missing placedAt", (r) => { delete r.placedAt; }, "placedAt"],
  ["promotion", "coupon promotion without codes", (r) => { r.couponCodes = []; }, "couponCodes"],
  ["promotion", "validTo before validFrom", (r) => { r.validTo = "2026-02-01T00:00:00Z"; }, "validTo"],
  ["promotion", "percentage above 100", (r) => { r.reward = { type: "percentage", percent: 150 }; }, "reward.percent"],
  ["promotion", "non-positive fixed amount", (r) => { r.reward = { type: "fixed_amount", amount: { amount: 0, currency: "EUR" } }; }, "reward.amount"],
  ["promotion", "oversize coupon code", (r) => { r.couponCodes = ["C".repeat(65)]; }, "couponCodes.0"],
  ["campaign", "endsAt not a timestamp", (r) => { r.endsAt = "next week"; }, "endsAt"],
  ["campaign", "bad budget currency", (r) => { r.budget.currency = "ABC"; }, "budget.currency"],
  ["campaign", "empty UTM source", (r) => { r.utm.source = ""; }, "utm.source"],
  ["segment", "rule on a non-path field", (r) => { r.rules[0].field = "lifetime..orderCount"; }, "rules.0.field"],
  ["segment", "unknown operator", (r) => { r.rules[0].op = "like"; }, "rules.0.op"],
  ["contentEntry", "oversize title", (r) => { r.title = "t".repeat(256); }, "title"],
  ["contentEntry", "oversize excerpt", (r) => { r.excerpt = "e".repeat(2_001); }, "excerpt"],
  ["contentEntry", "bad slug", (r) => { r.slug = "why oak"; }, "slug"],
  ["contentEntry", "broken locale", (r) => { r.locale = "english"; }, "locale"],
  ["contentEntry", "non-http featured image", (r) => { r.featuredImageUrl = "ftp://cdn.example.com/oak.jpg"; }, "featuredImageUrl"],
];

function paths(kind: EntityKind, record: unknown): string[] {
  const result = entitySchemas[kind].safeParse(record);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join("."));
}

describe("entity schemas: valid samples", () => {
  it("has a sample for every entity kind", () => {
    expect(Object.keys(validSamples).sort()).toEqual([...entityKinds].sort());
  });

  it.each(entityKinds)("%s sample parses and keeps its key", (kind) => {
    const result = entitySchemas[kind].safeParse(sample(kind));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(result.data?.key).toBe(validSamples[kind].key);
  });

  it("applies defaults (externalIds, arrays, consent)", () => {
    const customer = entitySchemas.customer.parse({ key: "C-2", updatedAt: "2026-01-01T00:00:00Z", type: "person", lastName: "X" });
    expect(customer).toMatchObject({ externalIds: {}, roles: [], addresses: [], segments: [], consent: { email: "unknown", sms: "unknown" } });
  });

  it("accepts the same instant written with different offsets for validFrom/validTo", () => {
    const price = sample("price");
    price.validFrom = "2026-01-01T10:00:00+02:00";
    price.validTo = "2026-01-01T09:00:00Z";
    expect(paths("price", price)).toEqual([]);
  });

  it("accepts an automatic promotion without codes", () => {
    const promotion = sample("promotion");
    promotion.kind = "automatic";
    promotion.couponCodes = [];
    expect(paths("promotion", promotion)).toEqual([]);
  });

  it("accepts plain prose that mentions scripts and events", () => {
    const product = sample("product");
    product.description = { en: "A description about the online store and script writing; <b>bold</b>" };
    expect(paths("product", product)).toEqual([]);
  });
});

describe("entity schemas: invalid samples name the field", () => {
  it("covers every entity kind", () => {
    expect(new Set(invalid.map(([kind]) => kind))).toEqual(new Set(entityKinds));
  });

  const cases = invalid.map(([kind, what, breakIt, path]) => ({ kind, what, breakIt, path }));
  it.each(cases)("$kind: $what fails at $path", ({ kind, breakIt, path }) => {
    const record = sample(kind);
    breakIt(record);
    expect(paths(kind, record)).toContain(path);
  });
});

describe("GTIN", () => {
  it.each(["96385074", "036000291452", "4006381333931", "10012345678902"])("%s is valid", (code) => {
    expect(isValidGtin(code)).toBe(true);
  });
  it.each(["96385073", "036000291453", "4006381333930", "10012345678901", "40063813339x1", ""])("%s is invalid", (code) => {
    expect(isValidGtin(code)).toBe(false);
  });
});

describe("stockLevelKey", () => {
  it("joins SKU and location with @", () => {
    expect(stockLevelKey("CHAIR-1", "WH-1")).toBe(validSamples.stockLevel.key);
  });
});
