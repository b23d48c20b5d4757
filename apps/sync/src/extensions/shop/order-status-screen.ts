import { z } from "zod";
import type { AnyEntity } from "@omnibridge/core-model";
import type { PageHooks } from "../../engine/extension";
import type { Repos } from "../../state";

/** Why an ERP order does not go back to a shop. */
export const NOT_FROM_SHOP = "not_from_shop";

/**
 * The status flow reads every ERP order; only orders the shop placed go back to it (the golden
 * order carries the shop's id). The others are counted as skipped with a reason, never dropped
 * silently: phone and store orders, or orders of another shop.
 *
 * A shop whose order key is not its order number (Medusa: `order_…` ids; the ERP keys its orders by
 * the channel's number) is found through the id the ERP answered the create with: the ERP's order
 * is carried under the golden order's key, so its status lands on the shop's order.
 */
export function orderStatusScreen(shop: string): NonNullable<PageHooks["screen"]> {
  return async (ctx, repos, items) => {
    const erp = ctx.flow.source.system;
    const known = await repos.golden.load("order", items.map((item) => item.key));
    const fromShop = (item: AnyEntity) => Boolean(known.get(item.key)?.externalIds[shop] ?? item.externalIds?.[shop]);
    const viaErpId = await shopOrdersByErpId(repos, erp, shop, items.filter((item) => !fromShop(item)));
    const kept: AnyEntity[] = [];
    let skipped = 0;
    for (const item of items) {
      const rekeyed = fromShop(item) ? item : viaErpId.get(item);
      if (rekeyed) kept.push(rekeyed);
      else skipped += 1;
    }
    if (skipped > 0) {
      ctx.counts.skipped += skipped;
      const byReason = (ctx.warnings.skipped[ctx.flow.name] ??= {});
      byReason[NOT_FROM_SHOP] = (byReason[NOT_FROM_SHOP] ?? 0) + skipped;
    }
    return kept;
  };
}

/**
 * The ERP orders (of a page) under the key of the golden order their ERP id was recorded for, when that
 * order came from the shop: one id-map query and one golden load for the page.
 */
async function shopOrdersByErpId(repos: Repos, erp: string, shop: string, items: readonly AnyEntity[]): Promise<Map<AnyEntity, AnyEntity>> {
  const out = new Map<AnyEntity, AnyEntity>();
  const withId = items.flatMap((item) => (item.externalIds?.[erp] ? [{ item, erpId: item.externalIds[erp] }] : []));
  if (!withId.length) return out;
  const keysById = await repos.targets.keysByExternalId("order", erp, withId.map((w) => w.erpId));
  const goldens = await repos.golden.load("order", [...keysById.values()].flat());
  for (const { item, erpId } of withId) {
    const keys = (keysById.get(erpId) ?? []).filter((key) => key !== item.key);
    // The same number too: an ERP id recorded against an earlier ERP database (a reset emulator) is not this order.
    const number = (item as { number?: unknown }).number;
    const golden = keys.map((key) => goldens.get(key))
      .find((g) => g?.externalIds[shop] && !g.deletedAt && g.fields.number?.value === number);
    if (golden) out.set(item, inShopTerms(item, golden.key, golden.fields.lines?.value));
  }
  return out;
}

const lineRefSchema = z.object({ lineKey: z.string(), sku: z.string() });
const orderLinesSchema = z.object({
  lines: z.array(lineRefSchema.loose()).default([]),
  shipments: z.array(z.object({ lines: z.array(z.object({ lineKey: z.string() }).loose()).default([]) }).loose()).nullish(),
}).loose();

/**
 * The ERP's order under the shop order's key, its lines (and the shipment lines pointing at them)
 * under the shop's line keys, matched by SKU in order: the shop fulfils its own line items. A line the
 * shop does not have keeps the ERP's key (the shop's writer reports it).
 */
function inShopTerms(item: AnyEntity, key: string, shopLines: unknown): AnyEntity {
  const parsed = orderLinesSchema.safeParse(item);
  const known = z.array(lineRefSchema.loose()).safeParse(shopLines);
  if (!parsed.success || !known.success) return { ...item, key };
  const free = [...known.data];
  const keyOf = new Map<string, string>();
  for (const line of parsed.data.lines) {
    const index = free.findIndex((candidate) => candidate.sku === line.sku);
    if (index < 0) continue;
    keyOf.set(line.lineKey, free[index]!.lineKey);
    free.splice(index, 1);
  }
  const rekey = <T extends { lineKey: string }>(line: T): T => ({ ...line, lineKey: keyOf.get(line.lineKey) ?? line.lineKey });
  return { ...item, key, lines: parsed.data.lines.map(rekey),
    shipments: parsed.data.shipments?.map((s) => ({ ...s, lines: s.lines.map(rekey) })) ?? parsed.data.shipments } as AnyEntity;
}
