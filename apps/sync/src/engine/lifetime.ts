import type { LifetimeFigures, Order } from "@omnibridge/core-model";

/** Orders that do not count towards revenue. */
const NOT_REVENUE = new Set(["cancelled", "returned", "draft"]);
const YEAR_MS = 365 * 86_400_000;
/** Horizon of the simple CLV estimate, in years. */
export const CLV_HORIZON_YEARS = 3;

/**
 * Lifetime figures of one customer or company from its orders of every channel. Revenue is the
 * sum of totals (minor units) of non-cancelled orders in the currency most of them use; CLV is
 * revenue per active year (at least one) times a {@link CLV_HORIZON_YEARS}-year horizon.
 */
export function computeLifetime(orders: readonly Pick<Order, "status" | "currency" | "total" | "placedAt">[]): LifetimeFigures | null {
  if (orders.length === 0) return null;
  const counting = orders.filter((o) => !NOT_REVENUE.has(o.status));
  const perCurrency = new Map<string, number>();
  for (const o of counting) perCurrency.set(o.currency, (perCurrency.get(o.currency) ?? 0) + 1);
  const currency = [...perCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? orders[0]!.currency;
  const revenue = counting.filter((o) => o.total.currency === currency).reduce((sum, o) => sum + o.total.amount, 0);
  const times = orders.map((o) => Date.parse(o.placedAt)).sort((a, b) => a - b);
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const years = Math.max(1, (last - first) / YEAR_MS);
  return {
    orderCount: orders.length,
    revenue: { amount: revenue, currency },
    firstOrderAt: new Date(first).toISOString(),
    lastOrderAt: new Date(last).toISOString(),
    clv: { amount: Math.round((revenue / years) * CLV_HORIZON_YEARS), currency },
  };
}
