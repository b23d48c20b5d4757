import type { StockLevel, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { z } from "zod";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { productsByNumber, type ExistingProduct } from "./shopware-lookup";
import { syncRecords, type SyncItem, type SyncRow } from "./shopware-sync-batch";
import { mappingFailure } from "./write-products";

/** Custom field holding the per-location figures behind Shopware's single stock number. */
export const STOCK_FIELD = "omnibridge_stock";
const OP = "omnibridge-stock";
const perLocationSchema = z.record(z.string(), z.number());

/** One shared payload per product: the location figures merged across the batch, `stock` their sum. */
function payloadFor(product: ExistingProduct, payloads: Map<string, Record<string, unknown>>, counted: (location: string) => boolean) {
  let payload = payloads.get(product.id);
  if (!payload) {
    const custom = product.raw.customFields ?? {};
    const parsed = perLocationSchema.safeParse(custom[STOCK_FIELD]);
    payload = { id: product.id, customFields: { ...custom, [STOCK_FIELD]: parsed.success ? { ...parsed.data } : {} } };
    payloads.set(product.id, payload);
  }
  const figures = (payload.customFields as Record<string, Record<string, number>>)[STOCK_FIELD]!;
  return {
    payload,
    set(location: string, available: number) {
      figures[location] = available;
      payload.stock = Object.entries(figures).filter(([key]) => counted(key)).reduce((sum, [, value]) => sum + value, 0);
    },
  };
}

/**
 * Write stock levels. Shopware core keeps one `stock` per product (no locations), so the connector keeps
 * each location's available quantity in the product's custom field `omnibridge_stock` and writes their
 * sum — over `settings.stockLocationKeys`, or over every location when none are configured — as `stock`.
 * A location outside the configured ones fails, naming `locationKey`: it does not feed the shop.
 * https://shopware.stoplight.io/docs/admin-api/ (bulk-payloads.md, "Update product stocks")
 */
export async function writeStock(
  client: ShopwareClient, context: ShopwareMapContext, records: readonly StockLevel[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const allowed = context.settings.stockLocationKeys ? new Set(context.settings.stockLocationKeys) : undefined;
  const counted = (location: string) => !allowed || allowed.has(location);
  const existing = await productsByNumber(client, records.map((r) => r.sku), signal);
  const payloads = new Map<string, Record<string, unknown>>();
  const failed = new Map<string, WriteOutcome>();
  const items: SyncItem[] = [];
  for (const level of records) {
    try {
      if (!counted(level.locationKey)) throw new MappingError("locationKey", `${level.locationKey} is not one of settings.stockLocationKeys`);
      if (!Number.isInteger(level.available)) throw new MappingError("available", `${level.available} is not a whole number; Shopware stock counts units`);
      const product = existing.get(level.sku);
      if (!product) throw new MappingError("sku", `${level.sku} is not a product in Shopware`);
      const slot = payloadFor(product, payloads, counted);
      slot.set(level.locationKey, Math.max(0, level.available));
      items.push({ key: level.key, rows: [{ op: OP, payload: slot.payload } satisfies SyncRow] });
    } catch (error) {
      failed.set(level.key, mappingFailure(level.key, error));
    }
  }
  const results = items.length ? await syncRecords(client, [{ op: OP, entity: "product", action: "upsert" }], items, signal) : new Map();
  return records.map((level): WriteOutcome => {
    const done = failed.get(level.key);
    if (done) return done;
    const issue = results.get(level.key);
    return issue ? { key: level.key, status: "failed", issue } : { key: level.key, status: "updated", externalId: existing.get(level.sku)!.id };
  });
}
