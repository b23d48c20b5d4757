import { loyaltyModels } from "./odoo-models-loyalty";
import { stockModels } from "./odoo-models-stock";

export { common, f, m2o, o2m, type OdooFieldDef, type OdooFieldType, type OdooModelDef } from "./odoo-model-defs";
import { common, f, m2o, o2m, type OdooFieldDef, type OdooModelDef } from "./odoo-model-defs";

const priced = { list_price: f("float", { default: 1 }), standard_price: f("float", { default: 0 }) };

/**
 * The models the connector touches, per major version. 17 has `detailed_type`
 * (consu/service/product); 18+ has `type` (consu/service/combo) plus `is_storable`
 * (odoo/documentation PR 11409, "Product type").
 */
export function odooModels(version: number): Record<string, OdooModelDef> {
  const productType: Record<string, OdooFieldDef> = version >= 18
    ? { type: f("selection", { default: "consu" }), is_storable: f("boolean", { default: false }) }
    : { detailed_type: f("selection", { default: "consu" }), type: f("selection", { default: "consu" }) };
  return {
    ...loyaltyModels(),
    ...stockModels(),
    "res.country": { description: "Country", order: "name", fields: { ...common, name: f("char", { required: true }), code: f("char", { required: true }) } },
    "res.currency": { description: "Currency", order: "active desc, name", fields: { ...common, name: f("char", { required: true }), active: f("boolean", { default: true }) } },
    "product.category": { description: "Product Category", order: "complete_name", fields: { ...common, name: f("char", { required: true }), parent_id: m2o("product.category"), complete_name: f("char") } },
    "product.template": { description: "Product", order: "priority desc, name", fields: {
      ...common, ...priced, ...productType, name: f("char", { required: true }), default_code: f("char"), barcode: f("char"), active: f("boolean", { default: true }),
      sale_ok: f("boolean", { default: true }), categ_id: m2o("product.category"), weight: f("float", { default: 0 }), currency_id: m2o("res.currency"),
      product_variant_ids: o2m("product.product", "product_tmpl_id"), priority: f("selection", { default: "0" }),
    } },
    "product.product": { description: "Product Variant", order: "default_code, name, id", fields: {
      ...common, product_tmpl_id: m2o("product.template", { required: true }), default_code: f("char"), barcode: f("char"), weight: f("float", { default: 0 }),
      active: f("boolean", { default: true }), lst_price: f("float", { default: 0 }), standard_price: f("float", { default: 0 }),
      name: f("char", { compute: (r, lookup) => lookup("product.template", r.product_tmpl_id as number)?.name ?? false }),
      categ_id: m2o("product.category", { compute: (r, lookup) => lookup("product.template", r.product_tmpl_id as number)?.categ_id ?? false }),
      currency_id: m2o("res.currency", { compute: (r, lookup) => lookup("product.template", r.product_tmpl_id as number)?.currency_id ?? false }),
      sale_ok: f("boolean", { compute: (r, lookup) => lookup("product.template", r.product_tmpl_id as number)?.sale_ok ?? false }),
    } },
    "product.pricelist": { description: "Pricelist", order: "sequence asc, id asc", fields: {
      ...common, name: f("char", { required: true }), currency_id: m2o("res.currency", { required: true }), active: f("boolean", { default: true }),
      sequence: f("integer", { default: 16 }), item_ids: o2m("product.pricelist.item", "pricelist_id"),
    } },
    "product.pricelist.item": { description: "Pricelist Rule", order: "applied_on, min_quantity desc, categ_id desc, id desc", fields: {
      ...common, pricelist_id: m2o("product.pricelist", { required: true }), applied_on: f("selection", { default: "3_global" }),
      compute_price: f("selection", { default: "fixed" }), base: f("selection", { default: "list_price" }), base_pricelist_id: m2o("product.pricelist"),
      fixed_price: f("float", { default: 0 }), percent_price: f("float", { default: 0 }), price_discount: f("float", { default: 0 }),
      price_surcharge: f("float", { default: 0 }), price_round: f("float", { default: 0 }), min_quantity: f("float", { default: 0 }),
      date_start: f("datetime"), date_end: f("datetime"), product_tmpl_id: m2o("product.template"), product_id: m2o("product.product"),
      categ_id: m2o("product.category"),
    } },
    "stock.warehouse": { description: "Warehouse", order: "sequence,id", fields: {
      ...common, name: f("char", { required: true }), code: f("char", { required: true }), lot_stock_id: m2o("stock.location"), partner_id: m2o("res.partner"),
      sequence: f("integer", { default: 10 }), active: f("boolean", { default: true }),
      // Studio custom fields (x_ prefix) the integration adds: see the package README.
      x_location_type: f("selection", { default: "warehouse" }), x_click_and_collect: f("boolean", { default: false }), x_country_code: f("char"),
    } },
    "stock.location": { description: "Inventory Locations", order: "complete_name, id", fields: {
      ...common, name: f("char", { required: true }), complete_name: f("char"), usage: f("selection", { default: "internal" }), warehouse_id: m2o("stock.warehouse"),
      active: f("boolean", { default: true }),
    } },
    "stock.quant": { description: "Quants", order: "id", fields: {
      ...common, product_id: m2o("product.product", { required: true }), location_id: m2o("stock.location", { required: true }),
      quantity: f("float", { default: 0 }), reserved_quantity: f("float", { default: 0 }),
    } },
    "stock.move": { description: "Stock Move", order: "sequence, id", fields: {
      ...common, product_id: m2o("product.product", { required: true }), location_id: m2o("stock.location", { required: true }),
      location_dest_id: m2o("stock.location", { required: true }), product_uom_qty: f("float", { default: 0 }), state: f("selection", { default: "draft" }),
      picking_code: f("selection"), sequence: f("integer", { default: 10 }), name: f("char"),
      // 17+: `quantity` is what is reserved/picked (and, once done, moved); `quantity_done` before 17.
      quantity: f("float", { default: 0 }), picking_id: m2o("stock.picking"), sale_line_id: m2o("sale.order.line"),
    } },
    "res.partner": { description: "Contact", order: "complete_name ASC, id DESC", fields: {
      ...common, name: f("char"), complete_name: f("char"), is_company: f("boolean", { default: false }), parent_id: m2o("res.partner"), ref: f("char"),
      email: f("char"), phone: f("char"), vat: f("char"), lang: f("selection"), street: f("char"), street2: f("char"), zip: f("char"), city: f("char"),
      country_id: m2o("res.country"), active: f("boolean", { default: true }), website: f("char"), type: f("selection", { default: "contact" }),
      country_code: f("char", { compute: (r, lookup) => (r.country_id ? lookup("res.country", r.country_id as number)?.code ?? false : false) }),
      property_product_pricelist: m2o("product.pricelist"), child_ids: o2m("res.partner", "parent_id"),
    } },
    "sale.order": { description: "Sales Order", order: "date_order desc, id desc", fields: {
      ...common, name: f("char", { default: "New" }), client_order_ref: f("char"), origin: f("char"), partner_id: m2o("res.partner", { required: true }),
      state: f("selection", { default: "draft" }), date_order: f("datetime"), currency_id: m2o("res.currency"), amount_untaxed: f("float", { default: 0 }),
      amount_tax: f("float", { default: 0 }), amount_total: f("float", { default: 0 }), order_line: o2m("sale.order.line", "order_id"),
      warehouse_id: m2o("stock.warehouse"), pricelist_id: m2o("product.pricelist"), delivery_status: f("selection"),
      picking_ids: o2m("stock.picking", "sale_id"),
    } },
    "sale.order.line": { description: "Sales Order Line", order: "order_id, sequence, id", fields: {
      ...common, order_id: m2o("sale.order", { required: true }), product_id: m2o("product.product"), name: f("text"), display_type: f("selection"),
      product_uom_qty: f("float", { default: 1 }), price_unit: f("float", { default: 0 }), discount: f("float", { default: 0 }),
      price_subtotal: f("float", { default: 0 }), price_tax: f("float", { default: 0 }), price_total: f("float", { default: 0 }),
      tax_id: f("many2many", { relation: "account.tax" }), is_delivery: f("boolean", { default: false }), sequence: f("integer", { default: 10 }),
      move_ids: o2m("stock.move", "sale_line_id"),
    } },
    "account.tax": { description: "Tax", order: "sequence,id", fields: {
      ...common, name: f("char", { required: true }), amount: f("float", { default: 0 }), amount_type: f("selection", { default: "percent" }),
      type_tax_use: f("selection", { default: "sale" }), sequence: f("integer", { default: 1 }), active: f("boolean", { default: true }),
    } },
    "ir.model.data": { description: "Model Data", order: "module, model, name", fields: {
      ...common, module: f("char", { required: true }), name: f("char", { required: true }), model: f("char", { required: true }), res_id: f("integer"),
    } },
  };
}
