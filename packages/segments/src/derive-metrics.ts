import type { LifetimeFigures, Money } from "@omnibridge/core-model";
import { divideRounded, toRational } from "./exchange";
import type { MetricsAccumulator } from "./metrics-accumulator";

const DAY_MS = 86_400_000;
/** Frequency is never measured over less than this many days (one order yesterday ≠ 30/month). */
export const MIN_SPAN_DAYS = 30;
/** Default expected customer lifespan for CLV, in years. */
export const DEFAULT_LIFESPAN_YEARS = 3;

/** How far CLV looks ahead. */
export interface LifespanOptions {
  /** Expected customer lifespan in years (decimal allowed, read exactly); default 3. */
  readonly lifespanYears?: number | string;
}

/**
 * Figures of one customer or company as of an instant. Money is integer minor units of the
 * reporting currency. Only counted orders (not draft, cancelled or returned) contribute anywhere.
 */
export interface CustomerMetrics {
  readonly subjectKey: string;
  /** The instant recency and frequency are measured against (ISO). */
  readonly asOf: string;
  readonly orderCount: number;
  /** Σ order totals (tax and shipping included), each converted once to the reporting currency. */
  readonly revenue: Money;
  /** Σ order subtotals: the lines after discounts, without tax and shipping. */
  readonly netSales: Money;
  /** Σ unit cost × quantity; null when any counted order has a line whose cost is unknown. */
  readonly cost: Money | null;
  /** netSales − cost; null when cost is null (never a guess from partial costs). */
  readonly margin: Money | null;
  /** margin ÷ netSales, 4 decimals; null when margin is null or netSales is not positive. */
  readonly marginRate: number | null;
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
  /** Whole days from the last order to asOf (floored, never negative); null without orders. */
  readonly recencyDays: number | null;
  /** Whole days from the first order to asOf (floored, never negative); null without orders. */
  readonly tenureDays: number | null;
  /**
   * Orders per 30 days over the active span: `orderCount × 30 / max(30, tenureDays)`. The span runs
   * from the first order to asOf (not to the last order, so lapsed customers' frequency decays);
   * the 30-day floor keeps a brand-new customer at ≤ orderCount per month. 0 without orders.
   */
  readonly purchaseFrequency: number;
  /** revenue ÷ orderCount, rounded half up; null without orders. */
  readonly averageOrderValue: Money | null;
  /**
   * Customer lifetime value: AOV × orders per year × lifespan years × margin rate, i.e.
   * `revenue × 365 × lifespanYears ÷ max(30, tenureDays) × (margin ÷ netSales)`, computed as one
   * exact fraction and rounded once. Without a known margin rate the factor is 1 (revenue CLV);
   * {@link clvBasis} says which. Negative margins give a negative CLV on purpose.
   */
  readonly clv: Money;
  readonly clvBasis: "margin" | "revenue";
  /** The party is a company or a contact of one, or any counted order was placed for a company. */
  readonly isB2B: boolean;
  /** Counted orders per sales channel. */
  readonly channels: Readonly<Record<string, number>>;
}

/** Derive {@link CustomerMetrics} from an accumulator; O(channels), no order scan. */
export function deriveMetrics(
  acc: MetricsAccumulator,
  asOf: string,
  options: LifespanOptions & { reportingCurrency: string },
): CustomerMetrics {
  const currency = options.reportingCurrency;
  const money = (amount: number): Money => ({ amount, currency });
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not an instant: ${JSON.stringify(asOf)}`);
  const days = (fromMs: number | null) => (fromMs === null ? null : Math.max(0, Math.floor((asOfMs - fromMs) / DAY_MS)));
  const tenureDays = days(acc.firstMs);
  const spanDays = Math.max(MIN_SPAN_DAYS, tenureDays ?? 0);
  const costKnown = acc.orderCount > 0 && acc.unknownCostOrders === 0;
  const margin = costKnown ? acc.netSales - acc.cost : null;
  const rateKnown = margin !== null && acc.netSales > 0;
  return {
    subjectKey: acc.subjectKey, asOf: new Date(asOfMs).toISOString(), orderCount: acc.orderCount,
    revenue: money(acc.revenue), netSales: money(acc.netSales),
    cost: costKnown ? money(acc.cost) : null, margin: margin === null ? null : money(margin),
    marginRate: rateKnown ? Math.round((margin / acc.netSales) * 10_000) / 10_000 : null,
    firstOrderAt: acc.firstMs === null ? null : new Date(acc.firstMs).toISOString(),
    lastOrderAt: acc.lastMs === null ? null : new Date(acc.lastMs).toISOString(),
    recencyDays: days(acc.lastMs), tenureDays,
    purchaseFrequency: (acc.orderCount * MIN_SPAN_DAYS) / spanDays,
    averageOrderValue: acc.orderCount === 0 ? null : money(Number(divideRounded(BigInt(acc.revenue), BigInt(acc.orderCount)))),
    clv: money(clvAmount(acc, spanDays, rateKnown ? margin : null, options.lifespanYears ?? DEFAULT_LIFESPAN_YEARS)),
    clvBasis: rateKnown ? "margin" : "revenue",
    isB2B: acc.b2bParty || acc.b2bOrders > 0,
    channels: { ...acc.channels },
  };
}

function clvAmount(acc: MetricsAccumulator, spanDays: number, margin: number | null, lifespanYears: number | string): number {
  if (acc.orderCount === 0) return 0;
  const years = toRational(lifespanYears);
  let top = BigInt(acc.revenue) * 365n * years.numerator;
  let bottom = BigInt(spanDays) * years.denominator;
  if (margin !== null) {
    top *= BigInt(margin);
    bottom *= BigInt(acc.netSales);
  }
  return Number(divideRounded(top, bottom));
}

/** The canonical lifetime figures (as pushed to the CRM) of a party's metrics. */
export function toLifetimeFigures(metrics: CustomerMetrics): LifetimeFigures {
  return {
    orderCount: metrics.orderCount, revenue: metrics.revenue,
    firstOrderAt: metrics.firstOrderAt, lastOrderAt: metrics.lastOrderAt, clv: metrics.clv,
  };
}

/** Midnight UTC of the day containing `instant`, as ISO (a stable asOf for a whole day of runs). */
export function startOfUtcDay(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms - (ms % 86_400_000)).toISOString();
}
