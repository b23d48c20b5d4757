import type { EntityInputOf, EntityKind } from "../src";

const at = "2026-03-01T10:00:00.000Z";

/** One valid input record per entity kind; tests clone and break them one field at a time. */
export const validSamples: { [K in EntityKind]: EntityInputOf<K> } = {
  product: {
    key: "CHAIR-1",
    updatedAt: at,
    name: { en: "Chair", "de-DE": "Stuhl" },
    description: { en: "<p>Solid <b>oak</b> chair</p>" },
    gtin: "4006381333931",
    status: "active",
    categoryKeys: ["furniture/chairs"],
    attributes: { color: [{ type: "select", value: "oak" }], weight_net: [{ type: "measure", value: { value: 7.5, unit: "KILOGRAM" } }] },
    variants: [{ sku: "CHAIR-1-OAK", gtin: "96385074", optionValues: { color: "oak" } }],
    assets: [{ key: "chair-main", url: "https://cdn.example.com/chair.jpg", mimeType: "image/jpeg", role: "main" }],
    seo: { slug: "oak-chair" },
  },
  category: { key: "furniture/chairs", updatedAt: at, parentKey: "furniture", name: { en: "Chairs" }, position: 2 },
  attribute: {
    key: "color",
    updatedAt: at,
    type: "select",
    label: { en: "Colour" },
    options: [{ code: "oak", label: { en: "Oak" } }],
  },
  priceList: { key: "retail-eur", updatedAt: at, name: "Retail EUR", currency: "EUR", taxMode: "gross" },
  price: {
    key: "retail-eur/CHAIR-1",
    updatedAt: at,
    priceListKey: "retail-eur",
    sku: "CHAIR-1",
    price: { amount: 19_999, currency: "EUR" },
    compareAt: { amount: 24_999, currency: "EUR" },
    tiers: [{ minQuantity: 10, price: { amount: 17_999, currency: "EUR" } }],
    validFrom: "2026-01-01T00:00:00Z",
    validTo: "2026-12-31T23:59:59Z",
  },
  location: { key: "WH-1", updatedAt: at, name: "Main warehouse", type: "warehouse", countryCode: "DE" },
  stockLevel: { key: "CHAIR-1@WH-1", updatedAt: at, sku: "CHAIR-1", locationKey: "WH-1", onHand: 12, reserved: 2, available: 10 },
  customer: {
    key: "C-1001",
    updatedAt: at,
    type: "person",
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    locale: "en-GB",
    addresses: [{ street: "1 Main St", city: "London", countryCode: "GB" }],
    consent: { email: "granted", sms: "denied" },
    lifetime: { orderCount: 3, revenue: { amount: 59_997, currency: "EUR" } },
  },
  company: {
    key: "ACME",
    updatedAt: at,
    name: "ACME GmbH",
    vatId: "DE123456789",
    paymentTermsDays: 30,
    creditLimit: { amount: 1_000_000, currency: "EUR" },
    contactKeys: ["C-1001"],
  },
  order: {
    key: "SO-1",
    updatedAt: at,
    number: "SO-1",
    channel: "web",
    status: "confirmed",
    customerKey: "C-1001",
    currency: "EUR",
    lines: [
      { lineKey: "1", sku: "CHAIR-1", quantity: 2, unitPrice: { amount: 19_999, currency: "EUR" }, total: { amount: 39_998, currency: "EUR" } },
    ],
    shipping: { amount: 499, currency: "EUR" },
    subtotal: { amount: 39_998, currency: "EUR" },
    taxTotal: { amount: 6_386, currency: "EUR" },
    total: { amount: 40_497, currency: "EUR" },
    placedAt: at,
  },
  promotion: {
    key: "SPRING10",
    updatedAt: at,
    name: { en: "Spring sale" },
    kind: "coupon",
    couponCodes: ["SPRING10"],
    reward: { type: "percentage", percent: 10 },
    validFrom: "2026-03-01T00:00:00Z",
    validTo: "2026-03-31T23:59:59Z",
    status: "active",
  },
  campaign: {
    key: "spring-2026",
    updatedAt: at,
    name: "Spring 2026",
    status: "planned",
    startsAt: "2026-03-01T00:00:00Z",
    utm: { source: "newsletter", medium: "email", campaign: "spring-2026" },
    budget: { amount: 500_000, currency: "EUR" },
  },
  segment: {
    key: "loyal",
    updatedAt: at,
    name: "Loyal customers",
    purpose: "marketing",
    rules: [{ field: "lifetime.orderCount", op: "gte", value: 3 }],
  },
  contentEntry: {
    key: "story-oak",
    updatedAt: at,
    type: "product_story",
    locale: "en",
    title: "Why oak",
    slug: "why-oak",
    body: "<h2>Oak</h2><p>Lasts a lifetime.</p>",
    status: "published",
    linkedSkus: ["CHAIR-1"],
    featuredImageUrl: "https://cdn.example.com/oak.jpg",
  },
};

/**
 * A sample record as a test breaks it: any field, at any depth, may be read, overwritten with a value
 * of the wrong type or deleted. No static type describes such a record, so its fields are `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test records are broken field by field with wrong-typed values
export type LooseRecord = Record<string, any>;

/** A deep copy of the valid sample of `kind`, as a plain mutable object. */
export function sample(kind: EntityKind): LooseRecord {
  return structuredClone(validSamples[kind]) as LooseRecord;
}
