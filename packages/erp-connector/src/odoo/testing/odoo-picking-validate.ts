import { OdooFault, type OdooOrm, type OdooRow } from "./odoo-orm";
import { createRows } from "./odoo-orm-write";
import { movesOf, refreshDeliveryStatus, refreshPicking, reserve, setComputed } from "./odoo-picking-state";

const userError = (message: string) => new OdooFault("odoo.exceptions.UserError", message);
const num = (value: unknown) => (typeof value === "number" ? value : 0);

/** The goods leave the source location: quants lose the moved quantity and its reservation. */
function consume(orm: OdooOrm, picking: OdooRow, move: OdooRow, quantity: number): void {
  let left = quantity;
  const quants = [...orm.table("stock.quant").values()].filter((q) => q.product_id === move.product_id && q.location_id === picking.location_id);
  for (const quant of quants) {
    const take = quant === quants.at(-1) ? left : Math.min(left, Math.max(0, num(quant.quantity)));
    if (take <= 0) continue;
    setComputed(orm, "stock.quant", quant, { quantity: num(quant.quantity) - take, reserved_quantity: Math.max(0, num(quant.reserved_quantity) - take) });
    left -= take;
  }
}

/** The rest of a partly shipped picking as a new picking (`_create_backorder`): same type, route, order and carrier. */
function createBackorder(orm: OdooOrm, picking: OdooRow, rest: Array<{ move: OdooRow; quantity: number }>): number {
  const type = orm.table("stock.picking.type").get(num(picking.picking_type_id));
  const warehouse = orm.table("stock.warehouse").get(num(type?.warehouse_id));
  const count = [...orm.table("stock.picking").values()].filter((p) => p.picking_type_id === picking.picking_type_id).length;
  const [id] = createRows(orm, "stock.picking", [{
    name: `${String(warehouse?.code ?? "WH")}/${String(type?.sequence_code ?? "OUT")}/${String(count + 1).padStart(5, "0")}`,
    origin: picking.origin, picking_type_id: picking.picking_type_id,
    location_id: picking.location_id, location_dest_id: picking.location_dest_id,
    partner_id: picking.partner_id, sale_id: picking.sale_id, carrier_id: picking.carrier_id, backorder_id: picking.id,
    scheduled_date: picking.scheduled_date, state: "confirmed",
    move_ids: rest.map(({ move, quantity }) => [0, 0, {
      name: move.name, product_id: move.product_id, product_uom_qty: quantity, quantity: 0, state: "confirmed", sale_line_id: move.sale_line_id,
      picking_code: move.picking_code, location_id: move.location_id, location_dest_id: move.location_dest_id,
    }]),
  }]);
  return id!;
}

/** What `button_validate` answers when a picking is partly done and the caller did not say what to do with the rest. */
function backorderWizard(pickings: readonly OdooRow[]): Record<string, unknown> {
  return {
    name: "Create Backorder?", type: "ir.actions.act_window", res_model: "stock.backorder.confirmation", view_mode: "form", views: [[false, "form"]],
    target: "new", context: { button_validate_picking_ids: pickings.map((p) => p.id), default_pick_ids: pickings.map((p) => [4, p.id]) },
  };
}

/**
 * `button_validate` (stock_picking.py, 17): moves are done with their `quantity`; nothing picked
 * at all is a UserError; a partial picking returns the backorder wizard unless the context says
 * `skip_backorder` (what the wizard's buttons call with), then the rest becomes a backorder, or
 * is dropped for pickings in `picking_ids_not_to_backorder`. Done pickings get `date_done`, and
 * the order's stored `delivery_status` follows.
 */
export function validatePickings(
  orm: OdooOrm, pickings: readonly OdooRow[], context: Record<string, unknown>,
): true | Record<string, unknown> {
  for (const picking of pickings) {
    if (picking.state === "done" || picking.state === "cancel") throw userError(`Transfer ${String(picking.name)} is already done or cancelled.`);
    const open = movesOf(orm, picking.id).filter((m) => m.state !== "done" && m.state !== "cancel");
    if (!open.some((m) => num(m.quantity) > 0)) {
      throw userError("You cannot validate a transfer if no quantities are reserved nor done. You can use the info button to view and edit the quantities.");
    }
  }
  const partial = pickings.filter((p) => movesOf(orm, p.id).some((m) => m.state !== "done" && m.state !== "cancel" && num(m.quantity) < num(m.product_uom_qty)));
  if (partial.length && !context.skip_backorder) return backorderWizard(partial);
  const excluded = context.picking_ids_not_to_backorder;
  const noBackorder = new Set(Array.isArray(excluded) ? (excluded as number[]) : []);
  for (const picking of pickings) {
    const rest: Array<{ move: OdooRow; quantity: number }> = [];
    for (const move of movesOf(orm, picking.id).filter((m) => m.state !== "done" && m.state !== "cancel")) {
      const done = Math.min(num(move.quantity), num(move.product_uom_qty));
      if (num(move.product_uom_qty) > done) rest.push({ move, quantity: num(move.product_uom_qty) - done });
      if (done > 0) consume(orm, picking, move, done);
      setComputed(orm, "stock.move", move, done > 0 ? { state: "done", quantity: done, product_uom_qty: done } : { state: "cancel" });
    }
    setComputed(orm, "stock.picking", picking, { state: "done", date_done: orm.clock().slice(0, 19) });
    if (rest.length && !noBackorder.has(picking.id)) reserve(orm, orm.table("stock.picking").get(createBackorder(orm, picking, rest))!);
    refreshPicking(orm, picking.id);
    if (typeof picking.sale_id === "number") refreshDeliveryStatus(orm, picking.sale_id);
  }
  return true;
}
