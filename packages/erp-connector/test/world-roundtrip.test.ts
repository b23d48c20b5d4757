import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import type { Company, ConnectorV1, Customer, Location, Order, Price, Promotion, StockLevel } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../src";
import { startOdooEmulator, type OdooEmulator } from "../src/testing";
import { readAll } from "./read-all";

// The strongest proof that seeding and mappers agree: what the world says Odoo holds, read
// back through the connector, equals the world's canonical records (for the fields Odoo holds).
const world = createWorld({ seed: 11, products: 40 });

const priceFields = (p: Price) => ({
  key: p.key, priceListKey: p.priceListKey, sku: p.sku, price: p.price, compareAt: p.compareAt ?? null, tiers: p.tiers,
  customerKey: p.customerKey ?? null, validFrom: p.validFrom ?? null, validTo: p.validTo ?? null,
});
const stockFields = (s: StockLevel) => ({
  key: s.key, sku: s.sku, locationKey: s.locationKey, onHand: s.onHand, reserved: s.reserved, available: s.available, incoming: s.incoming,
});
// Odoo has no "returned" state (a returned order is a delivered sale order) nor payment or promotion data.
const orderFields = (o: Order) => ({
  key: o.key, number: o.number, channel: o.channel, status: o.status === "returned" ? "fulfilled" : o.status, customerKey: o.customerKey ?? null,
  companyKey: o.companyKey ?? null, currency: o.currency, shipping: o.shipping, subtotal: o.subtotal, taxTotal: o.taxTotal, total: o.total,
  placedAt: o.placedAt, storeKey: o.storeKey ?? null,
  lines: o.lines.map((l) => ({
    lineKey: l.lineKey, sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount, tax: l.tax,
    taxRate: l.taxRate, total: l.total,
  })),
});
// Odoo's rules and rewards name variants (product.product): a family key reads back as its variants' SKUs,
// a free-product family as its first variant; name in the connector's locale; channels as a set.
const skusOf = new Map([...world.products()].map((p) => [p.key, p.variants.length ? p.variants.map((v) => v.sku) : [p.key]]));
const promotionFields = (p: Promotion) => ({
  key: p.key, name: p.name.en, kind: p.kind, couponCodes: p.couponCodes,
  minimumAmount: p.minimumAmount ?? null, minimumQuantity: p.minimumQuantity ?? null,
  reward: p.reward.type === "buy_x_get_y" ? { ...p.reward, getSkus: p.reward.getSkus.map((s) => skusOf.get(s)?.[0] ?? s) } : p.reward,
  skus: p.skus.flatMap((s) => skusOf.get(s) ?? [s]), categoryKeys: p.categoryKeys, channels: [...p.channels].sort(),
  validFrom: p.validFrom ?? null, validTo: p.validTo ?? null, status: p.status,
});
const locationFields = ({ key, type, clickAndCollect, countryCode }: Location) => ({ key, type, clickAndCollect, countryCode });
const companyFields = (c: Company) => ({ key: c.key, vatId: c.vatId, contactKeys: [...c.contactKeys].sort() });
const customerFields = (c: Customer) => ({ key: c.key, type: c.type, email: c.email, companyKey: c.companyKey ?? null });
const byKey = <T extends { key: string }>(items: Iterable<T>) => [...items].sort((a, b) => (a.key < b.key ? -1 : 1));

for (const version of [17, 18, 19] as const) describe(`world read back through the Odoo ${version} connector`, () => {
  let emulator: OdooEmulator;
  let connector: ConnectorV1;
  beforeAll(async () => {
    emulator = await startOdooEmulator({ world, version });
    connector = createOdooConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }) });
  });
  afterAll(async () => {
    await connector.close();
    await emulator.stop();
  });

  it("prices computed from pricelist rules equal the world's prices (list, sale, USD, B2B tiers, customer contracts)", async () => {
    const { items, issues } = await readAll(connector, "price", { pageSize: 40 });
    expect(issues).toEqual([]);
    expect(byKey(items).map(priceFields)).toEqual(byKey(world.prices()).map(priceFields));
    expect(items.some((p) => p.customerKey && p.validFrom)).toBe(true);
    expect(items.some((p) => p.compareAt)).toBe(true);
  });

  it("loyalty programs read back as the world's promotions: rewards, codes, minimums, products, channels, validity, status", async () => {
    const { items, issues } = await readAll(connector, "promotion", { pageSize: 4 });
    expect(issues).toEqual([]);
    expect(byKey(items).map(promotionFields)).toEqual(byKey(world.promotions()).map(promotionFields));
    expect(new Set(items.map((p) => p.reward.type))).toEqual(new Set(["percentage", "fixed_amount", "buy_x_get_y", "free_shipping"]));
    expect(items.some((p) => p.kind === "coupon") && items.some((p) => p.kind === "automatic")).toBe(true);
  });

  it("stock levels aggregated from quants and open receipts equal the world's stock levels", async () => {
    const { items, issues } = await readAll(connector, "stockLevel", { pageSize: 100 });
    expect(issues).toEqual([]);
    expect(byKey(items).map(stockFields)).toEqual(byKey(world.stockLevels()).map(stockFields));
  });

  it("sale orders with lines equal the world's orders, amounts exact in minor units", async () => {
    const { items, issues } = await readAll(connector, "order", { pageSize: 25 });
    expect(issues).toEqual([]);
    expect(byKey(items).map(orderFields)).toEqual(byKey(world.orders()).map(orderFields));
  });

  it("products, variants, categories, locations and partners keep the world's keys", async () => {
    const products = await readAll(connector, "product", { pageSize: 15 });
    const expected = byKey([...world.products()]).map((p) => ({
      key: p.key, gtin: p.gtin ?? null, categoryKeys: p.categoryKeys.slice(0, 1),
      variants: p.variants.map((v) => ({ sku: v.sku, gtin: v.gtin ?? null })),
    }));
    const actual = byKey(products.items.filter((p) => p.key !== "SHIPPING" && p.key !== "DISCOUNT")).map((p) => ({ key: p.key, gtin: p.gtin ?? null, categoryKeys: p.categoryKeys, variants: p.variants.map((v) => ({ sku: v.sku, gtin: v.gtin ?? null })) }));
    expect(actual).toEqual(expected);
    expect((await readAll(connector, "category")).items.map((c) => c.key).sort()).toEqual([...world.categories()].map((c) => c.key).sort());
    const locations = await readAll(connector, "location");
    expect(byKey(locations.items).map(locationFields)).toEqual(byKey(world.locations()).map(locationFields));
    expect((await readAll(connector, "priceList")).items.map((l) => l.key).sort()).toEqual([...world.priceLists()].map((l) => l.key).sort());
    const companies = await readAll(connector, "company");
    expect(byKey(companies.items).map(companyFields)).toEqual(byKey(world.companies()).map(companyFields));
    const customers = await readAll(connector, "customer", { pageSize: 30 });
    expect(byKey(customers.items).map(customerFields)).toEqual(byKey(world.customers()).map(customerFields));
  });
});
