import type { Order } from "@omnibridge/core-model";
import { contributionOf, type OrderContribution, type ValuationOptions } from "./order-contribution";
import { deriveMetrics, type CustomerMetrics, type LifespanOptions } from "./derive-metrics";
import type { MetricsAccumulator } from "./metrics-accumulator";

export type { MetricsAccumulator } from "./metrics-accumulator";

/** Options of a {@link MetricsCalculator}: how orders are valued and how CLV looks ahead. */
export interface MetricsOptions extends ValuationOptions, LifespanOptions {}

/** Metrics operations bound to one valuation (reporting currency, rates, cost lookup). */
export interface MetricsCalculator {
  /** An accumulator with no orders. `b2b`: the party is a company or one of its contacts. */
  empty(subjectKey: string, b2b: boolean): MetricsAccumulator;
  /** Add an order, or replace the stored version with the same key (a cancelled version removes it). */
  applyOrder(acc: MetricsAccumulator, order: Order): MetricsAccumulator;
  /** Remove an order's contribution (by its key; unknown orders change nothing). */
  removeOrder(acc: MetricsAccumulator, order: Pick<Order, "key">): MetricsAccumulator;
  /** An order changed: take out `previous` (its key may differ from `next`'s), then apply `next`. */
  replaceOrder(acc: MetricsAccumulator, previous: Pick<Order, "key">, next: Order): MetricsAccumulator;
  /** Derived metrics as of an instant (recency, frequency, AOV, margin, CLV). */
  metrics(acc: MetricsAccumulator, asOf: string): CustomerMetrics;
  /** Fold all of a party's orders and derive its metrics in one go. */
  compute(subjectKey: string, b2b: boolean, orders: Iterable<Order>, asOf: string): CustomerMetrics;
}

/** Bind the metrics operations to one valuation. */
export function createMetricsCalculator(options: MetricsOptions): MetricsCalculator {
  const empty = (subjectKey: string, b2b: boolean) => emptyAccumulator(subjectKey, b2b);
  const removeOrder = (acc: MetricsAccumulator, order: Pick<Order, "key">) => withoutOrder(acc, order.key);
  const applyOrder = (acc: MetricsAccumulator, order: Order) => {
    const rest = withoutOrder(acc, order.key);
    const contribution = contributionOf(order, options);
    return contribution ? withContribution(rest, contribution) : rest;
  };
  const metrics = (acc: MetricsAccumulator, asOf: string) => deriveMetrics(acc, asOf, options);
  return {
    empty, applyOrder, removeOrder, metrics,
    replaceOrder: (acc, previous, next) => applyOrder(removeOrder(acc, previous), next),
    compute(subjectKey, b2b, orders, asOf) {
      let acc = empty(subjectKey, b2b);
      for (const order of orders) acc = applyOrder(acc, order);
      return metrics(acc, asOf);
    },
  };
}

function emptyAccumulator(subjectKey: string, b2bParty: boolean): MetricsAccumulator {
  return {
    subjectKey, b2bParty, orders: new Map(), orderCount: 0, revenue: 0, netSales: 0, cost: 0,
    unknownCostOrders: 0, b2bOrders: 0, firstMs: null, lastMs: null, channels: {},
  };
}

function withContribution(acc: MetricsAccumulator, c: OrderContribution): MetricsAccumulator {
  const orders = new Map(acc.orders).set(c.orderKey, c);
  return {
    ...acc, orders, orderCount: acc.orderCount + 1, revenue: acc.revenue + c.revenue,
    netSales: acc.netSales + c.netSales, cost: acc.cost + (c.cost ?? 0),
    unknownCostOrders: acc.unknownCostOrders + (c.cost === null ? 1 : 0), b2bOrders: acc.b2bOrders + (c.b2b ? 1 : 0),
    firstMs: acc.firstMs === null ? c.placedAtMs : Math.min(acc.firstMs, c.placedAtMs),
    lastMs: acc.lastMs === null ? c.placedAtMs : Math.max(acc.lastMs, c.placedAtMs),
    channels: { ...acc.channels, [c.channel]: (acc.channels[c.channel] ?? 0) + 1 },
  };
}

function withoutOrder(acc: MetricsAccumulator, orderKey: string): MetricsAccumulator {
  const c = acc.orders.get(orderKey);
  if (!c) return acc;
  const orders = new Map(acc.orders);
  orders.delete(orderKey);
  const channels = { ...acc.channels, [c.channel]: (acc.channels[c.channel] ?? 0) - 1 };
  if (channels[c.channel] === 0) delete channels[c.channel];
  // First/last can only move when the removed order sat on a boundary: rescan then, only then.
  const boundary = c.placedAtMs === acc.firstMs || c.placedAtMs === acc.lastMs;
  const times = boundary ? [...orders.values()].map((o) => o.placedAtMs) : [];
  return {
    ...acc, orders, channels, orderCount: acc.orderCount - 1, revenue: acc.revenue - c.revenue,
    netSales: acc.netSales - c.netSales, cost: acc.cost - (c.cost ?? 0),
    unknownCostOrders: acc.unknownCostOrders - (c.cost === null ? 1 : 0), b2bOrders: acc.b2bOrders - (c.b2b ? 1 : 0),
    firstMs: orders.size === 0 ? null : boundary ? times.reduce((a, b) => Math.min(a, b)) : acc.firstMs,
    lastMs: orders.size === 0 ? null : boundary ? times.reduce((a, b) => Math.max(a, b)) : acc.lastMs,
  };
}
