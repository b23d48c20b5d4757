import { entitySchemas, type EntityKind } from "@omnibridge/core-model";
import type { World } from "@omnibridge/testkit";

/** A record without bookkeeping members, for record-by-record comparison. */
export function business(record: Record<string, unknown>): Record<string, unknown> {
  const { externalIds: _e, updatedAt: _u, ...rest } = record;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/** The world's valid records of a kind, canonicalised (defaults applied), by key. */
export function validWorldRecords(world: World, entity: EntityKind): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const record of world.records(entity) as Iterable<Record<string, unknown>>) {
    const parsed = entitySchemas[entity].safeParse(record);
    if (parsed.success) out.set(String(record.key), business(parsed.data as Record<string, unknown>));
  }
  return out;
}

/** Lifetime figures per customer/company computed straight from the world's orders (independent of the engine). */
export function worldLifetimes(world: World, party: "customerKey" | "companyKey"): Map<string, { orderCount: number; revenue: number; currency: string }> {
  const groups = new Map<string, Array<{ status: string; currency: string; total: { amount: number; currency: string } }>>();
  for (const order of world.orders()) {
    const key = order[party];
    if (!key || !entitySchemas.order.safeParse(order).success) continue;
    groups.set(key, [...(groups.get(key) ?? []), order]);
  }
  const out = new Map<string, { orderCount: number; revenue: number; currency: string }>();
  for (const [key, orders] of groups) {
    const counting = orders.filter((o) => !["cancelled", "returned", "draft"].includes(o.status));
    const tally = new Map<string, number>();
    for (const o of counting) tally.set(o.currency, (tally.get(o.currency) ?? 0) + 1);
    const currency = [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? orders[0]!.currency;
    out.set(key, { orderCount: orders.length, currency, revenue: counting.filter((o) => o.currency === currency).reduce((s, o) => s + o.total.amount, 0) });
  }
  return out;
}
