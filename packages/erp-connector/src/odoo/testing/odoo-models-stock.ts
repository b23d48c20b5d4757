import { common, f, m2o, o2m, type OdooModelDef } from "./odoo-model-defs";

/** The stock.picking.type of a picking, by id. */
const typeOf = (record: Record<string, unknown>, lookup: (model: string, id: number) => Record<string, unknown> | undefined) =>
  record.picking_type_id ? lookup("stock.picking.type", record.picking_type_id as number) : undefined;

/**
 * stock_delivery's `carrier_tracking_url` (computed, not stored): for `fixed` / `base_on_rule`
 * carriers the carrier's `tracking_url` with `<shipmenttrackingnumber>` replaced by the picking's
 * `carrier_tracking_ref`, else false (delivery_carrier.py `fixed_get_tracking_link`).
 */
function trackingUrl(record: Record<string, unknown>, lookup: (model: string, id: number) => Record<string, unknown> | undefined): unknown {
  const carrier = record.carrier_id ? lookup("delivery.carrier", record.carrier_id as number) : undefined;
  const template = carrier?.tracking_url;
  if (typeof template !== "string" || !template || typeof record.carrier_tracking_ref !== "string" || !record.carrier_tracking_ref) return false;
  return template.replace("<shipmenttrackingnumber>", record.carrier_tracking_ref);
}

/**
 * Transfers (stock), their link to sale orders (sale_stock `sale_id`) and carriers (stock_delivery,
 * the `delivery` module before 17).
 * https://github.com/odoo/odoo/blob/17.0/addons/stock/models/stock_picking.py
 * https://github.com/odoo/odoo/blob/17.0/addons/stock_delivery/models/stock_picking.py
 */
export function stockModels(): Record<string, OdooModelDef> {
  return {
    "stock.picking.type": { description: "Picking Type", order: "sequence, id", fields: {
      ...common, name: f("char", { required: true }), code: f("selection", { required: true }), sequence_code: f("char", { required: true }),
      warehouse_id: m2o("stock.warehouse"), default_location_src_id: m2o("stock.location"), default_location_dest_id: m2o("stock.location"),
      sequence: f("integer", { default: 1 }), active: f("boolean", { default: true }),
    } },
    "stock.picking": { description: "Transfer", order: "priority desc, scheduled_date asc, id desc", fields: {
      ...common, name: f("char", { default: "/" }), origin: f("char"), state: f("selection", { default: "draft" }), priority: f("selection", { default: "0" }),
      picking_type_id: m2o("stock.picking.type", { required: true }),
      picking_type_code: f("selection", { compute: (r, lookup) => typeOf(r, lookup)?.code ?? false }),
      location_id: m2o("stock.location", { required: true }), location_dest_id: m2o("stock.location", { required: true }),
      partner_id: m2o("res.partner"), sale_id: m2o("sale.order"), backorder_id: m2o("stock.picking"),
      scheduled_date: f("datetime"), date_done: f("datetime"), move_ids: o2m("stock.move", "picking_id"),
      carrier_id: m2o("delivery.carrier"), carrier_tracking_ref: f("char"), carrier_tracking_url: f("char", { compute: trackingUrl }),
    } },
    "delivery.carrier": { description: "Shipping Methods", order: "sequence, id", fields: {
      ...common, name: f("char", { required: true }), delivery_type: f("selection", { default: "fixed" }), tracking_url: f("char"),
      sequence: f("integer", { default: 10 }), active: f("boolean", { default: true }),
    } },
  };
}
