import { OdooFault, type OdooOrm, type OdooRow } from "./odoo-orm";
import { actionOf } from "./odoo-orm-actions";
import { createRows, writeRows } from "./odoo-orm-write";
import { movesOf } from "./odoo-picking-state";

/** How a warehouse worker ships an order's open delivery. */
export interface ShipOrderOptions {
  /** delivery.carrier name (created on first use), e.g. `DHL Paket`. */
  carrier?: string;
  /** The carrier's tracking link with `<shipmenttrackingnumber>` (stock_delivery), set when the carrier is created. */
  trackingUrl?: string;
  /** `carrier_tracking_ref`; several parcels comma-separated. */
  trackingRef?: string;
  /** Quantities picked per SKU (default: everything still open); the rest becomes a backorder. */
  quantities?: Record<string, number>;
  /** false = no backorder for the rest (the wizard's "No Backorder"). */
  backorder?: boolean;
}

/** What {@link shipOrder} validated. */
export interface ShippedPicking {
  orderId: number;
  pickingId: number;
  pickingName: string;
  /** The picking holding the rest, when a backorder was created. */
  backorderId: number | null;
}

/** A sale.order by `client_order_ref` (the shop's order number) or Odoo `name`. */
export function findOrder(orm: OdooOrm, reference: string): OdooRow {
  const order = [...orm.table("sale.order").values()].find((o) => o.client_order_ref === reference) ??
    [...orm.table("sale.order").values()].find((o) => o.name === reference);
  if (!order) throw new OdooFault("odoo.exceptions.MissingError", `No sale.order with client_order_ref or name ${reference}`);
  return order;
}

function openDelivery(orm: OdooOrm, order: OdooRow): OdooRow {
  const picking = [...orm.table("stock.picking").values()]
    .filter((p) => p.sale_id === order.id && p.state !== "done" && p.state !== "cancel" && orm.value("stock.picking", p, "picking_type_code") === "outgoing")
    .sort((a, b) => a.id - b.id)[0];
  if (!picking) throw new OdooFault("odoo.exceptions.UserError", `Order ${String(order.name)} has no open delivery`);
  return picking;
}

/** `action_confirm` a quotation (no-op for a confirmed order): the outgoing picking appears. */
export function confirmOrder(orm: OdooOrm, reference: string): OdooRow {
  const order = findOrder(orm, reference);
  if (order.state === "draft" || order.state === "sent") actionOf("sale.order", "action_confirm")!(orm, [order.id], {});
  return openDelivery(orm, order);
}

/**
 * A worker puts the goods of the open delivery together (writes each move's `quantity`): the
 * picking is Ready (`assigned`); at a store warehouse that is a click & collect order ready for pickup.
 */
export function pickOrder(orm: OdooOrm, reference: string, quantities?: Record<string, number>): OdooRow {
  const picking = confirmOrder(orm, reference);
  for (const move of movesOf(orm, picking.id)) {
    if (move.state === "done" || move.state === "cancel") continue;
    const sku = orm.table("product.product").get(move.product_id as number)?.default_code;
    const quantity = quantities && typeof sku === "string" ? quantities[sku] ?? 0 : (move.product_uom_qty as number);
    if (quantity !== move.quantity) writeRows(orm, "stock.move", [move.id], { quantity });
  }
  return picking;
}

/**
 * Ship (or, for click & collect, hand over) an order as a warehouse worker does: confirm it if it
 * is a quotation, pick the goods, set carrier and tracking ref on the delivery, `button_validate`
 * (context `skip_backorder`, as the backorder wizard calls it). The picking is done with
 * `date_done`; the order's `delivery_status` and `write_date` change.
 */
export function shipOrder(orm: OdooOrm, reference: string, options: ShipOrderOptions = {}): ShippedPicking {
  const picking = pickOrder(orm, reference, options.quantities);
  const vals: Record<string, unknown> = {};
  if (options.carrier) {
    const carrier = [...orm.table("delivery.carrier").values()].find((c) => c.name === options.carrier)?.id
      ?? createRows(orm, "delivery.carrier", [{ name: options.carrier, tracking_url: options.trackingUrl ?? false }])[0]!;
    vals.carrier_id = carrier;
  }
  if (options.trackingRef) vals.carrier_tracking_ref = options.trackingRef;
  if (Object.keys(vals).length) writeRows(orm, "stock.picking", [picking.id], vals);
  const before = new Set(orm.table("stock.picking").keys());
  const context = { skip_backorder: true, ...(options.backorder === false ? { picking_ids_not_to_backorder: [picking.id] } : {}) };
  actionOf("stock.picking", "button_validate")!(orm, [picking.id], context);
  const backorder = [...orm.table("stock.picking").values()].find((p) => !before.has(p.id) && p.backorder_id === picking.id);
  const orderId = picking.sale_id as number;
  return { orderId, pickingId: picking.id, pickingName: String(picking.name), backorderId: backorder?.id ?? null };
}
