import type { OrderContribution } from "./order-contribution";

/**
 * Running figures of one customer (or company) built from per-order contributions. Immutable:
 * every operation returns a new accumulator. Because each order's contribution is kept by order
 * key, a changed order is replaced without rescanning the other orders, and re-delivering the
 * same order (at-least-once sync) changes nothing.
 */
export interface MetricsAccumulator {
  readonly subjectKey: string;
  /** The party itself is B2B (a company, or a contact of one). */
  readonly b2bParty: boolean;
  readonly orders: ReadonlyMap<string, OrderContribution>;
  readonly orderCount: number;
  readonly revenue: number;
  readonly netSales: number;
  /** Σ known costs; meaningful only when {@link unknownCostOrders} is 0. */
  readonly cost: number;
  readonly unknownCostOrders: number;
  readonly b2bOrders: number;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /** Counted orders per sales channel (channels with none are absent). */
  readonly channels: Readonly<Record<string, number>>;
}
