import { moneyToDecimal, type Order, type OrderLine } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { odooFromIso, roundToMinor } from "./odoo-values";

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
  /** Product id of the discount product of order-level promotions (settings.discountSku). */
  discountProductId: number | undefined;
}

const decimal = (money: { amount: number; currency: string }) => Number(moneyToDecimal(money));

/** How one canonical line is written: price_unit (minor units), discount % and the subtotal Odoo will compute. */
interface LineAmounts { priceUnit: number; discount: number; subtotal: number; target: number }

/**
 * Odoo's line subtotal (sale.order.line `_compute_amount`, round_per_line): price_unit ×
 * (1 − discount/100) × quantity, rounded to the currency by `float_round`.
 */
function odooSubtotal(priceUnit: number, discount: number, quantity: number, currency: string): number {
  return roundToMinor(decimal({ amount: priceUnit, currency }) * (1 - discount / 100) * quantity, currency).amount;
}

/**
 * A line's discount as Odoo's `discount` percent (2 decimals, "Discount" precision) on the real unit
 * price, picking the percent whose rounded subtotal equals the channel's net line amount exactly. When
 * no 0.01 % step hits it (gross above 100.00 and an unlucky tie), the net unit price is written instead
 * if it divides evenly; otherwise the nearest percent, and the writer puts the cent difference on the
 * order's discount line of the same taxes so the order total stays exact.
 */
function lineAmounts(line: OrderLine, currency: string): LineAmounts {
  const unit = line.unitPrice.amount;
  const gross = odooSubtotal(unit, 0, line.quantity, currency);
  const off = line.discount?.amount ?? 0;
  const target = gross - off;
  if (!off || gross <= 0) return { priceUnit: unit, discount: 0, subtotal: gross, target };
  const ideal = Math.min(10_000, Math.max(0, Math.round((off / gross) * 10_000)));
  for (const step of [ideal, ideal - 1, ideal + 1, ideal - 2, ideal + 2]) {
    if (step < 0 || step > 10_000) continue;
    if (odooSubtotal(unit, step / 100, line.quantity, currency) === target) {
      return { priceUnit: unit, discount: step / 100, subtotal: target, target };
    }
  }
  if (Number.isInteger(line.quantity) && target % line.quantity === 0) {
    return { priceUnit: target / line.quantity, discount: 0, subtotal: target, target };
  }
  return { priceUnit: unit, discount: ideal / 100, subtotal: odooSubtotal(unit, ideal / 100, line.quantity, currency), target };
}

/** Split `amount` over weights proportionally (largest remainder), so the parts sum to it exactly. */
function apportion(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const raw = weights.map((w) => (amount * w) / total);
  const parts = raw.map(Math.floor);
  let left = amount - parts.reduce((a, p) => a + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Order-level promotion amount not already inside the lines: canonical line totals are net of
 * `line.discount`, and `order.discounts` either restate those line discounts (Medusa, the testkit
 * world) or stand apart from undiscounted lines (Shopware promotion line items).
 */
function orderLevelDiscount(order: Order): number {
  const restated = order.lines.reduce((a, l) => a + (l.discount?.amount ?? 0), 0);
  return Math.max(0, order.discounts.reduce((a, d) => a + d.amount.amount, 0) - restated);
}

/**
 * Order from another channel → sale.order vals with (0, 0, vals) line commands.
 * `client_order_ref` = order number is the idempotency key. Odoo recomputes line amounts from
 * price_unit, quantity, discount % (2 decimals) and taxes, per line (round_per_line).
 * Order-level promotions become one negative line of the discount product per tax group, carrying
 * that group's taxes so the tax falls with the price (as sale_loyalty's discount reward lines do;
 * `is_reward_line` is computed from `reward_id` there and is not written: no loyalty reward exists
 * for another channel's promotion). Its name carries the promotion code.
 */
export function fromOrder(order: Order, context: OrderWriteContext): Record<string, unknown> {
  const partnerKey = order.customerKey ?? order.companyKey;
  const partner = partnerKey ? context.partnerId(partnerKey) : context.anonymousPartnerId;
  if (!partner) throw new MappingError(order.customerKey ? "customerKey" : "companyKey", `customer ${partnerKey ?? "(anonymous)"} is not in Odoo (no res.partner with that ref)`);
  const pricelist = context.pricelistId(order.currency);
  if (!pricelist) throw new MappingError("currency", `no Odoo pricelist in ${order.currency}`);
  const groups = new Map<string, TaxGroup>();
  const lines: unknown[] = order.lines.map((line, i) => {
    const product = context.productId(line.sku);
    if (!product) throw new MappingError(`lines.${i}.sku`, `SKU ${line.sku} is not in Odoo (no product.product with that default_code)`);
    const tax = line.taxRate != null ? context.taxId(line.taxRate) : undefined;
    if (line.taxRate != null && tax === undefined) throw new MappingError(`lines.${i}.taxRate`, `no Odoo sale tax of ${line.taxRate * 100} %`);
    const amounts = lineAmounts(line, order.currency);
    const taxes = tax ? [tax] : [];
    const group = groups.get(taxes.join()) ?? { taxes, rate: tax ? line.taxRate ?? 0 : 0, net: 0, correction: 0, tax: 0 };
    groups.set(taxes.join(), {
      ...group, net: group.net + amounts.target, correction: group.correction + amounts.subtotal - amounts.target,
      tax: group.tax + taxOf(amounts.subtotal, group.rate, order.currency),
    });
    return [0, 0, {
      product_id: product, name: line.name ?? line.sku, product_uom_qty: line.quantity,
      price_unit: decimal({ amount: amounts.priceUnit, currency: order.currency }), discount: amounts.discount,
      tax_id: [[6, 0, taxes]], sequence: 10 + i,
    }];
  });
  lines.push(...discountLines(order, [...groups.values()], context));
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

/** The order-level promotion (and any line-discount cent difference) as negative discount-product lines per tax group. */
function discountLines(order: Order, groups: readonly TaxGroup[], context: OrderWriteContext): unknown[] {
  const shares = apportion(orderLevelDiscount(order), groups.map((g) => g.net));
  const codes = [...new Set(order.discounts.map((d) => d.code ?? d.promotionKey).filter((c): c is string => Boolean(c)))];
  const amounts = groups.map((group, g) => shares[g]! + group.correction);
  const untaxed = taxExactSplit(order, groups, amounts);
  const out: unknown[] = [];
  const line = (amount: number, name: string, taxes: number[], sequence: number) => {
    if (!context.discountProductId) throw new MappingError("discounts", "no discount product in Odoo (settings.discountSku)");
    out.push([0, 0, {
      product_id: context.discountProductId, name, product_uom_qty: 1, price_unit: -decimal({ amount, currency: order.currency }),
      discount: 0, tax_id: [[6, 0, taxes]], sequence,
    }]);
  };
  groups.forEach((group, g) => {
    const name = shares[g] ? `Promotion${codes.length ? ` ${codes.join(", ")}` : ""}` : "Line discount rounding";
    const moved = untaxed?.group === g ? untaxed.amount : 0;
    if (amounts[g]! - moved !== 0) line(amounts[g]! - moved, name, group.taxes, 900 + g);
    if (moved !== 0) line(moved, `${name} (tax rounding)`, [], 950 + g);
  });
  return out;
}

/** A tax group of written lines: tax ids, rate, net amount, line-discount cent difference, Odoo's line taxes. */
interface TaxGroup { taxes: number[]; rate: number; net: number; correction: number; tax: number }

/** Odoo's tax of one line (round_per_line): float_round(subtotal × rate). */
function taxOf(subtotal: number, rate: number, currency: string): number {
  return rate ? roundToMinor(decimal({ amount: subtotal, currency }) * rate, currency).amount : 0;
}

/**
 * Odoo rounds the tax of each line, the discount line's too, where the channel rounded the tax of
 * each already-discounted line: with a promotion the two differ by a cent or two. When they do, the
 * few cents of the promotion whose tax makes the difference are moved onto an untaxed line of the
 * largest taxed discount, so Odoo's untaxed amount, tax and total all equal the channel's.
 * Undefined when nothing needs moving (or the gap is not a rounding gap: then Odoo's figures stand).
 */
function taxExactSplit(
  order: Order, groups: readonly TaxGroup[], amounts: readonly number[],
): { group: number; amount: number } | undefined {
  const discountTax = (g: number, amount: number) => -taxOf(amount, groups[g]!.rate, order.currency);
  const predicted = groups.reduce((acc, group, g) => acc + group.tax + discountTax(g, amounts[g]!), 0);
  const gap = order.taxTotal.amount - predicted;
  const g = groups.map((_, i) => i).filter((i) => groups[i]!.rate > 0 && amounts[i]! > 0).sort((a, b) => amounts[b]! - amounts[a]!)[0];
  if (gap === 0 || g === undefined || Math.abs(gap) > order.lines.length + groups.length) return undefined;
  const rate = groups[g]!.rate;
  const wanted = discountTax(g, amounts[g]!) + gap;
  const reach = Math.ceil((Math.abs(gap) + 1) / rate) + 1;
  for (let step = 1; step <= reach; step++) {
    for (const moved of [step, -step]) {
      if (amounts[g]! - moved > 0 && discountTax(g, amounts[g]! - moved) === wanted) return { group: g, amount: moved };
    }
  }
  return undefined;
}
