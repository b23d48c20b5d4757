import {
  canonicalJson, goldenToRecord, mergeByOwnership, ownerOf, type GoldenRecord, type Money, type Offer,
} from "@omnibridge/core-model";
import type { BoundTarget, FlowContext } from "../../engine/types";
import { writeToTarget } from "../../engine/write-target";
import type { DeadLetterInput, IdMapping, Repos } from "../../state";
import { offersOf } from "./offer-tables";

/** The sellable SKUs of a golden product: its variants', or its own key for a simple product. */
export function skusOf(product: GoldenRecord): string[] {
  const variants = product.fields.variants?.value;
  const skus = Array.isArray(variants)
    ? variants.flatMap((v) => (v && typeof v === "object" && typeof (v as { sku?: unknown }).sku === "string" ? [(v as { sku: string }).sku] : []))
    : [];
  return skus.length > 0 ? skus : [product.key];
}

const lastChange = (golden: GoldenRecord) =>
  Object.values(golden.fields).reduce((max, v) => (v.at > max ? v.at : max), new Date(0).toISOString());

const isLive = (golden: GoldenRecord & { deletedAt?: string | null }) => !golden.deletedAt && Object.keys(golden.fields).length > 0;

/**
 * Golden products with their `offers` (one per sellable SKU, from the stored shop prices and
 * stock) merged in with the field owner's role; products whose offers did not change come back
 * unchanged. Also records which product each SKU belongs to, so a later price or stock change
 * finds its page.
 */
export async function withOffers(ctx: FlowContext, repos: Repos, products: readonly GoldenRecord[]): Promise<GoldenRecord[]> {
  const offers = offersOf(repos);
  const live = products.filter(isLive);
  const skus = new Map(live.map((p) => [p.key, skusOf(p)]));
  const stored = await offers.load([...skus.values()].flat());
  const moved = [...skus].flatMap(([key, list]) =>
    list.filter((sku) => stored.get(sku)?.productKey !== key).map((sku) => ({ sku, productKey: key })));
  if (moved.length > 0) await offers.set(moved, ctx.now());
  const role = ownerOf("product", "offers", ctx.ownership);
  return products.map((product) => {
    const list = skus.get(product.key);
    if (!list || !isLive(product)) return product;
    const value: Offer[] = list.map((sku) => {
      const offer = stored.get(sku);
      return { sku, price: offer?.price ?? null, available: offer?.available ?? null };
    });
    if (product.fields.offers && canonicalJson(product.fields.offers.value) === canonicalJson(value)) return product;
    // Stamped with the product's own last change, not the clock: the same inputs give the same record everywhere.
    const record = { key: product.key, updatedAt: lastChange(product), offers: value };
    return mergeByOwnership(product, { entity: "product", record, source: { system: "omnibridge", role } }, ctx.ownership).golden;
  });
}

/** What an offers flow's golden record says about its SKU: a price or available units. */
function offerChange(entity: string, golden: GoldenRecord): { sku: string; price: Money } | { sku: string; available: number } | undefined {
  const record = goldenToRecord(golden) as { sku?: unknown; price?: { amount?: unknown; currency?: unknown }; available?: unknown };
  if (typeof record.sku !== "string") return undefined;
  if (entity === "price" && typeof record.price?.amount === "number" && typeof record.price.currency === "string") {
    return { sku: record.sku, price: { amount: record.price.amount, currency: record.price.currency } };
  }
  if (entity === "stockLevel" && typeof record.available === "number") return { sku: record.sku, available: record.available };
  return undefined;
}

/**
 * After an offers flow's page (shop prices or stock): store each SKU's new price or available
 * units, then re-project the pages of the products those SKUs belong to. Unchanged pages are
 * skipped by their projection hash (nothing sent); products not known yet get their offers
 * when the product flow first delivers them.
 */
export async function applyOffers(
  ctx: FlowContext, targets: readonly BoundTarget[], repos: Repos, goldens: readonly GoldenRecord[], ids: IdMapping[],
): Promise<DeadLetterInput[]> {
  const changes = goldens.filter(isLive).flatMap((g) => offerChange(ctx.flow.source.entity, g) ?? []);
  if (changes.length === 0) return [];
  const offers = offersOf(repos);
  await offers.set(changes, ctx.now());
  const keys = [...new Set([...(await offers.load(changes.map((c) => c.sku))).values()].flatMap((o) => o.productKey ?? []))];
  if (keys.length === 0) return [];
  const products = [...(await repos.golden.load("product", keys)).values()].filter(isLive);
  const updated = (await withOffers(ctx, repos, products)).filter((p, i) => p !== products[i]);
  if (updated.length === 0) return [];
  await repos.golden.save(updated, ctx.now());
  const letters: DeadLetterInput[] = [];
  // Pages are counted apart: the flow's own counts stay about its records; pages written and rejected are added.
  const pages = { ...ctx, counts: { ...ctx.counts, changed: 0, written: 0, skipped: 0, failed: 0 } };
  for (const target of targets) {
    const result = await writeToTarget(pages, repos, target, updated);
    await repos.targets.saveProjections(target.system, target.entity, result.saved, ctx.now());
    ids.push(...result.ids);
    letters.push(...result.letters);
  }
  ctx.counts.changed += pages.counts.changed;
  ctx.counts.written += pages.counts.written;
  ctx.counts.failed += pages.counts.failed;
  return letters;
}
