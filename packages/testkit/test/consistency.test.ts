import { describe, expect, it } from "vitest";
import { createWorld } from "../src/index";

describe("cross-system consistency (seed 3, 3,000 products)", () => {
  const world = createWorld({ seed: 3, products: 3_000 });
  const skus = new Set(world.skus());
  const locations = new Set([...world.locations()].map((l) => l.key));
  const companies = new Map([...world.companies()].map((c) => [c.key, c]));
  const customers = new Map([...world.customers()].map((c) => [c.key, c]));

  it("every order line's SKU exists, parties exist and totals add up in minor units", () => {
    const channels = new Set<string>();
    for (const order of world.orders()) {
      channels.add(order.channel);
      for (const line of order.lines) {
        expect(skus.has(line.sku), `${order.key} ${line.sku}`).toBe(true);
        expect(line.total.amount).toBe(line.unitPrice.amount * line.quantity - (line.discount?.amount ?? 0));
      }
      if (order.customerKey) expect(customers.has(order.customerKey)).toBe(true);
      if (order.companyKey) expect(customers.get(order.customerKey!)?.companyKey).toBe(order.companyKey);
      if (order.storeKey) expect(locations.has(order.storeKey)).toBe(true);
      const subtotal = order.lines.reduce((sum, line) => sum + line.total.amount, 0);
      const tax = order.lines.reduce((sum, line) => sum + (line.tax?.amount ?? 0), 0);
      expect(order.subtotal.amount).toBe(subtotal);
      expect(order.taxTotal.amount).toBe(tax);
      expect(order.total.amount).toBe(subtotal + tax + (order.shipping?.amount ?? 0));
    }
    expect([...channels].sort()).toEqual(["b2b_portal", "edi", "marketplace", "store", "web"]);
  });

  it("every B2B contact's company exists and lists it; companies have 2–4 contacts", () => {
    let contacts = 0;
    for (const customer of customers.values()) {
      if (customer.type !== "contact") continue;
      contacts += 1;
      const company = companies.get(customer.companyKey!);
      expect(company, customer.key).toBeDefined();
      expect(company!.contactKeys).toContain(customer.key);
    }
    for (const company of companies.values()) {
      expect(company.contactKeys.length).toBeGreaterThanOrEqual(2);
      expect(company.contactKeys.length).toBeLessThanOrEqual(4);
      for (const key of company.contactKeys) expect(customers.get(key)?.companyKey).toBe(company.key);
    }
    expect(contacts).toBeGreaterThan(0);
  });

  it("stock only for existing SKUs and locations; every SKU stocked in both warehouses", () => {
    const warehouse = new Set<string>();
    for (const stock of world.stockLevels()) {
      expect(skus.has(stock.sku)).toBe(true);
      expect(locations.has(stock.locationKey)).toBe(true);
      if (stock.locationKey === "WH-DE-01") warehouse.add(stock.sku);
    }
    expect(warehouse.size).toBe(skus.size);
  });

  it("prices: retail EUR, retail USD and B2B (with tiers) for every SKU; contract prices for existing companies", () => {
    const perList = new Map<string, number>();
    for (const price of world.prices()) {
      expect(skus.has(price.sku)).toBe(true);
      if (price.customerKey) expect(companies.has(price.customerKey)).toBe(true);
      else perList.set(price.priceListKey, (perList.get(price.priceListKey) ?? 0) + 1);
      if (price.priceListKey === "b2b-eur" && !price.customerKey) expect(price.tiers.length).toBe(2);
    }
    expect(Object.fromEntries(perList)).toEqual({ "retail-eur": skus.size, "retail-usd": skus.size, "b2b-eur": skus.size });
  });

  it("content entries, promotions and categories reference existing records", () => {
    const categories = new Set([...world.categories()].map((c) => c.key));
    for (const category of world.categories()) if (category.parentKey) expect(categories.has(category.parentKey)).toBe(true);
    for (const product of world.products()) for (const key of product.categoryKeys) expect(categories.has(key)).toBe(true);
    for (const entry of world.contentEntries()) {
      expect(entry.linkedSkus.length).toBeGreaterThan(0);
      for (const sku of entry.linkedSkus) expect(skus.has(sku)).toBe(true);
    }
    const segments = new Set([...world.segments()].map((s) => s.key));
    for (const customer of customers.values()) for (const key of customer.segments) expect(segments.has(key)).toBe(true);
  });
});
