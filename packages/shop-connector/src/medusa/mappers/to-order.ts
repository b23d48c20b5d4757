import type { EntityInputOf, Money, Shipment } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaFulfillment, MedusaLineItem, MedusaOrder } from "../medusa-api";
import { medusaToMoney } from "../medusa-money";
import { addressOf, keyOf } from "./to-customer";
import { isoOf, type MedusaMapContext } from "./medusa-context";

type OrderInput = EntityInputOf<"order">;

/** Medusa order status → canonical. https://docs.medusajs.com/resources/commerce-modules/order/order-concepts */
const ORDER_STATUS: Record<string, OrderInput["status"]> = {
  pending: "pending", requires_action: "pending", draft: "draft", completed: "fulfilled", archived: "fulfilled", canceled: "cancelled",
};
/** Medusa payment status → canonical (partial captures read as paid, the nearest). */
export const PAYMENT_STATUS: Record<string, NonNullable<OrderInput["paymentStatus"]>> = {
  not_paid: "unpaid", awaiting: "unpaid", requires_action: "unpaid", canceled: "unpaid", authorized: "authorized", partially_authorized: "authorized",
  captured: "paid", partially_captured: "paid", partially_refunded: "partially_refunded", refunded: "refunded",
};
/** Medusa fulfillment status → canonical; `fulfilled` (packed, not shipped) is ready for pickup at a store, else unfulfilled. */
function fulfilmentStatusOf(status: string | null | undefined, pickup: boolean): OrderInput["fulfilmentStatus"] {
  switch (status) {
    case "fulfilled": return pickup ? "ready_for_pickup" : "unfulfilled";
    case "partially_fulfilled": case "partially_shipped": case "partially_delivered": return "partially_shipped";
    case "shipped": return "shipped";
    case "delivered": return "delivered";
    case "canceled": return "cancelled";
    case "returned": return "returned";
    case "partially_returned": return "partially_returned";
    default: return "unfulfilled";
  }
}

/** Who the order is picked up at: the stock location of the pickup shipping option, if any. */
export interface PickupOptions {
  /** Stock location id per shipping option id of a `pickup` fulfillment set. */
  locationOfOption: Map<string, string>;
}

function lineOf(item: MedusaLineItem, i: number, currency: string): NonNullable<OrderInput["lines"]>[number] {
  if (!item.variant_sku) throw new MappingError(`lines.${i}.sku`, `line item ${item.id} has no variant_sku`);
  const money = (value: number | null | undefined, field: string) => medusaToMoney(value, currency, `lines.${i}.${field}`);
  const rate = item.tax_lines?.[0]?.rate;
  return {
    lineKey: item.id, sku: item.variant_sku, name: item.title ?? item.product_title ?? null, quantity: item.quantity,
    unitPrice: medusaToMoney(item.unit_price, currency, `lines.${i}.unitPrice`, item.raw_unit_price),
    total: money(item.total ?? item.unit_price * item.quantity, "total"),
    tax: item.tax_total != null ? money(item.tax_total, "tax") : null,
    discount: item.discount_total ? money(item.discount_total, "discount") : null,
    taxRate: rate != null ? rate / 100 : null,
  };
}

function shipmentOf(fulfillment: MedusaFulfillment, order: MedusaOrder, pickup: boolean, method: string | null,
  context: MedusaMapContext): Shipment {
  const status = fulfillment.canceled_at ? "cancelled" : fulfillment.delivered_at ? "delivered" : fulfillment.shipped_at ? "shipped"
    : pickup ? "ready_for_pickup" : "pending";
  const labels = fulfillment.labels ?? [];
  const url = labels.map((l) => l.tracking_url).find((u) => u && /^https?:\/\//.test(u));
  return {
    key: keyOf(fulfillment.metadata, `${order.id}/${fulfillment.id}`),
    externalIds: { [context.system]: fulfillment.id },
    status, carrier: null, method,
    trackingNumbers: labels.map((l) => l.tracking_number).filter((n): n is string => !!n),
    trackingUrl: url ?? null,
    lines: (fulfillment.items ?? []).filter((item) => item.line_item_id).map((item) => ({ lineKey: item.line_item_id!,
      quantity: item.quantity })),
    locationKey: fulfillment.location_id ? context.locationKeyOf(fulfillment.location_id) : null,
    shippedAt: fulfillment.shipped_at ? isoOf(fulfillment.shipped_at) : null,
    deliveredAt: fulfillment.delivered_at ? isoOf(fulfillment.delivered_at) : null,
  };
}

/**
 * A Medusa order (with items, shipping methods, fulfillments with labels, customer) → canonical order.
 * Amounts are major-unit decimals converted exactly. Click & collect: a shipping method whose option
 * belongs to a `pickup` fulfillment set makes its stock location the pickup location.
 * https://docs.medusajs.com/api/admin#orders_order_schema
 */
export function toOrder(order: MedusaOrder, context: MedusaMapContext, pickups: PickupOptions,
  customerKey: string | null, salesChannelKeys: Map<string, string>): OrderInput {
  const currency = order.currency_code.toUpperCase();
  const money = (value: number | null | undefined, field: string): Money => medusaToMoney(value ?? 0, currency, field);
  const methods = order.shipping_methods ?? [];
  const pickupLocation = methods
    .map((m) => (m.shipping_option_id ? pickups.locationOfOption.get(m.shipping_option_id) : undefined))
    .find(Boolean);
  const methodName = methods[0]?.name ?? null;
  const discount = order.discount_total ?? 0;
  return {
    key: order.id,
    externalIds: { [context.system]: order.id },
    updatedAt: isoOf(order.updated_at),
    number: String(order.display_id ?? order.id),
    channel: "web",
    status: ORDER_STATUS[order.status] ?? "pending",
    paymentStatus: PAYMENT_STATUS[order.payment_status ?? ""] ?? "unpaid",
    fulfilmentStatus: fulfilmentStatusOf(order.fulfillment_status, !!pickupLocation),
    shipments: (order.fulfillments ?? []).map((f) => shipmentOf(f, order, !!pickupLocation, methodName, context)),
    pickupLocationKey: pickupLocation ? context.locationKeyOf(pickupLocation) : null,
    salesChannelKey: order.sales_channel_id ? (salesChannelKeys.get(order.sales_channel_id) ?? order.sales_channel_id) : null,
    customerKey,
    currency,
    lines: (order.items ?? []).map((item, i) => lineOf(item, i, currency)),
    discounts: discount > 0 ? [{ amount: money(discount, "discounts.0.amount") }] : [],
    shipping: order.shipping_total != null ? money(order.shipping_total, "shipping") : null,
    subtotal: money(order.item_subtotal ?? order.subtotal, "subtotal"),
    taxTotal: money(order.tax_total, "taxTotal"),
    total: money(order.total, "total"),
    placedAt: isoOf(order.created_at),
  };
}

/** The canonical key of an order's customer (its metadata key, else email, else id). */
export function customerKeyOfOrder(order: MedusaOrder): string | null {
  const customer = (order as { customer?: { id?: string; email?: string | null; metadata?: Record<string,
    unknown> | null } | null }).customer;
  if (customer?.id) return keyOf(customer.metadata, customer.email ?? customer.id);
  return order.email ?? null;
}

export { addressOf };
