import type { OdooOrm, OdooRow } from "./odoo-orm";

/** Set stored values the way a stored compute does: only when they change, and then with a new write_date. */
export function setComputed(orm: OdooOrm, model: string, row: OdooRow, vals: Record<string, unknown>): void {
  if (Object.entries(vals).every(([name, value]) => row[name] === value)) return;
  Object.assign(row, vals, { write_date: orm.clock() });
  orm.touch(model);
}

/** Moves of a picking (stock.move rows with its `picking_id`). */
export function movesOf(orm: OdooOrm, pickingId: number): OdooRow[] {
  return [...orm.table("stock.move").values()].filter((move) => move.picking_id === pickingId);
}

/**
 * A picking's state from its moves (stock_picking.py `_compute_state` with the default shipping
 * policy `direct`, "as soon as possible"): done / cancelled when every move is; `assigned` (Ready)
 * once any open move has a quantity reserved or picked; `confirmed` (Waiting) before. A move is
 * `assigned` when its whole demand is reserved, `partially_available` when part of it is.
 */
export function refreshPicking(orm: OdooOrm, pickingId: number): void {
  const picking = orm.table("stock.picking").get(pickingId);
  if (!picking || picking.state === "draft") return;
  const moves = movesOf(orm, pickingId);
  for (const move of moves) {
    if (move.state === "done" || move.state === "cancel") continue;
    const quantity = move.quantity as number;
    const state = quantity <= 0 ? "confirmed" : quantity >= (move.product_uom_qty as number) ? "assigned" : "partially_available";
    setComputed(orm, "stock.move", move, { state });
  }
  const open = moves.filter((m) => m.state !== "done" && m.state !== "cancel");
  let state: string;
  if (!moves.length) state = picking.state as string;
  else if (moves.every((m) => m.state === "cancel")) state = "cancel";
  else if (!open.length) state = "done";
  else state = open.some((m) => m.state === "assigned" || m.state === "partially_available") ? "assigned" : "confirmed";
  setComputed(orm, "stock.picking", picking, { state });
  if (typeof picking.sale_id === "number") refreshDeliveryStatus(orm, picking.sale_id);
}

/**
 * sale_stock `_compute_delivery_status` (stored; 17): false without pickings (or all cancelled),
 * `full` when all are done or cancelled, `partial` when one is done and goods left, `started`
 * when one is done without goods leaving yet, else `pending`.
 */
export function refreshDeliveryStatus(orm: OdooOrm, orderId: number): void {
  const order = orm.table("sale.order").get(orderId);
  if (!order) return;
  const pickings = [...orm.table("stock.picking").values()].filter((p) => p.sale_id === orderId);
  const delivered = pickings.some((p) => p.state === "done" && orm.value("stock.picking", p, "picking_type_code") === "outgoing" &&
    movesOf(orm, p.id).some((m) => m.state === "done" && (m.quantity as number) > 0));
  let status: string | false;
  if (!pickings.length || pickings.every((p) => p.state === "cancel")) status = false;
  else if (pickings.every((p) => p.state === "done" || p.state === "cancel")) status = "full";
  else if (pickings.some((p) => p.state === "done")) status = delivered ? "partial" : "started";
  else status = "pending";
  setComputed(orm, "sale.order", order, { delivery_status: status });
}

/** Reserve what the picking's source location holds (`action_assign`): quants' reserved_quantity, moves' quantity. */
export function reserve(orm: OdooOrm, picking: OdooRow): void {
  for (const move of movesOf(orm, picking.id)) {
    if (move.state === "done" || move.state === "cancel") continue;
    let need = (move.product_uom_qty as number) - (move.quantity as number);
    for (const quant of orm.table("stock.quant").values()) {
      if (need <= 0) break;
      if (quant.product_id !== move.product_id || quant.location_id !== picking.location_id) continue;
      const take = Math.min(need, Math.max(0, (quant.quantity as number) - (quant.reserved_quantity as number)));
      if (take <= 0) continue;
      setComputed(orm, "stock.quant", quant, { reserved_quantity: (quant.reserved_quantity as number) + take });
      setComputed(orm, "stock.move", move, { quantity: (move.quantity as number) + take });
      need -= take;
    }
  }
  refreshPicking(orm, picking.id);
}


/**
 * A move's quantity changed by a write (a worker picked more or less than was reserved): the
 * source location's quants follow, as Odoo's move lines reserve and unreserve.
 */
export function adjustReservation(orm: OdooOrm, move: OdooRow, delta: number): void {
  if (!delta || move.state === "done" || move.state === "cancel") return;
  const quants = [...orm.table("stock.quant").values()].filter((q) => q.product_id === move.product_id && q.location_id === move.location_id);
  let left = delta;
  for (const quant of quants) {
    const reserved = quant.reserved_quantity as number;
    const change = left > 0 ? left : Math.max(left, -reserved);
    if (change) setComputed(orm, "stock.quant", quant, { reserved_quantity: reserved + change });
    left -= change;
    if (!left) break;
  }
}
