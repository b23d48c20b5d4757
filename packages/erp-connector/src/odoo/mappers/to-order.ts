import { salesChannelSchema, type EntityInputOf, type OrderLine } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooSaleOrder, OdooSaleOrderLine } from "../odoo-api";
import { currencyOf, isoFromOdoo, moneyOf } from "./odoo-values";

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
 * sale.order + lines → Order. Key and number = `client_order_ref` (the other channel's order
 * number, our idempotency key) or Odoo's `name`. Line totals are `price_subtotal` (net); the
 * delivery line (`is_delivery`) becomes `shipping`; amounts exact via moneyFromDecimal.
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
  const channel = salesChannelSchema.safeParse(order.origin);
  const untaxed = moneyOf(order.amount_untaxed, currency, "subtotal");
  return {
    key: number, number, externalIds: { [context.system]: String(order.id) }, updatedAt: isoFromOdoo(order.write_date),
    channel: channel.success ? channel.data : "phone", status: statusOf(order), currency,
    customerKey: partner && !partner.isCompany ? partner.ref : null,
    companyKey: partner ? (partner.isCompany ? partner.ref : partner.companyRef) : null,
    lines: products.map((line, i) => toLine(line, i, number, currency, context)),
    shipping: { amount: shipping, currency }, subtotal: { amount: untaxed.amount - shipping, currency },
    taxTotal: moneyOf(order.amount_tax, currency, "taxTotal"), total: moneyOf(order.amount_total, currency, "total"),
    placedAt: isoFromOdoo(order.date_order), storeKey: warehouse?.store ? warehouse.key : null,
  };
}
