import { setTimeout as delay } from "node:timers/promises";
import { ConnectorError, type Order, type WriteOutcome } from "@omnibridge/core-model";
import { chunk } from "@omnibridge/connector-kit";
import { shopwareOrderSchema, type ShopwareOrder } from "../shopware-api";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { DELIVERY_STATE_FOR, ORDER_STATE_FOR, TRANSACTION_STATE_FOR, shopwareActionPath, type ShopwareMachine } from "../shopware-states";
import { ORDER_ASSOCIATIONS } from "../streams/read-orders";
import { SHOPWARE_MAX_PAGE } from "../streams/shopware-keyset";
import { syncRecords, type SyncItem, type SyncRow } from "./shopware-sync-batch";

const OPS = { delivery: "omnibridge-delivery", order: "omnibridge-order" } as const;

async function ordersByNumber(client: ShopwareClient, numbers: string[], signal?: AbortSignal): Promise<Map<string, ShopwareOrder>> {
  const found = new Map<string, ShopwareOrder>();
  for (const part of chunk(numbers, SHOPWARE_MAX_PAGE)) {
    const { rows } = await client.search("order", {
      limit: part.length, filter: [{ type: "equalsAny", field: "orderNumber", value: part }], associations: ORDER_ASSOCIATIONS,
    }, signal);
    for (const row of rows) {
      const order = shopwareOrderSchema.parse(row);
      if (order.orderNumber) found.set(order.orderNumber, order);
    }
  }
  return found;
}

/** Tracking codes per delivery (a shipment names its delivery by external id, else the first) and the pickup field. */
function updateRows(order: Order, raw: ShopwareOrder, context: ShopwareMapContext): SyncRow[] {
  const rows: SyncRow[] = [];
  const deliveries = raw.deliveries ?? [];
  const codes = new Map<string, Set<string>>();
  for (const shipment of order.shipments ?? []) {
    const id = shipment.externalIds[context.system] ?? deliveries[0]?.id;
    if (!id || shipment.trackingNumbers.length === 0) continue;
    const set = codes.get(id) ?? new Set(deliveries.find((d) => d.id === id)?.trackingCodes ?? []);
    shipment.trackingNumbers.forEach((code) => set.add(code));
    codes.set(id, set);
  }
  for (const [id, set] of codes) {
    const current = deliveries.find((d) => d.id === id)?.trackingCodes ?? [];
    if (set.size !== current.length) rows.push({ op: OPS.delivery, payload: { id, trackingCodes: [...set] } });
  }
  const field = context.settings.pickupLocationField;
  if (order.pickupLocationKey && raw.customFields?.[field] !== order.pickupLocationKey) {
    rows.push({ op: OPS.order, payload: { id: raw.id, customFields: { ...raw.customFields, [field]: order.pickupLocationKey } } });
  }
  return rows;
}

/** The state moves an order needs: each machine from its current state to the one the canonical status stands for. */
function moves(order: Order, raw: ShopwareOrder): Array<{ machine: ShopwareMachine; id: string; from: string; to: string }> {
  const out: Array<{ machine: ShopwareMachine; id: string; from: string; to: string }> = [];
  const delivery = raw.deliveries?.[0];
  if (delivery && order.fulfilmentStatus) {
    out.push({ machine: "order_delivery", id: delivery.id, from: delivery.stateMachineState?.technicalName ?? "open", to: DELIVERY_STATE_FOR[order.fulfilmentStatus] });
  }
  const transaction = [...(raw.transactions ?? [])].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "")).at(-1);
  if (transaction) {
    out.push({ machine: "order_transaction", id: transaction.id, from: transaction.stateMachineState?.technicalName ?? "open", to: TRANSACTION_STATE_FOR[order.paymentStatus] });
  }
  out.push({ machine: "order", id: raw.id, from: raw.stateMachineState?.technicalName ?? "open", to: ORDER_STATE_FOR[order.status] });
  return out.filter((m) => m.from !== m.to);
}

/** Attempts of one transition answered 429 (Shopware did not act on those: safe to send again). */
const RATE_LIMITED_ATTEMPTS = 5;

/**
 * One state transition. Transitions are not retried blindly (a repeat after a lost answer is refused
 * as illegal), but a 429 means the shop did nothing: wait its Retry-After (1 s when absent, at most
 * 30 s) and send it again.
 */
async function transitionOnce(
  client: ShopwareClient, machine: ShopwareMachine, id: string, action: string, signal?: AbortSignal,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.transition(machine, id, action, signal);
      return;
    } catch (error) {
      if (!ConnectorError.is(error) || error.reason !== "rate_limited" || attempt >= RATE_LIMITED_ATTEMPTS) throw error;
      await delay(Math.min(error.retryAfterMs ?? 1000, 30_000), undefined, signal ? { signal } : {});
    }
  }
}

async function transition(client: ShopwareClient, order: Order, raw: ShopwareOrder, signal?: AbortSignal): Promise<WriteOutcome | number> {
  let steps = 0;
  for (const move of moves(order, raw)) {
    const path = shopwareActionPath(move.machine, move.from, move.to);
    const field = move.machine === "order" ? "status" : move.machine === "order_delivery" ? "fulfilmentStatus" : "paymentStatus";
    if (!path) {
      return { key: order.key, status: "failed", issue: { recordKey: order.key, field, reason: "conflict", message: `Shopware's ${move.machine} state machine has no way from ${move.from} to ${move.to}` } };
    }
    for (const action of path) {
      try {
        await transitionOnce(client, move.machine, move.id, action, signal);
        steps++;
      } catch (error) {
        if (!ConnectorError.is(error) || error.reason === "unauthorized" || error.reason === "forbidden") throw error;
        // An illegal move, or a 5xx / timeout whose effect is unknown: this order fails (a dead letter the next
        // run or a replay recomputes from the state Shopware then reports); the other orders go on.
        return { key: order.key, status: "failed", issue: { recordKey: order.key, field, reason: error.reason, message: error.message, ...(error.vendorCode ? { vendorCode: error.vendorCode } : {}) } };
      }
    }
  }
  return steps;
}

/**
 * Order write-back: orders are placed in the shop, so a write finds each order by its number and brings
 * Shopware in line with the canonical record — tracking codes on the deliveries and the pickup field
 * (one `_action/sync`), then state-machine transitions for delivery, payment and order, step by step
 * along Shopware's default machines (`POST /api/_action/{order_delivery|order_transaction|order}/{id}/state/{action}`).
 * An order Shopware does not have fails (`not_found`); an illegal transition fails with Shopware's message.
 */
export async function writeOrders(
  client: ShopwareClient, context: ShopwareMapContext, records: readonly Order[], signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const existing = await ordersByNumber(client, [...new Set(records.map((o) => o.number))], signal);
  const items: SyncItem[] = records.flatMap((order) => {
    const raw = existing.get(order.number);
    const rows = raw ? updateRows(order, raw, context) : [];
    return rows.length ? [{ key: order.key, rows }] : [];
  });
  const plan = [{ op: OPS.delivery, entity: "order_delivery", action: "upsert" as const }, { op: OPS.order, entity: "order", action: "upsert" as const }];
  const results = items.length ? await syncRecords(client, plan, items, signal) : new Map();
  const outcomes: WriteOutcome[] = [];
  for (const order of records) {
    const raw = existing.get(order.number);
    if (!raw) {
      outcomes.push({ key: order.key, status: "failed", issue: { recordKey: order.key, field: "number", reason: "not_found", message: `order ${order.number} is not in Shopware; orders are placed in the shop, write-back only updates them` } });
      continue;
    }
    const issue = results.get(order.key);
    if (issue) {
      outcomes.push({ key: order.key, status: "failed", issue });
      continue;
    }
    const moved = await transition(client, order, raw, signal);
    if (typeof moved !== "number") outcomes.push(moved);
    else outcomes.push({ key: order.key, status: moved > 0 || results.has(order.key) ? "updated" : "unchanged", externalId: raw.id });
  }
  return outcomes;
}
