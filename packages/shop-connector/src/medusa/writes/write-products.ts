import type { Product, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { medusaProductSchema, type MedusaProduct } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { handleOf, optionsOf, productFields, variantsOf, type VariantPayload } from "../mappers/from-product";
import { PRODUCT_FIELDS } from "../streams/read-products";
import { anyBody, eachRecord, outcomeOf } from "./medusa-outcome";

/** The product with this key (`external_id`), if Medusa has one. https://docs.medusajs.com/api/admin#products_getproducts */
export async function productByKey(client: MedusaClient, key: string, signal: AbortSignal): Promise<MedusaProduct | undefined> {
  const page = await client.list("/admin/products", "products", { external_id: key, fields: PRODUCT_FIELDS, limit: 2 }, signal);
  return page.rows.length ? medusaProductSchema.parse(page.rows[0]) : undefined;
}

function variantBody(variant: VariantPayload, create: boolean): Record<string, unknown> {
  return { title: variant.title, sku: variant.sku, ...(variant.ean ? { ean: variant.ean } : {}), options: variant.options,
    ...(create ? { manage_inventory: true, prices: [] } : {}) };
}

async function create(client: MedusaClient, product: Product, context: MedusaMapContext,
  signal: AbortSignal): Promise<Omit<WriteOutcome, "key">> {
  const { settings } = context;
  if (!settings.shippingProfileId) throw new MappingError("key", "settings.shippingProfileId is required to create products in Medusa");
  const variants = variantsOf(product, settings.locale);
  const body = {
    ...productFields(product, settings), handle: handleOf(product), shipping_profile_id: settings.shippingProfileId,
    sales_channels: Object.values(settings.salesChannels).map((id) => ({ id })), options: optionsOf(product),
    variants: variants.map((v) => variantBody(v, true)),
  };
  // Not retried: a repeated create after a lost answer would be refused (handle taken) or duplicate the product.
  await client.post("/admin/products", body, anyBody, { signal, retry: false });
  const created = await productByKey(client, product.key, signal);
  return { status: "created", externalId: created?.id };
}

/**
 * Update: the product's fields, new option values, then each variant matched by sku (updated, or
 * created; Medusa's response lists variants in no particular order, so never by position). Variants
 * whose sku the canonical product no longer has are deleted.
 * https://docs.medusajs.com/api/admin#products_postproductsidvariants
 */
async function update(client: MedusaClient, product: Product, existing: MedusaProduct, context: MedusaMapContext, signal: AbortSignal) {
  const base = `/admin/products/${existing.id}`;
  await client.post(base, productFields(product, context.settings), anyBody, { signal });
  // Since 2.16 options are shared resources linked to products (`options` in a product update is
  // refused): new axes and new values go through the product's option batch, which links them.
  const add: Array<{ title: string; values: string[] }> = [];
  const extend: Array<{ product_option_id: string; add: Array<{ value: string }> }> = [];
  for (const option of optionsOf(product)) {
    const current = (existing.options ?? []).find((o) => o.title === option.title);
    const known = new Set((current?.values ?? []).map((v) => v.value));
    const missing = option.values.filter((v) => !known.has(v));
    if (!current) add.push(option);
    else if (missing.length) extend.push({ product_option_id: current.id, add: missing.map((value) => ({ value })) });
  }
  if (add.length || extend.length) await client.post(`${base}/options/batch`, { add, update: extend }, anyBody, { signal, retry: false });
  const bySku = new Map((existing.variants ?? []).map((v) => [v.sku ?? "", v]));
  const wanted = variantsOf(product, context.settings.locale);
  for (const variant of wanted) {
    const current = bySku.get(variant.sku);
    if (current) await client.post(`${base}/variants/${current.id}`, variantBody(variant, false), anyBody, { signal });
    else await client.post(`${base}/variants`, variantBody(variant, true), anyBody, { signal, retry: false });
  }
  const keep = new Set(wanted.map((v) => v.sku));
  for (const variant of existing.variants ?? []) if (!keep.has(variant.sku ?? "")) await client.delete(`${base}/variants/${variant.id}`,
    signal);
  return { status: "updated" as const, externalId: existing.id };
}

/** Upsert products by key (`external_id`), with options and variants. */
export function writeProducts(client: MedusaClient, context: MedusaMapContext, records: readonly Product[],
  signal: AbortSignal): Promise<WriteOutcome[]> {
  return eachRecord(records, signal, (product) => outcomeOf(product.key, async () => {
    const existing = await productByKey(client, product.key, signal);
    return existing ? update(client, product, existing, context, signal) : create(client, product, context, signal);
  }));
}

/** Archive = delete: Medusa deletes products softly (`deleted_at`; listed again with `with_deleted=true`). */
export function archiveProducts(client: MedusaClient, keys: readonly string[], signal: AbortSignal): Promise<WriteOutcome[]> {
  return eachRecord(keys, signal, (key) => outcomeOf(key, async () => {
    const existing = await productByKey(client, key, signal);
    if (!existing) return { status: "unchanged" };
    await client.delete(`/admin/products/${existing.id}`, signal);
    return { status: "archived", externalId: existing.id };
  }));
}
