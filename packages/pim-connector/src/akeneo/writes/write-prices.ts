import { chunk } from "@omnibridge/connector-kit";
import { issuesFromZod, moneyToDecimal, priceSchema, type Price, type WriteOutcome } from "@omnibridge/core-model";
import { akeneoProductSchema } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { inFilter } from "../akeneo-search";
import type { SkuLookup } from "../akeneo-lookup";
import { sendLines } from "./akeneo-writer";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { listAll } from "../streams/load-context";

/** Akeneo attribute (pim_catalog_price_collection) that receives ERP prices. */
export const PRICE_ATTRIBUTE = "price";

/**
 * The products' current price collections (currency → amount). A PATCH replaces a value's `data`
 * array as a whole ("if the value is not an object, it will replace the old value":
 * https://api.akeneo.com/documentation/update.html#patch-rules), so a write carrying only some
 * currencies of a SKU must send the others again or they are lost.
 */
async function currentPrices(
  client: AkeneoClient, uuids: readonly string[], signal?: AbortSignal,
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const part of chunk([...new Set(uuids)], 100)) {
    const products = await listAll(client, "/products-uuid", akeneoProductSchema, signal, { pagination_type: "search_after", search: inFilter("uuid", part) });
    for (const product of products) {
      const data = product.values?.[PRICE_ATTRIBUTE]?.[0]?.data;
      if (!Array.isArray(data)) continue;
      const entries = data.flatMap((d: { currency?: unknown; amount?: unknown }) => (typeof d?.currency === "string" && d.amount != null ? [[d.currency, String(d.amount)] as const] : []));
      out.set(product.uuid, new Map(entries));
    }
  }
  return out;
}

/**
 * Canonical prices → the product's `price` price-collection attribute, grouped per SKU: one
 * entry per currency, amount as Akeneo's decimal string
 * (https://api.akeneo.com/concepts/products.html#the-data-format, price collection). A price
 * for a SKU the PIM does not know fails `not_found`; customer-specific prices have no place
 * in a price collection and fail `invalid`.
 */
export async function writePrices(
  client: AkeneoClient, lookup: SkuLookup, ctx: AkeneoMappingContext, records: readonly Price[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(records.length);
  const bySku = new Map<string, Array<{ index: number; price: Price }>>();
  records.forEach((record, index) => {
    const key = typeof record?.key === "string" && record.key ? record.key : `#${index}`;
    const parsed = priceSchema.safeParse(record);
    if (!parsed.success) outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
    else if (parsed.data.customerKey) outcomes[index] = { key, status: "failed", issue: { recordKey: key, field: "customerKey", reason: "invalid", message: "customer-specific prices cannot be stored in an Akeneo price collection" } };
    else bySku.set(parsed.data.sku, [...(bySku.get(parsed.data.sku) ?? []), { index, price: parsed.data }]);
  });
  const uuids = await lookup.resolve([...bySku.keys()], ctx, signal);
  const existing = await currentPrices(client, [...uuids.values()], signal);
  const lines = [];
  for (const [sku, prices] of bySku) {
    const uuid = uuids.get(sku);
    if (!uuid) {
      for (const { index, price } of prices) outcomes[index] = { key: price.key, status: "failed", issue: { recordKey: price.key, field: "sku", reason: "not_found", message: `no product with identifier ${sku} in the PIM` } };
      continue;
    }
    const given = prices.map(({ price }) => [price.price.currency, moneyToDecimal(price.price)] as const);
    const perCurrency = new Map([...(existing.get(uuid) ?? []), ...given]);
    const data = [...perCurrency].map(([currency, amount]) => ({ amount, currency }));
    lines.push({ id: sku, line: { uuid, values: { [PRICE_ATTRIBUTE]: [{ locale: null, scope: null, data }] } } });
  }
  const results = await sendLines(client, "/products-uuid", lines, signal);
  for (const [sku, prices] of bySku) {
    const result = results.get(sku);
    if (!result) continue;
    if (result.issue) lookup.forget(sku);
    for (const { index, price } of prices) {
      outcomes[index] = result.issue
        ? { key: price.key, status: "failed", issue: { recordKey: price.key, ...result.issue }, externalId: uuids.get(sku) }
        : { key: price.key, status: "updated", externalId: uuids.get(sku) };
    }
  }
  return outcomes;
}
