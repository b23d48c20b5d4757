import { z } from "zod";
import type { Order, Shipment, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { medusaOrderSchema, type MedusaFulfillment, type MedusaOrder } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { KEY_FIELD, keyOf } from "../mappers/to-customer";
import { ORDER_FIELDS, pickupOptions } from "../streams/read-orders";
import { anyBody, eachRecord, outcomeOf } from "./medusa-outcome";

const orderBodySchema = z.object({ order: medusaOrderSchema });

async function load(client: MedusaClient, id: string, signal: AbortSignal): Promise<MedusaOrder> {
  return (await client.get(`/admin/orders/${id}`, { fields: ORDER_FIELDS }, orderBodySchema, signal)).order;
}

const rank = { pending: 0, ready_for_pickup: 1, shipped: 2, delivered: 3 } as const;
function progressOf(f: MedusaFulfillment): number {
  return f.delivered_at ? 3 : f.shipped_at ? 2 : 0;
}

function itemsOf(shipment: Shipment, order: MedusaOrder): Array<{ id: string; quantity: number }> {
  if (shipment.lines.length) return shipment.lines.map((line) => ({ id: line.lineKey, quantity: line.quantity }));
  return (order.items ?? []).map((item) => ({ id: item.id, quantity: item.quantity - (item.detail?.fulfilled_quantity ?? 0) }))
    .filter((item) => item.quantity > 0);
}

/**
 * One canonical shipment → Medusa: a fulfillment (from its location, keyed by our shipment key in
 * metadata), then a shipment with the tracking labels, then delivered — only the steps not yet done.
 * https://docs.medusajs.com/api/admin#orders_postordersidfulfillments · …/fulfillments/{id}/shipments · …/mark-as-delivered
 */
async function applyShipment(client: MedusaClient, order: MedusaOrder, shipment: Shipment, context: MedusaMapContext,
  pickupLocation: string | undefined,
  signal: AbortSignal): Promise<boolean> {
  const base = `/admin/orders/${order.id}/fulfillments`;
  let fulfillment = (order.fulfillments ?? []).find((f) => keyOf(f.metadata, `${order.id}/${f.id}`) === shipment.key ||
    f.id === shipment.externalIds[context.system]);
  let changed = false;
  if (shipment.status === "cancelled") {
    if (!fulfillment || fulfillment.canceled_at) return false;
    await client.post(`${base}/${fulfillment.id}/cancel`, {}, anyBody, { signal });
    return true;
  }
  if (!fulfillment) {
    const items = itemsOf(shipment, order);
    if (!items.length) throw new MappingError("shipments", `shipment ${shipment.key}: nothing left to fulfil`);
    const locationId = shipment.locationKey ? context.locationIdOf(shipment.locationKey) : pickupLocation;
    if (shipment.locationKey && !locationId) throw new MappingError("shipments.locationKey",
      `${shipment.locationKey} is not a Medusa stock location`);
    const body = { items, ...(locationId ? { location_id: locationId } : {}), metadata: { [KEY_FIELD]: shipment.key } };
    const { order: after } = await client.post(base, body, orderBodySchema, { signal, retry: false, query: { fields: ORDER_FIELDS } });
    fulfillment = (after.fulfillments ?? []).find((f) => keyOf(f.metadata, "") === shipment.key);
    if (!fulfillment) throw new MappingError("shipments", `shipment ${shipment.key}: Medusa did not return the new fulfillment`);
    changed = true;
  }
  const want = rank[shipment.status as keyof typeof rank] ?? 0;
  if (want >= 2 && progressOf(fulfillment) < 2 && !pickupLocation) {
    const url = shipment.trackingUrl ?? "";
    const labels = shipment.trackingNumbers.map((number) => ({ tracking_number: number, tracking_url: url, label_url: url }));
    const items = (fulfillment.items ?? []).filter((i) => i.line_item_id).map((i) => ({ id: i.line_item_id!, quantity: i.quantity }));
    await client.post(`${base}/${fulfillment.id}/shipments`, { items, labels }, anyBody, { signal, retry: false });
    changed = true;
  }
  if (want >= 3 && progressOf(fulfillment) < 3) {
    await client.post(`${base}/${fulfillment.id}/mark-as-delivered`, {}, anyBody, { signal, retry: false });
    changed = true;
  }
  return changed;
}

/** Capture authorised payments when the canonical order is paid. https://docs.medusajs.com/api/admin#payments_postpaymentsidcapture */
async function capture(client: MedusaClient, order: MedusaOrder, signal: AbortSignal): Promise<boolean> {
  let changed = false;
  for (const payment of (order.payment_collections ?? []).flatMap((c) => c.payments ?? [])) {
    if (payment.captured_at || payment.canceled_at) continue;
    await client.post(`/admin/payments/${payment.id}/capture`, {}, anyBody, { signal, retry: false });
    changed = true;
  }
  return changed;
}

/**
 * Order write-back: shipments (fulfilment, tracking, delivery, pickup hand-over), payment capture
 * and cancellation. Everything else of an order belongs to the shop and is not written.
 */
export async function writeOrders(client: MedusaClient, context: MedusaMapContext, records: readonly Order[],
  signal: AbortSignal): Promise<WriteOutcome[]> {
  const pickups = await pickupOptions(client, signal);
  return eachRecord(records, signal, (record) => outcomeOf(record.key, async () => {
    const id = record.externalIds[context.system] ?? record.key;
    const order = await load(client, id, signal);
    let changed = false;
    if (record.status === "cancelled") {
      if (order.status !== "canceled") {
        await client.post(`/admin/orders/${order.id}/cancel`, {}, anyBody, { signal, retry: false });
        changed = true;
      }
      return { status: changed ? "updated" : "unchanged", externalId: order.id };
    }
    const optionId = (order.shipping_methods ?? []).map((m) => m.shipping_option_id).find((o) => o && pickups.locationOfOption.has(o));
    const pickupLocation = optionId ? pickups.locationOfOption.get(optionId) : undefined;
    for (const shipment of record.shipments ?? []) {
      if (await applyShipment(client, changed ? await load(client, id, signal) : order, shipment, context, pickupLocation,
        signal)) changed = true;
    }
    if (record.paymentStatus === "paid" && (await capture(client, changed ? await load(client, id, signal) : order,
      signal))) changed = true;
    return { status: changed ? "updated" : "unchanged", externalId: order.id };
  }));
}
