import { entitySchemas, orderSchema, type EntityKind, type Order } from "@omnibridge/core-model";
import { createMetricsCalculator } from "@omnibridge/segments";
import type { InvalidRecordInfo, World } from "@omnibridge/testkit";
import { expect } from "vitest";
import type { RunSummary } from "../../src/engine";

/** A record without bookkeeping members, for record-by-record comparison. */
export function business(record: Record<string, unknown>): Record<string, unknown> {
  const { externalIds: _e, updatedAt: _u, ...rest } = record;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/** The world's valid records of a kind, canonicalised (defaults applied), by key. */
export function validWorldRecords(world: World, entity: EntityKind): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const record of world.records(entity) as Iterable<Record<string, unknown>>) {
    const parsed = entitySchemas[entity].safeParse(record);
    if (parsed.success) out.set(String(record.key), business(parsed.data as Record<string, unknown>));
  }
  return out;
}

/**
 * The world's products as the shop pages show them: each with its `offers`, one per sellable SKU
 * (its variants' SKUs, else its own key), with the retail EUR price (no customer contract) and the
 * online warehouse's available units, from the world's valid records only (null where none).
 */
export function worldProductsWithOffers(world: World): Map<string, Record<string, unknown>> {
  const prices = new Map<string, unknown>();
  for (const price of validWorldRecords(world, "price").values()) {
    if (price.priceListKey === "retail-eur" && !price.customerKey) prices.set(String(price.sku), price.price);
  }
  const available = new Map<string, unknown>();
  for (const level of validWorldRecords(world, "stockLevel").values()) {
    if (level.locationKey === "WH-DE-01") available.set(String(level.sku), level.available);
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const [key, product] of validWorldRecords(world, "product")) {
    const variants = Array.isArray(product.variants) ? (product.variants as Array<{ sku: string }>) : [];
    const skus = variants.length > 0 ? variants.map((v) => v.sku) : [key];
    const offers = skus.map((sku) => ({ sku, price: prices.get(sku) ?? null, available: available.get(sku) ?? null }));
    out.set(key, { ...product, offers });
  }
  return out;
}

/**
 * Lifetime figures per customer/company straight from the world's orders, by the segment
 * engine's one CLV definition (counted orders only, totals in the reporting currency; a party
 * with an order that cannot be valued gets none), independent of the engine's golden records.
 */
export function worldLifetimes(world: World, party: "customerKey" | "companyKey", valuation = { reportingCurrency: "EUR", rates: {} }): Map<string, { orderCount: number; revenue: number; currency: string }> {
  const groups = new Map<string, Order[]>();
  for (const order of world.orders()) {
    const key = order[party];
    const parsed = orderSchema.safeParse(order);
    if (!key || !parsed.success) continue;
    groups.set(key, [...(groups.get(key) ?? []), parsed.data]);
  }
  const calculator = createMetricsCalculator(valuation);
  const out = new Map<string, { orderCount: number; revenue: number; currency: string }>();
  for (const [key, orders] of groups) {
    try {
      const metrics = calculator.compute(key, party === "companyKey", orders, "2026-06-30T00:00:00.000Z");
      out.set(key, { orderCount: metrics.orderCount, revenue: metrics.revenue.amount, currency: metrics.revenue.currency });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return out;
}

/**
 * Check every deliberately broken world record: rejected ones are read-stage dead letters naming
 * the record (or `key` when it has none); markup ones ("script tag") flow cleaned with a warning
 * (issue 18 #1: the canonical schema sanitises instead of rejecting).
 */
export function expectBrokenRecordsHandled(
  invalid: readonly InvalidRecordInfo[], summary: Pick<RunSummary, "deadLetters" | "warnings">,
): void {
  const letters = summary.deadLetters.filter((l) => l.stage === "read");
  const cleaned = invalid.filter((info) => info.problem === "script tag");
  for (const info of invalid.filter((i) => !cleaned.includes(i))) {
    const letter = letters.find((l) => l.entity === info.entity && (info.field === "key" ? l.field === "key" : l.recordKey === info.key));
    expect(letter, `${info.entity} ${info.key} (${info.problem})`).toBeDefined();
    expect(letter!.message.length).toBeGreaterThan(0);
  }
  for (const info of cleaned) {
    expect(letters.some((l) => l.entity === info.entity && l.recordKey === info.key), `${info.key} cleaned, not dead-lettered`).toBe(false);
  }
  expect(summary.warnings.count).toBeGreaterThanOrEqual(cleaned.length);
  const warned = new Set(summary.warnings.examples.map((w) => w.recordKey));
  if (cleaned.length > 0 && summary.warnings.examples.length < 50) {
    for (const info of cleaned) expect(warned.has(info.key), `${info.key} warned`).toBe(true);
  }
}
