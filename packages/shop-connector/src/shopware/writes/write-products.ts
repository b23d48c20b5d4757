import type { Product, RecordIssue, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwareClient } from "../shopware-client";
import { fromProduct, PRODUCT_OPS } from "../mappers/from-product";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { productsByNumber } from "./shopware-lookup";
import { syncRecords, type SyncItem, type SyncPlan } from "./shopware-sync-batch";

const PLAN: SyncPlan = [
  { op: PRODUCT_OPS.group, entity: "property_group", action: "upsert" },
  { op: PRODUCT_OPS.option, entity: "property_group_option", action: "upsert" },
  { op: PRODUCT_OPS.product, entity: "product", action: "upsert" },
];

/** A record the mapper refused: a failed outcome naming the field. */
export function mappingFailure(key: string, error: unknown): WriteOutcome {
  if (!(error instanceof MappingError)) throw error;
  return { key, status: "failed", issue: { recordKey: key, field: error.field, reason: "invalid", message: `${error.field} ${error.message}` } };
}

/** Outcomes of synced items: created or updated by whether the product existed, failed with Shopware's message. */
export function outcomesOf(items: readonly SyncItem[], results: Map<string, RecordIssue | null>, existed: (key: string) => boolean,
  idOf: (key: string) => string | undefined) {
  const outcomes = new Map<string, WriteOutcome>();
  for (const item of items) {
    const issue = results.get(item.key);
    const externalId = idOf(item.key);
    outcomes.set(item.key, issue
      ? { key: item.key, status: "failed", issue }
      : { key: item.key, status: existed(item.key) ? "updated" : "created", ...(externalId ? { externalId } : {}) });
  }
  return outcomes;
}

/**
 * Upsert products with their variants in one `_action/sync` request per batch: existing products (found by
 * product number) keep their ids, new ones get ids derived from their keys, so a retry never duplicates.
 */
export async function writeProducts(
  client: ShopwareClient, context: ShopwareMapContext, records: readonly Product[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const numbers = records.flatMap((p) => [p.key, ...p.variants.map((v) => v.sku)]);
  const existing = await productsByNumber(client, numbers, signal);
  const ids = new Map([...existing].map(([number, product]) => [number, product.id]));
  const failed = new Map<string, WriteOutcome>();
  const items: SyncItem[] = [];
  for (const product of records) {
    try {
      items.push({ key: product.key, rows: fromProduct(product, context, ids) });
    } catch (error) {
      failed.set(product.key, mappingFailure(product.key, error));
    }
  }
  const results = items.length ? await syncRecords(client, PLAN, items, signal) : new Map();
  const idOf = (key: string) => items.find((i) => i.key === key)?.rows.find((r) => r.op === PRODUCT_OPS.product &&
    r.payload.productNumber === key)?.payload.id;
  const done = outcomesOf(items, results, (key) => existing.has(key), idOf);
  return records.map((p) => failed.get(p.key) ?? done.get(p.key)!);
}

/** Archive products: `active: false` on the products found by number (Shopware keeps their orders' references). */
export async function archiveProducts(client: ShopwareClient, keys: readonly string[], signal?: AbortSignal): Promise<WriteOutcome[]> {
  const existing = await productsByNumber(client, keys, signal);
  const items: SyncItem[] = keys.filter((k) => existing.has(k)).map((key) => ({ key, rows: [{ op: PRODUCT_OPS.product,
    payload: { id: existing.get(key)!.id, active: false } }] }));
  const results = items.length ? await syncRecords(client, [{ op: PRODUCT_OPS.product, entity: "product", action: "upsert" }], items, signal) : new Map();
  return keys.map((key): WriteOutcome => {
    if (!existing.has(key)) return { key, status: "unchanged" };
    const issue = results.get(key);
    return issue ? { key, status: "failed", issue } : { key, status: "archived", externalId: existing.get(key)!.id };
  });
}
