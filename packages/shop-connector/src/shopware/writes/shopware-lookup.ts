import { chunk } from "@omnibridge/connector-kit";
import { shopwareProductSchema, type ShopwareProduct } from "../shopware-api";
import type { ShopwareClient } from "../shopware-client";
import { SHOPWARE_MAX_PAGE } from "../streams/shopware-keyset";

/** An existing product as writes need it: id, number, retail and advanced prices, custom fields, tax rate. */
export interface ExistingProduct {
  id: string;
  parentId: string | null;
  raw: ShopwareProduct;
  /** Tax rate in percent: the product's own tax, else its parent's (variants inherit). */
  taxRate: number | null;
}

/**
 * Existing products by product number (`equalsAny` on `productNumber`, the unique number; pages of 500).
 * Writes use it to tell creates from updates, to keep ids of products created by others, and to merge
 * into arrays Shopware replaces as a whole (`price`, `prices`, custom fields).
 */
export async function productsByNumber(
  client: ShopwareClient, numbers: readonly string[], signal?: AbortSignal,
): Promise<Map<string, ExistingProduct>> {
  const found = new Map<string, ExistingProduct>();
  for (const part of chunk([...new Set(numbers)], SHOPWARE_MAX_PAGE)) {
    const { rows } = await client.search("product", {
      limit: part.length, filter: [{ type: "equalsAny", field: "productNumber", value: part }],
      associations: { prices: {}, tax: {}, parent: { associations: { tax: {} } } },
    }, signal);
    for (const row of rows) {
      const raw = shopwareProductSchema.parse(row);
      if (!raw.productNumber) continue;
      found.set(raw.productNumber, { id: raw.id, parentId: raw.parentId ?? null, raw,
        taxRate: raw.tax?.taxRate ?? raw.parent?.tax?.taxRate ?? null });
    }
  }
  return found;
}
