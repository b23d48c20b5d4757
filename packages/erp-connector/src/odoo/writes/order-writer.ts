import { z } from "zod";
import type { Order, WriteOutcome } from "@omnibridge/core-model";
import { odooMany2one, odooNumber, odooText } from "../odoo-api";
import type { OdooClient } from "../odoo-client";
import { fromOrder, type OrderWriteContext } from "../mappers/from-order";
import { KeyResolver } from "../streams/lookups";
import { createIdempotent, type PendingCreate } from "./create-idempotent";
import { ANONYMOUS_PARTNER_KEY } from "../partner-key";
import { partnersByRef } from "./partner-writer";
import { failed, rethrowIfBatchWide } from "./write-outcomes";

const orderRefSchema = z.array(z.object({ id: z.number(), client_order_ref: odooText, state: odooText.optional() }));
const codeSchema = z.array(z.object({ id: z.number(), default_code: odooText }));
const taxSchema = z.array(z.object({ id: z.number(), amount: odooNumber }));
const listSchema = z.array(z.object({ id: z.number(), currency_id: odooMany2one }));

/** sale.order ids by client_order_ref: the idempotency key of orders from other channels. */
async function ordersByRef(client: OdooClient, refs: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
  return new Map([...(await orderStatesByRef(client, refs, signal))].map(([ref, row]) => [ref, row.id]));
}

/** sale.order id and state by client_order_ref. */
async function orderStatesByRef(
  client: OdooClient, refs: readonly string[], signal?: AbortSignal,
): Promise<Map<string, { id: number; state: string | null }>> {
  if (!refs.length) return new Map();
  const rows = await client.call("sale.order", "search_read", {
    domain: [["client_order_ref", "in", [...new Set(refs)]]], fields: ["id", "client_order_ref", "state"],
  }, orderRefSchema, { signal });
  return new Map(rows.flatMap((r) => (r.client_order_ref ? [[r.client_order_ref, { id: r.id, state: r.state ?? null }] as const] : [])));
}

async function writeContext(
  client: OdooClient, orders: readonly Order[], special: { shippingSku: string; discountSku: string }, signal?: AbortSignal,
): Promise<OrderWriteContext> {
  const skus = [...new Set([...orders.flatMap((o) => o.lines.map((l) => l.sku)), special.shippingSku, special.discountSku])];
  const products = await client.call("product.product", "search_read", { domain: [["default_code", "in", skus]], fields: ["id", "default_code"] }, codeSchema, { signal });
  const partnerKeys = orders.flatMap((o) => [o.customerKey, o.companyKey].filter((k): k is string => Boolean(k)));
  const partners = await partnersByRef(client, partnerKeys, signal);
  const taxes = await client.call("account.tax", "search_read", { domain: [["type_tax_use", "=", "sale"], ["amount_type", "=", "percent"]], fields: ["id", "amount"] }, taxSchema, { signal });
  const lists = await client.call("product.pricelist", "search_read", { domain: [], fields: ["id", "currency_id"], order: "id asc" }, listSchema, { signal });
  const keys = new KeyResolver(client, signal);
  const warehouses = await keys.idsOf("stock.warehouse", orders.flatMap((o) => [o.pickupLocationKey, o.storeKey].filter((k): k is string => Boolean(k))));
  const anonymous = await keys.idsOf("res.partner", [ANONYMOUS_PARTNER_KEY]);
  const bySku = new Map(products.map((p) => [p.default_code, p.id]));
  return {
    productId: (sku) => bySku.get(sku), partnerId: (ref) => partners.get(ref)?.[0],
    anonymousPartnerId: anonymous.get(ANONYMOUS_PARTNER_KEY),
    taxId: (rate) => taxes.find((t) => Math.abs((t.amount ?? 0) - rate * 100) < 1e-9)?.id,
    warehouseId: (key) => warehouses.get(key), pricelistId: (currency) => lists.find((l) => l.currency_id?.name === currency)?.id,
    shippingProductId: bySku.get(special.shippingSku), discountProductId: bySku.get(special.discountSku),
  };
}

/**
 * Create orders from other channels as sale.orders, idempotent by `client_order_ref` = the
 * canonical order number: one already in Odoo is `unchanged` (the ERP owns it from then on);
 * a retried create first looks the reference up, so a lost response never creates a second order.
 */
export async function writeOrders(
  client: OdooClient, orders: readonly Order[], options: { shippingSku: string; discountSku?: string; confirm?: "paid" | "always" | "never"; signal?: AbortSignal },
): Promise<WriteOutcome[]> {
  const existing = await orderStatesByRef(client, orders.map((o) => o.number), options.signal);
  const context = await writeContext(client, orders, { shippingSku: options.shippingSku, discountSku: options.discountSku ?? "DISCOUNT" }, options.signal);
  const outcomes = new Map<number, WriteOutcome>();
  const pending: Array<PendingCreate & { index: number }> = [];
  const unconfirmed: Array<{ id: number; index: number }> = [];
  const numbers = new Set<string>();
  for (const [index, order] of orders.entries()) {
    const found = existing.get(order.number);
    if (found !== undefined || numbers.has(order.number)) {
      outcomes.set(index, { key: order.key, status: "unchanged", ...(found !== undefined ? { externalId: String(found.id) } : {}) });
      // Created before a crash or lost answer but not confirmed yet: confirm it now, as the create would have.
      if (found && found.state === "draft" && shouldConfirm(order, options.confirm ?? "paid")) unconfirmed.push({ id: found.id, index });
      continue;
    }
    numbers.add(order.number);
    try {
      pending.push({ key: order.number, vals: fromOrder(order, context), index });
    } catch (error) {
      outcomes.set(index, failed(order.key, error));
    }
  }
  const created = await createIdempotent(client, "sale.order", pending, (refs) => ordersByRef(client, refs, options.signal), { signal: options.signal });
  const toConfirm: Array<{ id: number; index: number }> = [];
  for (const p of pending) {
    const result = created.get(p.key);
    const order = orders[p.index]!;
    if (result && "id" in result) {
      outcomes.set(p.index, { key: order.key, status: "created", externalId: String(result.id) });
      if (shouldConfirm(order, options.confirm ?? "paid")) toConfirm.push({ id: result.id, index: p.index });
    } else {
      rethrowIfBatchWide(result?.error);
      outcomes.set(p.index, failed(order.key, result?.error));
    }
  }
  for (const { index } of unconfirmed) outcomes.set(index, { ...outcomes.get(index)!, status: "updated" });
  await confirmCreated(client, [...unconfirmed, ...toConfirm], orders, outcomes, options.signal);
  return orders.map((_, i) => outcomes.get(i)!);
}

function shouldConfirm(order: Order, policy: "paid" | "always" | "never"): boolean {
  if (policy === "never" || order.status === "cancelled" || order.status === "draft") return false;
  return policy === "always" || order.paymentStatus === "paid" || order.paymentStatus === "authorized";
}

/**
 * Confirm the created orders (quotation → sales order: Odoo creates the delivery), in one call; when
 * Odoo refuses it (one order it cannot confirm rolls back the call), one by one. The orders exist
 * either way: a refused confirmation is a warning on an order that stays a quotation, never a second
 * create (a retried write finds it by reference and reports it unchanged).
 */
async function confirmCreated(
  client: OdooClient, created: ReadonlyArray<{ id: number; index: number }>, orders: readonly Order[],
  outcomes: Map<number, WriteOutcome>, signal?: AbortSignal,
): Promise<void> {
  const confirm = (ids: number[]) => client.call("sale.order", "action_confirm", { ids }, z.unknown(), { signal });
  if (!created.length) return;
  try {
    await confirm(created.map((c) => c.id));
    return;
  } catch (error) {
    rethrowIfBatchWide(error);
    if (created.length === 1) return warnUnconfirmed(created[0]!.index, error, orders, outcomes);
  }
  for (const { id, index } of created) {
    try {
      await confirm([id]);
    } catch (error) {
      rethrowIfBatchWide(error);
      warnUnconfirmed(index, error, orders, outcomes);
    }
  }
}

function warnUnconfirmed(index: number, error: unknown, orders: readonly Order[], outcomes: Map<number, WriteOutcome>): void {
  const message = `created as a quotation; action_confirm was refused: ${error instanceof Error ? error.message : String(error)}`;
  outcomes.set(index, { ...outcomes.get(index)!, issue: { recordKey: orders[index]!.key, field: "status", reason: "conflict", severity: "warning", message } });
}
