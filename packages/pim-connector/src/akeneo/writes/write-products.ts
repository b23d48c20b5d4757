import { canonicalKeySchema, issuesFromZod, productSchema, variantSchema, type Product, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import { z } from "zod";
import type { AkeneoClient } from "../akeneo-client";
import type { SkuLookup } from "../akeneo-lookup";
import { sendLines, type LineResult } from "./akeneo-writer";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { fromProductModel, fromSimpleProduct, fromVariant, type WriteLine } from "../mappers/from-product";

/**
 * What a product write accepts: a full canonical Product, or only the fields the caller owns
 * (e.g. the ERP's `gtin`/`weight` per variant) plus the keys. Given fields are validated by the
 * canonical schema; absent fields are not sent, so Akeneo leaves them untouched.
 */
export const productWriteSchema = productSchema.partial().extend({
  key: canonicalKeySchema,
  variants: z.array(variantSchema.partial().extend({ sku: canonicalKeySchema })).optional(),
});

interface Planned {
  index: number;
  key: string;
  /** Line ids this record depends on: model code first (if any), then SKUs. */
  modelId?: string;
  skuIds: string[];
  /** The record's id in the PIM: uuid (simple product) or model code. */
  externalId: string;
  /** True when the PIM already had the record before this write (its external id is known even if the write fails). */
  known: boolean;
}

/**
 * Upsert canonical products: simple products and variants as `/products-uuid` lines keyed by
 * uuid (found by SKU, or a deterministic one for new products), model-level fields as
 * `/product-models` lines keyed by code. Only the fields the caller gave are sent (PATCH
 * leaves the rest untouched: https://api.akeneo.com/documentation/update.html).
 */
export async function writeProducts(
  client: AkeneoClient, lookup: SkuLookup, ctx: AkeneoMappingContext, records: readonly Product[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(records.length);
  const valid: Array<{ index: number; record: Product }> = [];
  records.forEach((record, index) => {
    const key = typeof record?.key === "string" && record.key ? record.key : `#${index}`;
    const parsed = productWriteSchema.safeParse(record);
    if (parsed.success) valid.push({ index, record });
    else outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
  });
  const skus = valid.flatMap(({ record }) => (record.variants?.length ? record.variants.map((v) => v.sku) : [record.key]));
  const uuids = await lookup.resolve(skus, ctx, signal);
  const models: WriteLine[] = [];
  const products: WriteLine[] = [];
  const plans: Planned[] = valid.map(({ index, record }) => plan(index, record, uuids, ctx, models, products));
  const modelResults = await sendLines(client, "/product-models", models, signal);
  // Variants of a model that failed would be orphans: keep them back.
  const sendable = products.filter((line) => {
    const parent = line.line.parent as string | undefined;
    return !parent || (modelResults.get(parent)?.status ?? 204) < 300;
  });
  const productResults = await sendLines(client, "/products-uuid", sendable, signal);
  for (const line of sendable) {
    if ((productResults.get(line.id)?.status ?? 500) < 300) lookup.remember(line.id, line.line.uuid as string);
    else lookup.forget(line.id); // the product may have been deleted or recreated under a new uuid
  }
  for (const p of plans) outcomes[p.index] = outcomeOf(p, modelResults, productResults, uuids);
  return outcomes;
}

function plan(
  index: number, record: Product, uuids: Map<string, string>, ctx: AkeneoMappingContext, models: WriteLine[], products: WriteLine[],
): Planned {
  if (!record.variants?.length) {
    const line = fromSimpleProduct(record, uuids.get(record.key), ctx);
    products.push(line);
    return { index, key: record.key, skuIds: [record.key], externalId: line.line.uuid as string, known: uuids.has(record.key) };
  }
  const model = fromProductModel(record, ctx);
  if (model) models.push(model);
  for (const variant of record.variants) products.push(fromVariant(variant, record.key, uuids.get(variant.sku), ctx));
  const skuIds = record.variants.map((v) => v.sku);
  return { index, key: record.key, modelId: model?.id, skuIds, externalId: record.key, known: skuIds.some((sku) => uuids.has(sku)) };
}

function outcomeOf(
  p: Planned, models: Map<string, LineResult>, products: Map<string, LineResult>, uuids: Map<string, string>,
): WriteOutcome {
  // A failed line keeps the record's known external id, so the ID map is not lost with the failure.
  const failed = (issue: RecordIssue): WriteOutcome => ({ key: p.key, status: "failed", issue, ...(p.known ? { externalId: p.externalId } : {}) });
  const model = p.modelId ? models.get(p.modelId) : undefined;
  if (model?.issue) return failed({ recordKey: p.key, ...model.issue });
  for (const [i, sku] of p.skuIds.entries()) {
    const result = products.get(sku);
    if (!result) return failed({ recordKey: p.key, field: p.modelId ? `variants.${i}` : undefined, reason: "internal", message: `no status line for ${sku}` });
    if (result.issue) {
      const field = p.modelId ? `variants.${i}${result.issue.field ? `.${result.issue.field}` : ""}` : result.issue.field;
      return failed({ recordKey: p.key, ...result.issue, field });
    }
  }
  const created = model ? model.status === 201 : p.skuIds.every((sku) => !uuids.has(sku));
  return { key: p.key, status: created ? "created" : "updated", externalId: p.externalId };
}
