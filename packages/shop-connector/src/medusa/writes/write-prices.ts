import { z } from "zod";
import type { Money, Price, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { medusaPriceSchema, type MedusaPrice } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { medusaToMoney, moneyToMedusa } from "../medusa-money";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { priceListByKey } from "./write-price-lists";
import { anyBody, eachRecord, outcomeOf } from "./medusa-outcome";
import { listBySku } from "./medusa-by-sku";

const variantRowSchema = z.object({ id: z.string(), sku: z.string().nullish(), product_id: z.string(),
  prices: z.array(medusaPriceSchema).nullish() }).loose();
type VariantRow = z.infer<typeof variantRowSchema>;

/** Variants by sku. https://docs.medusajs.com/api/admin#product-variants_getproductvariants */
export function variantsBySku(client: MedusaClient, skus: readonly string[], signal: AbortSignal): Promise<Map<string, VariantRow>> {
  return listBySku(client, "/admin/product-variants", "variants", "id,sku,product_id,*prices", variantRowSchema, skus, signal);
}

/** The price steps of a canonical price: quantity 1 (as Medusa's unbounded price) and each tier's minimum. */
function steps(price: Price): Array<{ min: number | null; money: Money }> {
  return [{ min: null, money: price.price }, ...price.tiers.map((t) => ({ min: t.minQuantity, money: t.price }))];
}

function sameAmount(existing: MedusaPrice | undefined, money: Money): boolean {
  if (!existing) return false;
  try {
    return medusaToMoney(existing.amount, existing.currency_code, "amount", existing.raw_amount).amount === money.amount;
  } catch {
    return false;
  }
}

/**
 * A base price: the variant's own prices in that currency are replaced (tiers as `min_quantity` prices),
 * the other currencies' are sent back by id. Medusa replaces a variant's whole price set on update
 * (a price without `id` is new), so the full set is always sent.
 * https://docs.medusajs.com/api/admin#products_postproductsidvariantsvariant_id
 */
async function writeBasePrice(client: MedusaClient, price: Price, variant: VariantRow,
  signal: AbortSignal): Promise<Omit<WriteOutcome, "key">> {
  const currency = price.price.currency.toLowerCase();
  const current = (variant.prices ?? []).filter((p) => !p.price_list_id && Object.keys(p.rules ?? {}).length === 0);
  // Sent back whole: a price given only by id was dropped from the set on 2.18.0.
  const others = current.filter((p) => p.currency_code !== currency).map((p) => ({
    id: p.id, currency_code: p.currency_code, amount: p.amount, ...(p.min_quantity != null ? { min_quantity: p.min_quantity } : {}),
    ...(p.max_quantity != null ? { max_quantity: p.max_quantity } : {}),
  }));
  const mine = current.filter((p) => p.currency_code === currency);
  const wanted = steps(price).map((step) => ({ step, existing: mine.find((p) => (p.min_quantity ?? null) === step.min) }));
  if (wanted.length === mine.length && wanted.every(({ step, existing }) => sameAmount(existing,
    step.money))) return { status: "unchanged", externalId: variant.id };
  const prices = [...others, ...wanted.map(({ step, existing }) => ({
    ...(existing ? { id: existing.id } : {}), ...moneyToMedusa(step.money), ...(step.min !== null ? { min_quantity: step.min } : {}),
  }))];
  await client.post(`/admin/products/${variant.product_id}/variants/${variant.id}`, { prices }, anyBody, { signal });
  return { status: "updated", externalId: variant.id };
}

const listPriceSchema = medusaPriceSchema.extend({
  price_set: z.object({ variant: z.object({ id: z.string() }).loose().nullish() }).loose().nullish(),
});

/**
 * A price list's prices with their variants: `GET /admin/price-lists/{id}/prices` names each price's
 * variant through its price set (`prices.variant_id` as a field comes back only for some prices in 2.18.0).
 */
async function listPrices(client: MedusaClient, listId: string,
  signal: AbortSignal): Promise<Array<MedusaPrice & { variantId: string | null }>> {
  const out: Array<MedusaPrice & { variantId: string | null }> = [];
  for (let offset = 0; ; offset += 200) {
    const page = await client.list(`/admin/price-lists/${listId}/prices`, "prices", { limit: 200, offset }, signal);
    for (const row of page.rows) {
      const price = listPriceSchema.parse(row);
      out.push({ ...price, variantId: price.price_set?.variant?.id ?? price.variant_id ?? null });
    }
    if (page.rows.length < 200) return out;
  }
}

/** A price in a Medusa price list (B2B): created or updated with the list's batch endpoint. https://docs.medusajs.com/api/admin#price-lists_postpricelistsidpricesbatch */
async function writeListPrice(client: MedusaClient, price: Price, variant: VariantRow,
  signal: AbortSignal): Promise<Omit<WriteOutcome, "key">> {
  const list = await priceListByKey(client, price.priceListKey, signal);
  if (!list) throw new MappingError("priceListKey", `price list ${price.priceListKey} is not in Medusa (write the priceList first)`);
  const currency = price.price.currency.toLowerCase();
  const mine = (await listPrices(client, list.id, signal)).filter((p) => p.variantId === variant.id && p.currency_code === currency);
  const create: unknown[] = [];
  const update: unknown[] = [];
  for (const step of steps(price)) {
    const existing = mine.find((p) => (p.min_quantity ?? null) === step.min);
    if (existing && sameAmount(existing, step.money)) continue;
    const body = { variant_id: variant.id, ...moneyToMedusa(step.money), ...(step.min !== null ? { min_quantity: step.min } : {}) };
    if (existing) update.push({ id: existing.id, ...body });
    else create.push(body);
  }
  if (!create.length && !update.length) return { status: "unchanged", externalId: list.id };
  await client.post(`/admin/price-lists/${list.id}/prices/batch`, { create, update, delete: [] }, anyBody, { signal, retry: false });
  return { status: mine.length ? "updated" : "created", externalId: list.id };
}

/** Write prices: base price lists (settings.basePriceLists) onto variants, any other list into its Medusa price list. */
export async function writePrices(client: MedusaClient, context: MedusaMapContext, records: readonly Price[],
  signal: AbortSignal): Promise<WriteOutcome[]> {
  const variants = await variantsBySku(client, records.map((r) => r.sku), signal);
  const baseKeys = new Set(Object.values(context.settings.basePriceLists));
  return eachRecord(records, signal, (price) => outcomeOf(price.key, async () => {
    if (price.customerKey) throw new MappingError("customerKey",
      "Medusa prices apply to customer groups, not single customers: use a group price list");
    const variant = variants.get(price.sku);
    if (!variant) throw new MappingError("sku", `${price.sku} is not a variant in Medusa`);
    if (baseKeys.has(price.priceListKey)) {
      if (context.settings.basePriceLists[price.price.currency] !== price.priceListKey) {
        throw new MappingError("price.currency", `${price.priceListKey} is the base list of another currency than ${price.price.currency}`);
      }
      // Fresh prices: an earlier record of this batch may have replaced this variant's price set.
      const fresh = (await variantsBySku(client, [price.sku], signal)).get(price.sku) ?? variant;
      return writeBasePrice(client, price, fresh, signal);
    }
    return writeListPrice(client, price, variant, signal);
  }));
}
