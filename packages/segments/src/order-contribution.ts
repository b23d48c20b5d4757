import type { Money, Order, SalesChannel } from "@omnibridge/core-model";
import { convertMoney, divideRounded, toRational, type ExchangeRates } from "./exchange";

/** Statuses whose orders are not purchases: they count nowhere (not revenue, count, recency). */
export const NOT_COUNTED_STATUSES: ReadonlySet<Order["status"]> = new Set(["draft", "cancelled", "returned"]);

/** Unit cost price of a SKU in any currency; null/undefined when unknown. */
export type CostLookup = (sku: string) => Money | null | undefined;

/** How orders are valued. */
export interface ValuationOptions {
  /** ISO 4217 code every figure is reported in. */
  readonly reportingCurrency: string;
  /** Rates into the reporting currency (see {@link ExchangeRates}). */
  readonly rates: ExchangeRates;
  /** Unit cost lookup; omit when no cost prices are known (margin is then null). */
  readonly costOf?: CostLookup;
}

/** What one counted order adds to its customer's figures, in reporting minor units. */
export interface OrderContribution {
  readonly orderKey: string;
  readonly placedAtMs: number;
  readonly channel: SalesChannel;
  /** Placed for a company (`order.companyKey` set). */
  readonly b2b: boolean;
  /** `order.total`: what the customer paid, tax and shipping included. */
  readonly revenue: number;
  /** `order.subtotal`: the lines after their discounts, without tax and shipping. */
  readonly netSales: number;
  /** Σ unit cost × quantity over the lines; null when any line's cost is unknown. */
  readonly cost: number | null;
}

/**
 * The contribution of one order, or null when its status does not count (draft, cancelled,
 * returned). Each amount is converted once per order and rounded once, so adding and removing
 * contributions is exact integer arithmetic.
 */
export function contributionOf(order: Order, options: ValuationOptions): OrderContribution | null {
  if (NOT_COUNTED_STATUSES.has(order.status)) return null;
  const convert = (money: Money, field: string) =>
    convertMoney(money, options.reportingCurrency, options.rates, `order ${order.key} ${field}`).amount;
  return {
    orderKey: order.key,
    placedAtMs: Date.parse(order.placedAt),
    channel: order.channel,
    b2b: Boolean(order.companyKey),
    revenue: convert(order.total, "total"),
    netSales: convert(order.subtotal, "subtotal"),
    cost: costOfLines(order, options, convert),
  };
}

function costOfLines(order: Order, options: ValuationOptions, convert: (money: Money, field: string) => number): number | null {
  if (!options.costOf) return null;
  let cost = 0;
  for (const [i, line] of order.lines.entries()) {
    const unit = options.costOf(line.sku);
    if (!unit) return null;
    // Quantities may be fractional (1.5 kg): multiply exactly, round once to minor units.
    const quantity = toRational(line.quantity);
    const amount = Number(divideRounded(BigInt(unit.amount) * quantity.numerator, quantity.denominator));
    cost += convert({ amount, currency: unit.currency }, `lines.${i} cost of ${line.sku}`);
  }
  return cost;
}
