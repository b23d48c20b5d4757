import { chunk } from "@omnibridge/connector-kit";
import { issuesFromZod, moneyToDecimal, priceSchema, type Price, type WriteOutcome } from "@omnibridge/core-model";
import { akeneoProductSchema, type AkeneoProduct } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { inFilter } from "../akeneo-search";
import type { SkuLookup } from "../akeneo-lookup";
import { sendLines } from "./akeneo-writer";
import { identifierCode, type AkeneoMappingContext } from "../mappers/akeneo-context";
import type { WriteLine } from "../mappers/from-product";
import { listAll } from "../streams/load-context";

/** Akeneo attribute (pim_catalog_price_collection) that receives ERP prices. */
export const PRICE_ATTRIBUTE = "price";

/** Identifiers per search: one page of `limit=100` answers them all (https://api.akeneo.com/documentation/pagination.html). */
const SKUS_PER_SEARCH = 100;

/** A SKU's product as the write needs it: its uuid and current price collection (currency → decimal amount). */
interface Target {
  uuid: string;
  prices: Map<string, string>;
}

function pricesOf(product: AkeneoProduct): Map<string, string> {
  const value = product.values?.[PRICE_ATTRIBUTE]?.find((v) => v.locale == null && v.scope == null);
  const data: unknown = value?.data;
  if (!Array.isArray(data)) return new Map();
  return new Map(data.flatMap((d: { currency?: unknown; amount?: unknown }) =>
    (typeof d?.currency === "string" && d.amount != null ? [[d.currency, String(d.amount)] as const] : [])));
}

/**
 * Resolve SKUs and read their current price collections in ONE search per 100 SKUs: the identifier
 * attribute with `IN` (https://api.akeneo.com/documentation/filter.html#filter-on-product-values), values
 * narrowed to the identifier and the price (`attributes`, https://api.akeneo.com/documentation/filter.html#filter-product-values).
 * A PATCH replaces a value's `data` array whole ("if the value is not an object, it will replace the old value":
 * https://api.akeneo.com/documentation/update.html#patch-rules), so a write carrying only some currencies of a
 * SKU must send the others again or they are lost. Found uuids feed the shared SKU lookup.
 */
async function targetsOf(
  client: AkeneoClient, lookup: SkuLookup, ctx: AkeneoMappingContext, skus: readonly string[], signal?: AbortSignal,
): Promise<Map<string, Target>> {
  const code = identifierCode(ctx);
  const wanted = new Set(skus);
  const out = new Map<string, Target>();
  // Parallel searches; the client's limiter keeps them within Akeneo's 4 concurrent calls.
  await Promise.all(chunk([...wanted], SKUS_PER_SEARCH).map(async (part) => {
    const params = { pagination_type: "search_after", search: inFilter(code, part), attributes: `${code},${PRICE_ATTRIBUTE}` };
    for (const product of await listAll(client, "/products-uuid", akeneoProductSchema, signal, params)) {
      const sku = product.values?.[code]?.[0]?.data;
      if (typeof sku !== "string" || !wanted.has(sku)) continue;
      lookup.remember(sku, product.uuid);
      out.set(sku, { uuid: product.uuid, prices: pricesOf(product) });
    }
  }));
  return out;
}

/** Same currencies with the same amounts ("19.9" and "19.90" are one amount). */
function samePrices(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [currency, amount] of a) {
    const other = b.get(currency);
    if (other === undefined || Number(other) !== Number(amount)) return false;
  }
  return true;
}

type Grouped = Map<string, Array<{ index: number; price: Price }>>;

/** Validate records; invalid ones and customer prices get their outcome now, the rest are grouped per SKU. */
function groupBySku(records: readonly Price[], outcomes: WriteOutcome[]): Grouped {
  const bySku: Grouped = new Map();
  records.forEach((record, index) => {
    const key = typeof record?.key === "string" && record.key ? record.key : `#${index}`;
    const parsed = priceSchema.safeParse(record);
    if (!parsed.success) outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
    else if (parsed.data.customerKey) outcomes[index] = { key, status: "failed", issue: { recordKey: key, field: "customerKey", reason: "invalid", message: "customer-specific prices cannot be stored in an Akeneo price collection" } };
    else {
      const group = bySku.get(parsed.data.sku);
      if (group) group.push({ index, price: parsed.data });
      else bySku.set(parsed.data.sku, [{ index, price: parsed.data }]);
    }
  });
  return bySku;
}

/**
 * Canonical prices → the product's `price` price-collection attribute, grouped per SKU: one
 * entry per currency, amount as Akeneo's decimal string
 * (https://api.akeneo.com/concepts/products.html#the-data-format, price collection). Requests: one
 * search per 100 SKUs (uuid and current prices together), one PATCH per 100 changed SKUs; a SKU
 * whose collection already holds these amounts is not sent (`unchanged`). A price for a SKU the
 * PIM does not know fails `not_found`; customer-specific prices have no place in a price
 * collection and fail `invalid`.
 */
export async function writePrices(
  client: AkeneoClient, lookup: SkuLookup, ctx: AkeneoMappingContext, records: readonly Price[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(records.length);
  const bySku = groupBySku(records, outcomes);
  const targets = await targetsOf(client, lookup, ctx, [...bySku.keys()], signal);
  const lines: WriteLine[] = [];
  for (const [sku, prices] of bySku) {
    const target = targets.get(sku);
    if (!target) {
      for (const { index, price } of prices) outcomes[index] = { key: price.key, status: "failed", issue: { recordKey: price.key, field: "sku", reason: "not_found", message: `no product with identifier ${sku} in the PIM` } };
      continue;
    }
    const merged = new Map(target.prices);
    for (const { price } of prices) merged.set(price.price.currency, moneyToDecimal(price.price));
    if (samePrices(merged, target.prices)) {
      for (const { index, price } of prices) outcomes[index] = { key: price.key, status: "unchanged", externalId: target.uuid };
      continue;
    }
    const data = [...merged].map(([currency, amount]) => ({ amount, currency }));
    lines.push({ id: sku, line: { uuid: target.uuid, values: { [PRICE_ATTRIBUTE]: [{ locale: null, scope: null, data }] } } });
  }
  const results = await sendLines(client, "/products-uuid", lines, signal);
  for (const { id: sku } of lines) {
    const result = results.get(sku);
    const uuid = targets.get(sku)?.uuid;
    if (result?.issue) lookup.forget(sku);
    for (const { index, price } of bySku.get(sku)!) {
      outcomes[index] = !result
        ? { key: price.key, status: "failed", externalId: uuid, issue: { recordKey: price.key, reason: "protocol", message: `the PIM returned no status line for ${sku}` } }
        : result.issue
          ? { key: price.key, status: "failed", issue: { recordKey: price.key, ...result.issue }, externalId: uuid }
          : { key: price.key, status: "updated", externalId: uuid };
    }
  }
  return outcomes;
}
