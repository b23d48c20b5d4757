import type { Company, Customer, Location, Order, StockLevel } from "@omnibridge/core-model";
import { decimal, odooLang, type SeedState } from "./odoo-seed-base";

/** stock.warehouse + its stock location (lot_stock_id); type and click & collect in x_ custom fields. */
export function seedLocation(state: SeedState, location: Location, index: number): void {
  const code = `${location.type === "store" ? "ST" : "WH"}${index + 1}`.slice(0, 5);
  const warehouse = state.upsert("stock.warehouse", location.key, {
    name: location.name, code, x_location_type: location.type, x_click_and_collect: location.clickAndCollect,
    x_country_code: location.countryCode ?? false,
  }, location.updatedAt);
  const stock = state.upsert("stock.location", location.key, { name: "Stock", complete_name: `${code}/Stock`, usage: "internal", warehouse_id: warehouse.id }, location.updatedAt);
  warehouse.lot_stock_id = stock.id;
  state.xmlid("stock.warehouse", location.key, warehouse.id, location.updatedAt);
}

/**
 * One stock.quant per SKU and location (no lots/packages in the seeded world); `incoming` as an
 * open receipt (stock.move from the vendor location, picking_code incoming, state assigned).
 */
export function seedStockLevel(state: SeedState, level: StockLevel): void {
  const productId = state.idOf("product.product", level.sku);
  const locationId = state.idOf("stock.location", level.locationKey);
  if (!productId || !locationId) return;
  state.upsert("stock.quant", level.key, { product_id: productId, location_id: locationId, quantity: level.onHand, reserved_quantity: level.reserved }, level.updatedAt);
  const receipt = state.idOf("stock.move", level.key);
  if (!level.incoming && !receipt) return;
  const vendors = state.idOf("stock.location", "vendors") ?? state.upsert("stock.location", "vendors", { name: "Vendors", complete_name: "Partners/Vendors", usage: "supplier" }, "2020-01-01T00:00:00Z").id;
  state.upsert("stock.move", level.key, {
    product_id: productId, location_id: vendors, location_dest_id: locationId, product_uom_qty: level.incoming ?? 0,
    state: level.incoming ? "assigned" : "done", picking_code: "incoming",
  }, level.updatedAt);
}

function addressVals(state: SeedState, address: Company["addresses"][number] | undefined): Record<string, unknown> {
  if (!address) return { street: false, street2: false, zip: false, city: false, country_id: false };
  const country = state.idOf("res.country", address.countryCode) ?? state.upsert("res.country", address.countryCode, { code: address.countryCode, name: address.countryCode }, "2020-01-01T00:00:00Z").id;
  return {
    street: address.street, street2: address.street2 ?? false, zip: address.postalCode ?? false, city: address.city, country_id: country,
  };
}

/** res.partner company; `ref` is the customer number. */
export function seedCompany(state: SeedState, company: Company, pricelistId?: number): void {
  state.upsert("res.partner", company.key, {
    name: company.name, is_company: true, ref: company.customerNumber ?? company.key, vat: company.vatId ?? false,
    website: company.domain ?? false,
    property_product_pricelist: pricelistId ?? (company.priceListKey ? state.idOf("product.pricelist", company.priceListKey) ?? false : false),
    type: "contact", active: true, ...addressVals(state, company.addresses[0]),
  }, company.updatedAt);
}

/** res.partner person or contact (parent_id = its company). */
export function seedCustomer(state: SeedState, customer: Customer): void {
  state.upsert("res.partner", customer.key, {
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" "), is_company: false, ref: customer.customerNumber ?? customer.key,
    email: customer.email ?? false, phone: customer.phone ?? false, lang: odooLang(customer.locale), type: "contact", active: true,
    parent_id: customer.companyKey ? state.idOf("res.partner", customer.companyKey) ?? false : false, ...addressVals(state, customer.addresses[0]),
  }, customer.updatedAt);
}

const STATE: Record<Order["status"], [string, string | false]> = {
  draft: ["draft", false], pending: ["sent", false], confirmed: ["sale", "pending"], partially_fulfilled: ["sale", "partial"],
  fulfilled: ["sale", "full"], returned: ["sale", "full"], cancelled: ["cancel", false],
};

/** sale.order with stored amounts and lines; shipping as a delivery line; client_order_ref = order number. */
export function seedOrder(state: SeedState, order: Order): void {
  const partnerKey = order.customerKey ?? order.companyKey ?? "walk-in";
  const warehouseKey = order.storeKey ?? (order.currency === "USD" ? "WH-US-01" : "WH-DE-01");
  const shipping = order.shipping?.amount ?? 0;
  const [odooState, delivery] = STATE[order.status];
  const row = state.upsert("sale.order", order.key, {
    client_order_ref: order.number, origin: order.channel, partner_id: state.idOf("res.partner", partnerKey) ?? state.idOf("res.partner", "walk-in"),
    state: odooState, delivery_status: delivery, date_order: order.placedAt.slice(0, 19).replace("T", " "), currency_id: state.idOf("res.currency", order.currency),
    amount_untaxed: decimal(order.subtotal.amount + shipping), amount_tax: decimal(order.taxTotal.amount),
    amount_total: decimal(order.total.amount),
    warehouse_id: state.idOf("stock.warehouse", warehouseKey) ?? false,
  }, order.updatedAt);
  row.name = `S${String(row.id).padStart(5, "0")}`;
  order.lines.forEach((line, n) => {
    const gross = line.unitPrice.amount * line.quantity;
    const taxKey = line.taxRate === 0.19 ? "VAT19" : line.taxRate === 0.07 ? "VAT7" : "VAT0";
    state.upsert("sale.order.line", line.lineKey, {
      order_id: row.id, product_id: state.idOf("product.product", line.sku) ?? false, name: line.name ?? line.sku, sequence: 10 + n,
      product_uom_qty: line.quantity, price_unit: decimal(line.unitPrice.amount),
      discount: gross ? Math.round(((line.discount?.amount ?? 0) / gross) * 1e6) / 1e4 : 0,
      price_subtotal: decimal(line.total.amount), price_tax: decimal(line.tax?.amount ?? 0),
      price_total: decimal(line.total.amount + (line.tax?.amount ?? 0)),
      tax_id: [state.idOf("account.tax", taxKey)], is_delivery: false,
    }, order.updatedAt);
  });
  if (shipping > 0) {
    state.upsert("sale.order.line", `${order.key}-shipping`, {
      order_id: row.id, product_id: state.idOf("product.product", "SHIPPING") ?? false, name: "Shipping", sequence: 999, product_uom_qty: 1, price_unit: decimal(shipping), discount: 0,
      price_subtotal: decimal(shipping), price_tax: 0, price_total: decimal(shipping), tax_id: [], is_delivery: true,
    }, order.updatedAt);
  }
}
