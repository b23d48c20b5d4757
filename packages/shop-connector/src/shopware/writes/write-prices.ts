import type { Price, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwarePrice } from "../shopware-api";
import { shopwareIdFor } from "../shopware-ids";
import { checkPriceSupported, mergePriceArray, priceEntry } from "../mappers/from-price";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { productsByNumber, type ExistingProduct } from "./shopware-lookup";
import { syncRecords, type SyncItem, type SyncPlan, type SyncRow } from "./shopware-sync-batch";
import { mappingFailure } from "./write-products";

const OPS = { product: "omnibridge-retail-price", advanced: "omnibridge-advanced-price" } as const;
const PLAN: SyncPlan = [
  { op: OPS.product, entity: "product", action: "upsert" },
  { op: OPS.advanced, entity: "product_price", action: "upsert" },
];

function asArray(price: ExistingProduct["raw"]["price"]): ShopwarePrice[] {
  return !price ? [] : Array.isArray(price) ? price : [price];
}

/** Shared payloads per product (retail) and per advanced-price row, merged across the batch's records. */
class PricePayloads {
  private readonly retail = new Map<string, { id: string; price: ShopwarePrice[] }>();
  private readonly advanced = new Map<string, Record<string, unknown> & { id: string; price: ShopwarePrice[] }>();
  constructor(private readonly system: string) {}

  retailRow(product: ExistingProduct, entry: ShopwarePrice): SyncRow {
    const payload = this.retail.get(product.id) ?? { id: product.id, price: asArray(product.raw.price) };
    payload.price = mergePriceArray(payload.price, entry);
    this.retail.set(product.id, payload);
    return { op: OPS.product, payload };
  }

  advancedRow(product: ExistingProduct, ruleId: string, quantityStart: number, quantityEnd: number | null, entry: ShopwarePrice): SyncRow {
    const id = shopwareIdFor(this.system, "product_price", `${product.id}\u0000${ruleId}\u0000${quantityStart}`);
    const current = (product.raw.prices ?? []).find((p) => p.ruleId === ruleId && p.quantityStart === quantityStart);
    const payload = this.advanced.get(id) ?? { id: current?.id ?? id, productId: product.id, ruleId, quantityStart, quantityEnd,
      price: current?.price ?? [] };
    payload.price = mergePriceArray(payload.price, entry);
    this.advanced.set(id, payload);
    return { op: OPS.advanced, payload };
  }
}

function rowsOf(price: Price, context: ShopwareMapContext, product: ExistingProduct | undefined, payloads: PricePayloads): SyncRow[] {
  const target = context.settings.priceLists[price.priceListKey];
  if (!target) throw new MappingError("priceListKey", `${price.priceListKey} has no Shopware target in settings.priceLists`);
  checkPriceSupported(price, target);
  const currencyId = context.settings.currencies[price.price.currency];
  if (!currencyId) throw new MappingError("price.currency", `${price.price.currency} has no Shopware currency id in settings.currencies`);
  if (!product) throw new MappingError("sku", `${price.sku} is not a product in Shopware`);
  if (product.taxRate === null) throw new MappingError("sku", `${price.sku} has no tax loaded to compute gross and net`);
  const entry = (money: Price["price"], compareAt?: Price["compareAt"]) => priceEntry(money, compareAt, currencyId, target, product.taxRate!);
  if (!target.ruleId) return [payloads.retailRow(product, entry(price.price, price.compareAt))];
  const steps = [{ from: 1, price: price.price }, ...price.tiers.map((t) => ({ from: t.minQuantity, price: t.price }))].sort((a,
    b) => a.from - b.from);
  return steps.map((step, i) => {
    const next = steps[i + 1];
    return payloads.advancedRow(product, target.ruleId!, step.from, next ? next.from - 1 : null, entry(step.price, i === 0 ?
      price.compareAt : null));
  });
}

/**
 * Write prices: a list without a rule is the retail `product.price` (one entry per currency, merged with
 * the product's other currencies); a list with a rule becomes advanced prices (`product_price`, one row
 * per quantity step, B2B group prices). Gross and net are both sent, the other side computed from the
 * product's tax rate in integer minor units.
 */
export async function writePrices(
  client: ShopwareClient, context: ShopwareMapContext, records: readonly Price[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const existing = await productsByNumber(client, records.map((p) => p.sku), signal);
  const payloads = new PricePayloads(context.system);
  const failed = new Map<string, WriteOutcome>();
  const items: SyncItem[] = [];
  for (const price of records) {
    try {
      items.push({ key: price.key, rows: rowsOf(price, context, existing.get(price.sku), payloads) });
    } catch (error) {
      failed.set(price.key, mappingFailure(price.key, error));
    }
  }
  const results = items.length ? await syncRecords(client, PLAN, items, signal) : new Map();
  return records.map((price): WriteOutcome => {
    const done = failed.get(price.key);
    if (done) return done;
    const issue = results.get(price.key);
    return issue ? { key: price.key, status: "failed", issue } : { key: price.key, status: "updated", externalId: existing.get(price.sku)!.id };
  });
}
