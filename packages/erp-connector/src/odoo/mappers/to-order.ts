import { salesChannelSchema, type EntityInputOf, type OrderLine } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooPicking, OdooPickingMove, OdooSaleOrder, OdooSaleOrderLine } from "../odoo-api";
import { currencyOf, isoFromOdoo, latest, moneyOf } from "./odoo-values";
import { fulfilmentOf, toShipments } from "./to-shipment";

/** Lookups order mapping needs (filled by the stream with batched reads). */
export interface OrderMapContext {
  system: string;
  skuOf(productId: number): string | null;
  /** The partner's canonical key (`ref`, else `<system>:res.partner:<id>`), whether it is a company, and its company's key. */
  partnerOf(id: number): { ref: string | null; isCompany: boolean; companyRef: string | null } | undefined;
  /** Tax rate (0..1) of a tax id. */
  taxRate(id: number): number | undefined;
  /** Location key of a warehouse and whether it is a store. */
  warehouseOf(id: number): { key: string; store: boolean } | undefined;
  /** The order's outgoing pickings (sale_stock `picking_ids` with picking type code `outgoing`). */
  pickingsOf(orderId: number): readonly OdooPicking[];
  /** The stock moves of a picking. */
  movesOf(pickingId: number): readonly OdooPickingMove[];
  /** Location key of the warehouse of a picking type. */
  locationOfType(pickingTypeId: number): string | undefined;
}

/**
 * sale.order state → canonical status. 17+: draft/sent/sale/cancel (+ `locked`); fulfilment
 * comes from sale_stock's `delivery_status` (pending/started/partial/full).
 */
function statusOf(order: OdooSaleOrder): EntityInputOf<"order">["status"] {
  if (order.state === "cancel") return "cancelled";
  if (order.state === "draft") return "draft";
  if (order.state === "sent") return "pending";
  if (order.delivery_status === "full") return "fulfilled";
  if (order.delivery_status === "partial" || order.delivery_status === "started") return "partially_fulfilled";
  return "confirmed";
}

function toLine(line: OdooSaleOrderLine, index: number, number: string, currency: string, context: OrderMapContext): OrderLine {
  const field = (name: string) => `lines.${index}.${name}`;
  const sku = line.product_id ? context.skuOf(line.product_id.id) : null;
  if (!sku) throw new MappingError(field("sku"), `sale.order.line ${line.id}: product ${line.product_id ? line.product_id.id : "(none)"} has no default_code`);
  const unitPrice = moneyOf(line.price_unit, currency, field("unitPrice"));
  const total = moneyOf(line.price_subtotal, currency, field("total"));
  const tax = moneyOf(line.price_tax ?? 0, currency, field("tax"));
  const rates = line.tax_id.map((id) => context.taxRate(id) ?? 0);
  const discount = unitPrice.amount * line.product_uom_qty - total.amount;
  return {
    lineKey: `${number}-${index + 1}`, sku, name: line.name, quantity: line.product_uom_qty, unitPrice, total, tax,
    discount: { amount: Math.round(discount), currency },
    taxRate: rates.length ? Math.round(rates.reduce((a, b) => a + b, 0) * 1e6) / 1e6 : null,
  };
}

/**
 * Where the order is served: a store warehouse on a store-channel order is the store that sold it
 * (`storeKey`); on any other channel it is click & collect (`pickupLocationKey`): the goods wait there.
 */
function storeRoles(channel: string, warehouse: { key: string; store: boolean } | undefined) {
  if (!warehouse?.store) return { storeKey: null, pickupLocationKey: null };
  return channel === "store" ? { storeKey: warehouse.key, pickupLocationKey: null } : { storeKey: null, pickupLocationKey: warehouse.key };
}

/**
 * sale.order + lines → Order. Key and number = `client_order_ref` (the other channel's order
 * number, our idempotency key) or Odoo's `name`. Line totals are `price_subtotal` (net); the
 * delivery line (`is_delivery`) becomes `shipping`; amounts exact via moneyFromDecimal. Outgoing
 * pickings become shipments; `updatedAt` is the latest change of the order or one of them.
 */
export function toOrder(order: OdooSaleOrder, lines: readonly OdooSaleOrderLine[], context: OrderMapContext): EntityInputOf<"order"> {
  const currency = currencyOf(order.currency_id, "currency");
  const number = order.client_order_ref ?? order.name;
  const products = lines
    .filter((l) => !l.display_type && !l.is_delivery)
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id);
  const shipping = lines.filter((l) => l.is_delivery).reduce((acc, l) => acc + moneyOf(l.price_subtotal, currency, "shipping").amount, 0);
  const partner = order.partner_id ? context.partnerOf(order.partner_id.id) : undefined;
  const warehouse = order.warehouse_id ? context.warehouseOf(order.warehouse_id.id) : undefined;
  const parsedChannel = salesChannelSchema.safeParse(order.origin);
  const channel = parsedChannel.success ? parsedChannel.data : "phone";
  const roles = storeRoles(channel, warehouse);
  const lineKeys = new Map(products.map((line, i) => [line.id, `${number}-${i + 1}`]));
  const pickings = context.pickingsOf(order.id);
  const shipments = toShipments(number, pickings, context.movesOf, roles.pickupLocationKey !== null, context.system, {
    locationOfType: context.locationOfType, lineKeyOf: (id) => lineKeys.get(id),
  });
  const untaxed = moneyOf(order.amount_untaxed, currency, "subtotal");
  return {
    key: number, number, externalIds: { [context.system]: String(order.id) },
    updatedAt: isoFromOdoo(latest(order.write_date, ...pickings.map((p) => p.write_date))),
    channel, status: statusOf(order), currency, shipments,
    fulfilmentStatus: fulfilmentOf(order.state, shipments, roles.pickupLocationKey !== null),
    customerKey: partner && !partner.isCompany ? partner.ref : null,
    companyKey: partner ? (partner.isCompany ? partner.ref : partner.companyRef) : null,
    lines: products.map((line, i) => toLine(line, i, number, currency, context)),
    shipping: { amount: shipping, currency }, subtotal: { amount: untaxed.amount - shipping, currency },
    taxTotal: moneyOf(order.amount_tax, currency, "taxTotal"), total: moneyOf(order.amount_total, currency, "total"),
    placedAt: isoFromOdoo(order.date_order), ...roles,
  };
}
