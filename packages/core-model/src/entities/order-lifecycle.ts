import { z } from "zod";
import { canonicalKeySchema, externalIdsSchema, refSchema, timestampSchema } from "./primitives";

/** Lifecycle status of an order as a whole. */
export const orderStatusSchema = z.enum(["draft", "pending", "confirmed", "fulfilled", "partially_fulfilled", "cancelled", "returned"]);
/** Order status. */
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Payment status of an order (all its payments together). */
export const paymentStatusSchema = z.enum(["unpaid", "authorized", "paid", "refunded", "partially_refunded"]);
/** Payment status. */
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/**
 * Fulfilment status of an order (all its shipments together). `ready_for_pickup` is click &
 * collect: the goods wait at the order's pickup location; `delivered` then means collected.
 */
export const fulfilmentStatusSchema = z.enum([
  "unfulfilled", "partially_shipped", "shipped", "ready_for_pickup", "delivered", "partially_returned", "returned", "cancelled",
]);
/** Fulfilment status. */
export type FulfilmentStatus = z.infer<typeof fulfilmentStatusSchema>;

/** Status of one shipment (parcel or pickup hand-over). */
export const shipmentStatusSchema = z.enum(["pending", "ready_for_pickup", "shipped", "delivered", "returned", "cancelled"]);
/** Shipment status. */
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;

/** Quantity of one order line in a shipment. */
export const shipmentLineSchema = z.object({
  /** The order line's `lineKey`. */
  lineKey: canonicalKeySchema,
  quantity: z.number().finite().positive("must be positive"),
});
/** A shipment line. */
export type ShipmentLine = z.infer<typeof shipmentLineSchema>;

/**
 * A shipment (fulfilment) of an order: what left which location, with which carrier and
 * tracking. `lines` empty means the whole order.
 */
export const shipmentSchema = z.object({
  /** Stable key of the shipment, unique within its order (e.g. `${orderKey}/1`). */
  key: canonicalKeySchema,
  externalIds: externalIdsSchema.default({}),
  status: shipmentStatusSchema,
  /** Carrier name or code (`DHL`, `ups`). */
  carrier: z.string().min(1).max(128).nullish(),
  /** Shipping method as the shop names it (`Standard`, `Express`). */
  method: z.string().max(255).nullish(),
  trackingNumbers: z.array(z.string().min(1).max(128)).default([]),
  trackingUrl: z.url({ protocol: /^https?$/ }).nullish(),
  lines: z.array(shipmentLineSchema).default([]),
  /** Location the goods left from (warehouse, or the store for pickup). */
  locationKey: refSchema.nullish(),
  shippedAt: timestampSchema.nullish(),
  deliveredAt: timestampSchema.nullish(),
});
/** A shipment of an order. */
export type Shipment = z.infer<typeof shipmentSchema>;
/** A shipment as accepted before defaults apply. */
export type ShipmentInput = z.input<typeof shipmentSchema>;

/** The three status machines of an order. */
export type StatusMachine = "order" | "payment" | "fulfilment";
/** The status type of a machine. */
export type StatusOf<M extends StatusMachine> = M extends "order" ? OrderStatus : M extends "payment" ? PaymentStatus : FulfilmentStatus;

const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ["pending", "confirmed", "cancelled"],
  pending: ["confirmed", "cancelled"],
  confirmed: ["partially_fulfilled", "fulfilled", "cancelled"],
  partially_fulfilled: ["fulfilled", "returned"],
  fulfilled: ["returned"],
  // Reopening a cancelled order is what shops offer (Shopware `reopen`); it starts over as pending.
  cancelled: ["pending"],
  returned: [],
};

const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  unpaid: ["authorized", "paid"],
  // An authorisation is captured (paid) or voided (back to unpaid).
  authorized: ["paid", "unpaid"],
  paid: ["partially_refunded", "refunded"],
  partially_refunded: ["refunded"],
  refunded: [],
};

const FULFILMENT_TRANSITIONS: Readonly<Record<FulfilmentStatus, readonly FulfilmentStatus[]>> = {
  unfulfilled: ["partially_shipped", "shipped", "ready_for_pickup", "cancelled"],
  partially_shipped: ["shipped", "partially_returned", "returned", "cancelled"],
  shipped: ["delivered", "partially_returned", "returned"],
  ready_for_pickup: ["delivered", "cancelled"],
  delivered: ["partially_returned", "returned"],
  partially_returned: ["returned"],
  returned: [],
  cancelled: ["unfulfilled"],
};

const MACHINES: { [M in StatusMachine]: Readonly<Record<StatusOf<M>, readonly StatusOf<M>[]>> } = {
  order: ORDER_TRANSITIONS,
  payment: PAYMENT_TRANSITIONS,
  fulfilment: FULFILMENT_TRANSITIONS,
};

/** The statuses `from` may move to in one step (never itself). */
export function allowedTransitions<M extends StatusMachine>(machine: M, from: StatusOf<M>): readonly StatusOf<M>[] {
  const table = MACHINES[machine] as Readonly<Record<string, readonly StatusOf<M>[]>>;
  const next = Object.hasOwn(table, from) ? table[from] : undefined;
  if (next === undefined) throw new RangeError(`unknown ${machine} status ${JSON.stringify(from)}`);
  return next;
}

/** True when `from` may move to `to` in one step. Staying in the same status is no transition: false. */
export function canTransition<M extends StatusMachine>(machine: M, from: StatusOf<M>, to: StatusOf<M>): boolean {
  return allowedTransitions(machine, from).includes(to);
}

/**
 * The shortest chain of allowed steps from `from` to `to` (excluding `from`): `[]` when they are
 * equal, `null` when `to` cannot be reached. Vendors whose state machines move one step at a time
 * (Shopware) replay the chain; each step maps to one vendor action.
 */
export function transitionPath<M extends StatusMachine>(machine: M, from: StatusOf<M>, to: StatusOf<M>): StatusOf<M>[] | null {
  allowedTransitions(machine, to); // validates `to`
  const previous = new Map<StatusOf<M>, StatusOf<M> | null>([[from, null]]);
  const queue: StatusOf<M>[] = [from];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (current === to) break;
    for (const next of allowedTransitions(machine, current)) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return null;
  const path: StatusOf<M>[] = [];
  for (let step: StatusOf<M> | null | undefined = to; step !== null && step !== undefined && step !== from; step = previous.get(step)) {
    path.unshift(step);
  }
  return path;
}
