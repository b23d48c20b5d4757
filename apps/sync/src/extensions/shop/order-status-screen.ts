import type { AnyEntity } from "@omnibridge/core-model";
import type { PageHooks } from "../../engine/extension";

/** Why an ERP order does not go back to a shop. */
export const NOT_FROM_SHOP = "not_from_shop";

/**
 * The status flow reads every ERP order; only orders the shop placed go back to it (the golden
 * order carries the shop's id). The others are counted as skipped with a reason, never dropped
 * silently: phone and store orders, or orders of another shop.
 */
export function orderStatusScreen(shop: string): NonNullable<PageHooks["screen"]> {
  return async (ctx, repos, items) => {
    const known = await repos.golden.load("order", items.map((item) => item.key));
    const kept: AnyEntity[] = [];
    let skipped = 0;
    for (const item of items) {
      const fromShop = known.get(item.key)?.externalIds[shop] ?? item.externalIds?.[shop];
      if (fromShop) kept.push(item);
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
