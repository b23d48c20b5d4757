import type { Page, Product, RecordIssue, SkippedCount } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { z } from "zod";
import { shopwareProductSchema } from "../shopware-api";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { toProduct } from "../mappers/to-product";
import { shopwareKeysetPages } from "./shopware-keyset";
import { idOfRow } from "./read-orders";

/** What a product read loads for each parent: its variants with their options, visibilities. */
const PRODUCT_ASSOCIATIONS = {
  children: { associations: { options: { associations: { group: {} } } } },
  options: { associations: { group: {} } },
  visibilities: {},
};
const rowSchema = z.object({ id: z.string(), parentId: z.string().nullish() }).loose();

/**
 * Products in keyset pages. Shopware stores variants as child products with their own timestamps, so
 * the keyset walks every product row (a changed variant is a change of its product) and each page then
 * loads the distinct parents of its rows with their children: one canonical product per parent, each
 * delivered once per read (a parent reached again through another variant later is counted as skipped).
 */
export async function* readProducts(
  client: ShopwareClient, context: ShopwareMapContext, options: HandlerReadOptions,
): AsyncGenerator<Page<Product>> {
  const delivered = new Set<string>();
  const pages = shopwareKeysetPages(client, "product", {
    base: { includes: { product: ["id", "parentId", "createdAt", "updatedAt"] } }, ...options, system: context.system,
  });
  for await (const page of pages) {
    const roots = [...new Set(page.rows.map((row) => { const r = rowSchema.parse(row); return r.parentId ?? r.id; }))];
    const fresh = roots.filter((id) => !delivered.has(id));
    const { rows } = fresh.length
      ? await client.search("product", { ids: fresh, limit: fresh.length, associations: PRODUCT_ASSOCIATIONS }, options.signal)
      : { rows: [] };
    const warnings: RecordIssue[] = [];
    const { items, issues } = mapRecords("product", rows, (row) => toProduct(shopwareProductSchema.parse(row), context, warnings), idOfRow);
    rows.forEach((row) => delivered.add(idOfRow(row)));
    const keys = new Set(items.map((item) => item.key));
    const skipped: SkippedCount[] = [];
    const again = roots.length - fresh.length;
    if (again > 0) skipped.push({ reason: "product_already_delivered_in_this_read", count: again });
    const missing = fresh.filter((id) => !rows.some((row) => idOfRow(row) === id));
    if (missing.length) skipped.push({ reason: "parent_product_gone", count: missing.length, examples: missing.slice(0, 5) });
    yield {
      items, issues: [...issues, ...warnings.filter((w) => keys.has(w.recordKey))], deleted: [], cursor: page.cursor, hasMore: page.hasMore,
      ...(skipped.length ? { skipped } : {}),
    };
  }
}
