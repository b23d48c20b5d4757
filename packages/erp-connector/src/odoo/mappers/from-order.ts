import { moneyToDecimal, type Order } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { odooFromIso } from "./odoo-values";

/** Lookups for order writes (resolved in batches by the writer). */
export interface OrderWriteContext {
  productId(sku: string): number | undefined;
  /** res.partner id by ref (customer or company). */
  partnerId(ref: string): number | undefined;
  /** A walk-in partner for anonymous store orders. */
  anonymousPartnerId: number | undefined;
  /** Sale tax id for a rate (0.19 → the 19 % sale tax). */
  taxId(rate: number): number | undefined;
  warehouseId(key: string): number | undefined;
  /** A (non-customer) pricelist in the order's currency: sale.order's currency follows its pricelist. */
  pricelistId(currency: string): number | undefined;
  /** Product id of the delivery (shipping) product. */
  shippingProductId: number | undefined;
}

const decimal = (money: { amount: number; currency: string }) => Number(moneyToDecimal(money));

/**
 * Order from another channel → sale.order vals with (0, 0, vals) line commands.
 * `client_order_ref` = order number is the idempotency key. Odoo recomputes line amounts from
 * price_unit, quantity, discount % (2 decimals) and taxes.
 */
export function fromOrder(order: Order, context: OrderWriteContext): Record<string, unknown> {
  const partnerKey = order.customerKey ?? order.companyKey;
  const partner = partnerKey ? context.partnerId(partnerKey) : context.anonymousPartnerId;
  if (!partner) throw new MappingError(order.customerKey ? "customerKey" : "companyKey", `customer ${partnerKey ?? "(anonymous)"} is not in Odoo (no res.partner with that ref)`);
  const pricelist = context.pricelistId(order.currency);
  if (!pricelist) throw new MappingError("currency", `no Odoo pricelist in ${order.currency}`);
  const lines: unknown[] = order.lines.map((line, i) => {
    const product = context.productId(line.sku);
    if (!product) throw new MappingError(`lines.${i}.sku`, `SKU ${line.sku} is not in Odoo (no product.product with that default_code)`);
    const tax = line.taxRate != null ? context.taxId(line.taxRate) : undefined;
    if (line.taxRate != null && tax === undefined) throw new MappingError(`lines.${i}.taxRate`, `no Odoo sale tax of ${line.taxRate * 100} %`);
    const gross = line.unitPrice.amount * line.quantity;
    const discount = gross > 0 && line.discount ? Math.round((line.discount.amount / gross) * 10_000) / 100 : 0;
    return [0, 0, {
      product_id: product, name: line.name ?? line.sku, product_uom_qty: line.quantity, price_unit: decimal(line.unitPrice), discount,
      tax_id: [[6, 0, tax ? [tax] : []]], sequence: 10 + i,
    }];
  });
  if (order.shipping && order.shipping.amount > 0) {
    if (!context.shippingProductId) throw new MappingError("shipping", "no delivery product in Odoo");
    lines.push([0, 0, { product_id: context.shippingProductId, name: "Shipping", product_uom_qty: 1, price_unit: decimal(order.shipping), discount: 0, tax_id: [[6, 0, []]], is_delivery: true, sequence: 999 }]);
  }
  // Click & collect: the goods leave from (and wait at) the pickup store; a store sale from its store.
  const [field, store] = order.pickupLocationKey ? ["pickupLocationKey", order.pickupLocationKey] : ["storeKey", order.storeKey];
  const warehouse = store ? context.warehouseId(store) : undefined;
  if (store && !warehouse) throw new MappingError(field, `store ${store} is not an Odoo warehouse`);
  return {
    client_order_ref: order.number, origin: order.channel, partner_id: partner, pricelist_id: pricelist,
    date_order: odooFromIso(order.placedAt), ...(warehouse ? { warehouse_id: warehouse } : {}), order_line: lines,
  };
}
