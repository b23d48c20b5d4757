import type { FulfilmentStatus, OrderStatus, PaymentStatus } from "@omnibridge/core-model";

/**
 * Shopware's three default state machines (core basic data; the order-management guide names the
 * actions: docs/guides/quick-start/05-order-management.md, and
 * https://developer.shopware.com/docs/concepts/commerce/checkout-concept/orders#state-management).
 * Each entry: state → { action → next state }. A shop may extend them; the connector only walks
 * these defaults, and an action the shop refuses comes back as a per-record failure.
 */
export type ShopwareMachine = "order" | "order_delivery" | "order_transaction";

export const SHOPWARE_TRANSITIONS: Readonly<Record<ShopwareMachine, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  order: {
    open: { process: "in_progress", cancel: "cancelled", complete: "completed" },
    in_progress: { complete: "completed", cancel: "cancelled", reopen: "open" },
    completed: { reopen: "open" },
    cancelled: { reopen: "open" },
  },
  order_delivery: {
    open: { ship: "shipped", ship_partially: "shipped_partially", cancel: "cancelled" },
    shipped_partially: { ship: "shipped", retour: "returned", retour_partially: "returned_partially", reopen: "open" },
    shipped: { retour: "returned", retour_partially: "returned_partially", reopen: "open" },
    returned_partially: { retour: "returned", reopen: "open" },
    returned: { reopen: "open" },
    cancelled: { reopen: "open" },
  },
  order_transaction: {
    open: { authorize: "authorized", paid: "paid", paid_partially: "paid_partially", cancel: "cancelled", fail: "failed", remind: "reminded" },
    authorized: { paid: "paid", paid_partially: "paid_partially", cancel: "cancelled", fail: "failed" },
    paid_partially: { paid: "paid", refund: "refunded", refund_partially: "refunded_partially", cancel: "cancelled" },
    paid: { refund: "refunded", refund_partially: "refunded_partially", cancel: "cancelled" },
    refunded_partially: { refund: "refunded", cancel: "cancelled" },
    reminded: { paid: "paid", paid_partially: "paid_partially", cancel: "cancelled" },
    failed: { reopen: "open", paid: "paid" },
    cancelled: { reopen: "open" },
    refunded: {},
  },
};

/** The shortest chain of actions from `from` to `to` in a machine; `[]` when equal, null when unreachable. */
export function shopwareActionPath(machine: ShopwareMachine, from: string, to: string): string[] | null {
  if (from === to) return [];
  const table = SHOPWARE_TRANSITIONS[machine];
  const previous = new Map<string, { state: string; action: string } | null>([[from, null]]);
  const queue = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const [action, next] of Object.entries(table[state] ?? {})) {
      if (previous.has(next)) continue;
      previous.set(next, { state, action });
      queue.push(next);
    }
  }
  if (!previous.has(to)) return null;
  const actions: string[] = [];
  for (let step = previous.get(to); step; step = previous.get(step.state)) actions.unshift(step.action);
  return actions;
}

/** Order state → canonical order status (a delivery state refines it, see to-order.ts). */
export const ORDER_STATUS_OF: Readonly<Record<string, OrderStatus>> = {
  open: "pending", in_progress: "confirmed", completed: "fulfilled", cancelled: "cancelled",
};
/** Canonical order status → the order state written back. */
export const ORDER_STATE_FOR: Readonly<Record<OrderStatus, string>> = {
  draft: "open", pending: "open", confirmed: "in_progress", partially_fulfilled: "in_progress",
  fulfilled: "completed", returned: "completed", cancelled: "cancelled",
};

/** Delivery state → canonical fulfilment status. */
export const FULFILMENT_STATUS_OF: Readonly<Record<string, FulfilmentStatus>> = {
  open: "unfulfilled", shipped_partially: "partially_shipped", shipped: "shipped",
  returned_partially: "partially_returned", returned: "returned", cancelled: "cancelled",
};
/**
 * Canonical fulfilment status → delivery state. Shopware's delivery machine has no `delivered`
 * (shipped is its last forward state) and no pickup state: ready_for_pickup stays `open`.
 */
export const DELIVERY_STATE_FOR: Readonly<Record<FulfilmentStatus, string>> = {
  unfulfilled: "open", ready_for_pickup: "open", partially_shipped: "shipped_partially", shipped: "shipped",
  delivered: "shipped", partially_returned: "returned_partially", returned: "returned", cancelled: "cancelled",
};

/** Transaction state → canonical payment status; states without an equal are read as the nearest and flagged. */
export const PAYMENT_STATUS_OF: Readonly<Record<string, { status: PaymentStatus; exact: boolean }>> = {
  open: { status: "unpaid", exact: true }, unconfirmed: { status: "unpaid", exact: true }, in_progress: { status: "unpaid", exact: true },
  reminded: { status: "unpaid", exact: true }, failed: { status: "unpaid", exact: true }, cancelled: { status: "unpaid", exact: true },
  authorized: { status: "authorized", exact: true }, paid: { status: "paid", exact: true },
  paid_partially: { status: "authorized", exact: false }, refunded: { status: "refunded", exact: true },
  refunded_partially: { status: "partially_refunded", exact: true }, chargeback: { status: "refunded", exact: false },
};
/** Canonical payment status → transaction state written back. */
export const TRANSACTION_STATE_FOR: Readonly<Record<PaymentStatus, string>> = {
  unpaid: "open", authorized: "authorized", paid: "paid", refunded: "refunded", partially_refunded: "refunded_partially",
};
