import { entitySchemas, issuesFromZod, type Price, type StockLevel, type WriteOutcome } from "@omnibridge/core-model";
import { z } from "zod";
import type { WordpressMeta, WordpressPost } from "../wordpress-api";
import type { WordpressClient } from "../wordpress-client";
import { findByMeta } from "../wordpress-lookup";
import { runWrites } from "./wordpress-batch";
import { failed } from "./wordpress-writer";

const stockSchema = z.record(z.string(), z.number());

/** Stock per location kept as JSON meta; availability follows their sum. */
function stockMeta(post: WordpressPost, level: StockLevel): WordpressMeta {
  let stock: Record<string, number> = {};
  try {
    stock = stockSchema.parse(JSON.parse(post.meta?.omnibridge_stock || "{}"));
  } catch {
    stock = {};
  }
  stock[level.locationKey] = level.available;
  const total = Object.values(stock).reduce((sum, value) => sum + Math.max(0, value), 0);
  return { omnibridge_stock: JSON.stringify(stock), omnibridge_availability: total > 0 ? "in_stock" : "out_of_stock" };
}

function priceMeta(price: Price): WordpressMeta {
  return { omnibridge_price: price.price.amount, omnibridge_currency: price.price.currency };
}

type Kind = "price" | "stockLevel";

/**
 * Update price or availability meta on the product page found by SKU (`omnibridge_sku`);
 * an unknown SKU is a per-record `not_found`, nothing is created.
 */
export async function writeCommerceMeta<K extends Kind>(
  client: WordpressClient, collection: string, entity: K, records: readonly (K extends "price" ? Price : StockLevel)[],
): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = records.map((record, index) => {
    const parsed = entitySchemas[entity].safeParse(record);
    if (parsed.success) return undefined;
    const key = typeof record?.key === "string" ? record.key : `#${index}`;
    const issue = issuesFromZod(key, parsed.error)[0]!;
    return { key, status: "failed", issue };
  });
  const pages = await findByMeta(client, collection, "omnibridge_sku", records.filter((_, i) => !outcomes[i]).map((record) => record.sku));
  const writes: Array<{ index: number; key: string; id: number; meta: WordpressMeta }> = [];
  for (const [index, record] of records.entries()) {
    if (outcomes[index]) continue;
    const page = pages.get(record.sku);
    if (!page) {
      outcomes[index] = { key: record.key, status: "failed", issue: { recordKey: record.key, field: "sku", reason: "not_found", message: `no product page with SKU ${record.sku}` } };
      continue;
    }
    const meta = entity === "price" ? priceMeta(record as Price) : stockMeta(page, record as StockLevel);
    if (Object.entries(meta).every(([name, value]) => page.meta?.[name as keyof WordpressMeta] === value)) {
      outcomes[index] = { key: record.key, status: "unchanged", externalId: String(page.id) };
      continue;
    }
    // A later record of the same page (another location's stock) builds on this one; the batch runs in order.
    pages.set(record.sku, { ...page, meta: { ...page.meta, ...meta } });
    writes.push({ index, key: record.key, id: page.id, meta });
  }
  // Meta updates are idempotent: a call failing as a whole throws and the batch is simply written again.
  const results = await runWrites(client, writes.map(({ id, meta }) => ({ collection, id, body: { meta } })));
  writes.forEach(({ index, key, id }, i) => {
    const result = results[i]!;
    outcomes[index] = result.ok ? { key, status: "updated", externalId: String(id) } : failed(key, result.error);
  });
  return outcomes as WriteOutcome[];
}
