import type { EntityInputOf, Money, OrderLine, RecordIssue, Shipment } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwareDelivery, ShopwareLineItem, ShopwareOrder } from "../shopware-api";
import { toMinorUnits } from "../shopware-money";
import { FULFILMENT_STATUS_OF, ORDER_STATUS_OF, PAYMENT_STATUS_OF } from "../shopware-states";
import type { ShopwareMapContext } from "./shopware-context";
import { normalizeTimestamp } from "./to-product";

type OrderInput = EntityInputOf<"order">;

function lineOf(item: ShopwareLineItem, i: number, currency: string): OrderLine {
  const sku = typeof item.payload?.productNumber === "string" ? item.payload.productNumber : undefined;
  if (!sku) throw new MappingError(`lines.${i}.sku`, `line item ${item.id} has no payload.productNumber`);
  const taxes = item.price?.calculatedTaxes ?? [];
  const taxRate = item.price?.taxRules?.[0]?.taxRate;
  return {
    lineKey: item.id,
    sku,
    name: item.label ?? null,
    quantity: item.quantity,
    unitPrice: toMinorUnits(item.unitPrice ?? item.price?.unitPrice ?? Number.NaN, currency, `lines.${i}.unitPrice`),
    total: toMinorUnits(item.totalPrice ?? item.price?.totalPrice ?? Number.NaN, currency, `lines.${i}.total`),
    tax: taxes.length ? sumMoney(taxes.map((t, j) => toMinorUnits(t.tax, currency, `lines.${i}.tax.${j}`, { round: true })), currency) : null,
    taxRate: taxRate != null ? taxRate / 100 : null,
  };
}

function sumMoney(values: Money[], currency: string): Money {
  return { amount: values.reduce((sum, m) => sum + m.amount, 0), currency };
}

function shipmentOf(delivery: ShopwareDelivery, orderKey: string, context: ShopwareMapContext, lineKeys: Set<string>): Shipment {
  const state = delivery.stateMachineState?.technicalName ?? "open";
  const status = state === "shipped" || state === "shipped_partially" ? "shipped" : state === "cancelled" ? "cancelled" : state.startsWith("returned") ? "returned" : "pending";
  const codes = delivery.trackingCodes ?? [];
  const template = delivery.shippingMethod?.trackingUrl;
  // Shopware shipping methods hold a tracking URL template with `%s` for the code.
  const url = template && codes[0] && /^https?:\/\//.test(template) ? template.replace("%s", encodeURIComponent(codes[0])) : null;
  return {
    key: `${orderKey}/${delivery.id}`,
    externalIds: { [context.system]: delivery.id },
    status,
    carrier: delivery.shippingMethod?.name ?? null,
    method: delivery.shippingMethod?.name ?? null,
    trackingNumbers: codes,
    trackingUrl: url,
    lines: (delivery.positions ?? []).filter((p) => lineKeys.has(p.orderLineItemId)).map((p) => ({ lineKey: p.orderLineItemId,
      quantity: p.quantity })),
  };
}

/**
 * A Shopware order with line items, deliveries and transactions → canonical order. Amounts are
 * decimals converted exactly to minor units (over-precise ones fail the record). Order state and the
 * first delivery's state give status and fulfilment status; the latest transaction the payment status
 * (Shopware's `paid_partially` and `chargeback` have no canonical equal: read as the nearest, with a
 * warning). Promotion lines become discounts. Click & collect: the pickup location is read from the
 * order custom field `settings.pickupLocationField` (Shopware core has no pickup concept).
 * https://shopware.stoplight.io/docs/admin-api/ (Order; docs/guides/quick-start/05-order-management.md)
 */
export function toOrder(raw: ShopwareOrder, context: ShopwareMapContext, warnings: RecordIssue[] = []): OrderInput {
  if (!raw.orderNumber) throw new MappingError("number", `order ${raw.id} has no orderNumber`);
  const currency = raw.currency?.isoCode;
  if (!currency) throw new MappingError("currency", `order ${raw.orderNumber} has no currency loaded`);
  const key = raw.orderNumber;
  const items = raw.lineItems ?? [];
  const products = items.filter((item) => item.type === "product" && !item.parentId);
  const lines = products.map((item, i) => lineOf(item, i, currency));
  const discounts = items.filter((item) => item.type === "promotion").map((item, i) => ({
    code: typeof item.payload?.code === "string" && item.payload.code ? item.payload.code : null,
    amount: toMinorUnits(-(item.totalPrice ?? 0), currency, `discounts.${i}.amount`),
  }));
  const delivery = raw.deliveries?.[0];
  const deliveryState = delivery?.stateMachineState?.technicalName;
  const fulfilmentStatus = deliveryState ? FULFILMENT_STATUS_OF[deliveryState] ?? null : null;
  const orderState = raw.stateMachineState?.technicalName ?? "open";
  let status = ORDER_STATUS_OF[orderState] ?? "pending";
  if (status !== "cancelled" && fulfilmentStatus === "partially_shipped") status = "partially_fulfilled";
  if (fulfilmentStatus === "returned") status = "returned";
  const transaction = [...(raw.transactions ?? [])].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "")).at(-1);
  const transactionState = transaction?.stateMachineState?.technicalName ?? "open";
  const payment = PAYMENT_STATUS_OF[transactionState] ?? { status: "unpaid" as const, exact: false };
  if (!payment.exact) {
    warnings.push({ recordKey: key, field: "paymentStatus", reason: "invalid", severity: "warning", message: `Shopware payment state ${transactionState} read as ${payment.status}` });
  }
  const lineKeys = new Set(lines.map((line) => line.lineKey));
  const pickup = raw.customFields?.[context.settings.pickupLocationField];
  return {
    key,
    externalIds: { [context.system]: raw.id },
    updatedAt: normalizeTimestamp(raw.updatedAt ?? raw.createdAt ?? raw.orderDateTime, "updatedAt"),
    number: raw.orderNumber,
    channel: "web",
    status,
    paymentStatus: payment.status,
    fulfilmentStatus,
    shipments: (raw.deliveries ?? []).map((d) => shipmentOf(d, key, context, lineKeys)),
    pickupLocationKey: typeof pickup === "string" && pickup ? pickup : null,
    salesChannelKey: raw.salesChannelId ? context.channelKeyOf(raw.salesChannelId) : null,
    customerKey: raw.orderCustomer?.customerNumber ?? null,
    currency,
    lines,
    discounts,
    shipping: raw.shippingTotal != null ? toMinorUnits(raw.shippingTotal, currency, "shipping") : null,
    subtotal: toMinorUnits(raw.positionPrice, currency, "subtotal"),
    taxTotal: subtract(toMinorUnits(raw.amountTotal, currency, "total"), toMinorUnits(raw.amountNet, currency, "taxTotal", { round: true })),
    total: toMinorUnits(raw.amountTotal, currency, "total"),
    placedAt: normalizeTimestamp(raw.orderDateTime, "placedAt"),
  };
}

function subtract(a: Money, b: Money): Money {
  return { amount: a.amount - b.amount, currency: a.currency };
}
