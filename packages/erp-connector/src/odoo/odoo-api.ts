import { z } from "zod";

/*
 * Raw Odoo record schemas: minimal and tolerant. Odoo sends `false` for every empty value
 * (never null), many2one as `[id, "display name"]` or `false`, datetimes as UTC
 * `"YYYY-MM-DD HH:MM:SS"` (external API reference, "read" / "search_read" examples).
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#list-records
 */

/** A char/text field: `false` and "" become null. */
export const odooText = z.union([z.string(), z.literal(false), z.null()]).optional().transform((v) => (v ? v : null));
/** A float/integer field (`false` when unset on some computed fields). */
export const odooNumber = z.union([z.number(), z.literal(false), z.null()]).optional().transform((v) => (typeof v === "number" ? v : null));
/** A many2one: `[id, display_name]` or `false` → `{ id, name }` or null. */
export const odooMany2one = z
  .union([z.tuple([z.number().int(), z.union([z.string(), z.literal(false)])]), z.literal(false), z.null()])
  .optional()
  .transform((v) => (Array.isArray(v) ? { id: v[0], name: v[1] || "" } : null));
/** A one2many / many2many: list of ids. */
export const odooIds = z.array(z.number().int()).optional().default([]);
/** A boolean (absent counts as false). */
export const odooBool = z.boolean().optional().default(false);
/** `write_date` / `create_date`: UTC "YYYY-MM-DD HH:MM:SS". */
export const odooDatetime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/, "must be an Odoo UTC datetime");

const base = { id: z.number().int().positive(), write_date: odooDatetime };

/** product.template (17: `detailed_type`; 18+: `type` consu/service/combo + `is_storable`). */
export const odooProductTemplateSchema = z.object({
  ...base, name: z.string(), default_code: odooText, barcode: odooText, list_price: odooNumber, active: odooBool,
  sale_ok: odooBool, type: odooText, detailed_type: odooText, is_storable: z.boolean().optional(), categ_id: odooMany2one,
  weight: odooNumber, product_variant_ids: odooIds, create_date: z.union([odooDatetime, z.literal(false)]).optional(),
});
/** product.template as read. */
export type OdooProductTemplate = z.infer<typeof odooProductTemplateSchema>;

/** product.product (a variant). */
export const odooProductVariantSchema = z.object({
  ...base, product_tmpl_id: odooMany2one, default_code: odooText, barcode: odooText, weight: odooNumber, active: odooBool,
  lst_price: odooNumber, standard_price: odooNumber, categ_id: odooMany2one, currency_id: odooMany2one, sale_ok: z.boolean().optional(),
});
/** product.product as read. */
export type OdooProductVariant = z.infer<typeof odooProductVariantSchema>;

/** product.category. */
export const odooCategorySchema = z.object({ ...base, name: z.string(), parent_id: odooMany2one, complete_name: odooText });
/** product.category as read. */
export type OdooCategory = z.infer<typeof odooCategorySchema>;

/** product.pricelist (its currency's display name is the ISO code). */
export const odooPricelistSchema = z.object({ ...base, name: z.string(), currency_id: odooMany2one, active: odooBool, item_ids: odooIds });
/** product.pricelist as read. */
export type OdooPricelist = z.infer<typeof odooPricelistSchema>;

/** product.pricelist.item: one rule. */
export const odooPricelistItemSchema = z.object({
  ...base, pricelist_id: odooMany2one, applied_on: z.enum(["3_global", "2_product_category", "1_product", "0_product_variant"]),
  compute_price: z.enum(["fixed", "percentage", "formula"]), base: odooText, base_pricelist_id: odooMany2one,
  fixed_price: odooNumber, percent_price: odooNumber, price_discount: odooNumber, price_surcharge: odooNumber,
  price_round: odooNumber, min_quantity: odooNumber, date_start: odooText, date_end: odooText,
  product_tmpl_id: odooMany2one, product_id: odooMany2one, categ_id: odooMany2one,
});
/** product.pricelist.item as read. */
export type OdooPricelistItem = z.infer<typeof odooPricelistItemSchema>;

/** stock.warehouse (+ custom fields x_location_type / x_click_and_collect, see README). */
export const odooWarehouseSchema = z.object({
  ...base, name: z.string(), code: odooText, lot_stock_id: odooMany2one, partner_id: odooMany2one,
  x_location_type: odooText, x_click_and_collect: odooBool, x_country_code: odooText,
});
/** stock.warehouse as read. */
export type OdooWarehouse = z.infer<typeof odooWarehouseSchema>;

/** stock.location (only `warehouse_id` is needed to roll quants up). */
export const odooLocationSchema = z.object({ id: z.number().int(), warehouse_id: odooMany2one, usage: odooText });

/** stock.quant. */
export const odooQuantSchema = z.object({
  ...base, product_id: odooMany2one, location_id: odooMany2one, quantity: odooNumber, reserved_quantity: odooNumber,
});
/** stock.quant as read. */
export type OdooQuant = z.infer<typeof odooQuantSchema>;

/** res.partner (companies and contacts). */
export const odooPartnerSchema = z.object({
  ...base, name: odooText, is_company: odooBool, parent_id: odooMany2one, ref: odooText, email: odooText, phone: odooText,
  vat: odooText, lang: odooText, street: odooText, street2: odooText, zip: odooText, city: odooText, country_code: odooText,
  active: odooBool, website: odooText, property_product_pricelist: odooMany2one, child_ids: odooIds, type: odooText,
});
/** res.partner as read. */
export type OdooPartner = z.infer<typeof odooPartnerSchema>;

/** sale.order. */
export const odooSaleOrderSchema = z.object({
  ...base, name: z.string(), client_order_ref: odooText, origin: odooText, partner_id: odooMany2one, state: z.string(),
  date_order: odooDatetime, currency_id: odooMany2one, amount_untaxed: z.number(), amount_tax: z.number(),
  amount_total: z.number(), order_line: odooIds, warehouse_id: odooMany2one, delivery_status: odooText,
});
/** sale.order as read. */
export type OdooSaleOrder = z.infer<typeof odooSaleOrderSchema>;

/** sale.order.line (section/note lines carry `display_type` and no product). */
export const odooSaleOrderLineSchema = z.object({
  id: z.number().int(), order_id: odooMany2one, product_id: odooMany2one, name: odooText, display_type: odooText,
  product_uom_qty: z.number(), price_unit: z.number(), discount: odooNumber, price_subtotal: z.number(),
  price_tax: odooNumber, price_total: z.number(), sequence: odooNumber, tax_id: odooIds, is_delivery: odooBool,
});
/** sale.order.line as read. */
export type OdooSaleOrderLine = z.infer<typeof odooSaleOrderLineSchema>;

/** A datetime that may be unset (`date_done` before validation): UTC string or `false` → string or null. */
export const odooOptionalDatetime = z.union([odooDatetime, z.literal(false), z.null()]).optional().transform((v) => (v ? v : null));

/** stock.picking states (stock/models/stock_picking.py `state`). */
export const ODOO_PICKING_STATES = ["draft", "waiting", "confirmed", "assigned", "done", "cancel"] as const;

/**
 * stock.picking: a transfer; the connector reads the outgoing ones of sale orders (`sale_id`, sale_stock).
 * `carrier_id`, `carrier_tracking_ref` (comma-separated for several parcels) and the computed
 * `carrier_tracking_url` come from stock_delivery (the `delivery` module before 17).
 */
export const odooPickingSchema = z.object({
  ...base, name: z.string(), state: z.string(), sale_id: odooMany2one, picking_type_id: odooMany2one, location_id: odooMany2one,
  scheduled_date: odooOptionalDatetime, date_done: odooOptionalDatetime, carrier_id: odooMany2one, carrier_tracking_ref: odooText,
  carrier_tracking_url: odooText, move_ids: odooIds,
});
/** stock.picking as read. */
export type OdooPicking = z.infer<typeof odooPickingSchema>;

/** stock.move of a picking: `sale_line_id` (sale_stock) names the order line, `quantity` (17+) what was picked/shipped. */
export const odooPickingMoveSchema = z.object({
  id: z.number().int(), picking_id: odooMany2one, sale_line_id: odooMany2one, product_id: odooMany2one,
  product_uom_qty: z.number(), quantity: odooNumber, state: odooText,
});
/** stock.move as read for shipments. */
export type OdooPickingMove = z.infer<typeof odooPickingMoveSchema>;

/** ir.model.data: external ids (`module.name`) that carry our canonical keys. */
export const odooModelDataSchema = z.object({
  id: z.number().int(), module: z.string(), name: z.string(), model: z.string(), res_id: z.number().int(),
});
