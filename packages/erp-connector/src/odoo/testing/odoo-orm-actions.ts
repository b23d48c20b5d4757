import { OdooFault, type OdooOrm, type OdooRow } from "./odoo-orm";
import { createRows, writeRows } from "./odoo-orm-write";
import { reserve } from "./odoo-picking-state";
import { validatePickings } from "./odoo-picking-validate";

type Context = Record<string, unknown>;
const userError = (message: string) => new OdooFault("odoo.exceptions.UserError", message);

export function rowsOf(orm: OdooOrm, model: string, ids: readonly number[]): OdooRow[] {
  return ids.map((id) => {
    const row = orm.table(model).get(id);
    if (!row) throw new OdooFault("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Record: ${model}(${id},), User: 2)`);
    return row;
  });
}

/** The warehouse's outgoing type and the customers location, created on first use (Odoo creates them with the warehouse). */
function deliveryRoute(orm: OdooOrm, warehouse: OdooRow): { type: OdooRow; source: number; customers: number } {
  const customers = [...orm.table("stock.location").values()].find((l) => l.usage === "customer")?.id
    ?? createRows(orm, "stock.location", [{ name: "Customers", complete_name: "Partners/Customers", usage: "customer" }])[0]!;
  const source = warehouse.lot_stock_id;
  if (typeof source !== "number") throw userError(`Warehouse ${String(warehouse.name)} has no stock location.`);
  let type = [...orm.table("stock.picking.type").values()].find((t) => t.code === "outgoing" && t.warehouse_id === warehouse.id);
  if (!type) {
    const [id] = createRows(orm, "stock.picking.type", [{
      name: "Delivery Orders", code: "outgoing", sequence_code: "OUT", warehouse_id: warehouse.id, default_location_src_id: source, default_location_dest_id: customers,
    }]);
    type = orm.table("stock.picking.type").get(id!)!;
  }
  return { type, source, customers };
}

/** `<warehouse code>/OUT/<5 digits>`, numbered per picking type (ir.sequence of the type). */
function pickingName(orm: OdooOrm, type: OdooRow): string {
  const warehouse = orm.table("stock.warehouse").get(type.warehouse_id as number);
  const count = [...orm.table("stock.picking").values()].filter((p) => p.picking_type_id === type.id).length;
  return `${String(warehouse?.code ?? "WH")}/${String(type.sequence_code)}/${String(count + 1).padStart(5, "0")}`;
}

/** sale_stock `_action_launch_stock_rule`: one outgoing picking from the order's warehouse with a move per goods line. */
function launchDelivery(orm: OdooOrm, order: OdooRow): void {
  const lines = [...orm.table("sale.order.line").values()].filter((line) => {
    if (line.order_id !== order.id || line.display_type || line.is_delivery || typeof line.product_id !== "number") return false;
    const product = orm.table("product.product").get(line.product_id);
    return orm.table("product.template").get(product?.product_tmpl_id as number)?.type !== "service";
  });
  if (!lines.length) return;
  const warehouseId = typeof order.warehouse_id === "number" ? order.warehouse_id : orm.search("stock.warehouse", [], { limit: 1 })[0]?.id;
  const warehouse = warehouseId === undefined ? undefined : orm.table("stock.warehouse").get(warehouseId);
  if (!warehouse) throw userError("No warehouse could be found for this sales order.");
  if (order.warehouse_id !== warehouse.id) order.warehouse_id = warehouse.id;
  const { type, source, customers } = deliveryRoute(orm, warehouse);
  const route = { location_id: source, location_dest_id: customers };
  const [id] = createRows(orm, "stock.picking", [{
    name: pickingName(orm, type), origin: order.name, picking_type_id: type.id, ...route, partner_id: order.partner_id, sale_id: order.id,
    scheduled_date: orm.clock().slice(0, 19), state: "confirmed",
    move_ids: lines.map((line) => [0, 0, {
      name: line.name, product_id: line.product_id, product_uom_qty: line.product_uom_qty, quantity: 0, state: "confirmed",
      sale_line_id: line.id, picking_code: "outgoing", ...route,
    }]),
  }]);
  reserve(orm, orm.table("stock.picking").get(id!)!);
}

/** sale.order `action_confirm`: state `sale`, `date_order` = now (`_prepare_confirmation_values`), then the delivery. */
function confirmOrders(orm: OdooOrm, ids: readonly number[]): true {
  const orders = rowsOf(orm, "sale.order", ids);
  const blocked = orders.filter((o) => o.state !== "draft" && o.state !== "sent");
  if (blocked.length) throw userError(`The following orders are not in a state requiring confirmation: ${blocked.map((o) => String(o.name)).join(", ")}`);
  writeRows(orm, "sale.order", [...ids], { state: "sale", date_order: orm.clock().slice(0, 19) });
  for (const order of orders) launchDelivery(orm, order);
  return true;
}

/** `action_assign` (Check Availability): reserve what the source location holds. */
function assignPickings(orm: OdooOrm, ids: readonly number[]): true {
  for (const picking of rowsOf(orm, "stock.picking", ids)) {
    if (picking.state === "done" || picking.state === "cancel") continue;
    reserve(orm, picking);
  }
  return true;
}

/** Model methods beyond the ORM's that the emulator runs, called on records (`args[0]` = ids). */
const ACTIONS: Record<string, (orm: OdooOrm, ids: readonly number[], context: Context) => unknown> = {
  "sale.order.action_confirm": confirmOrders,
  "stock.picking.action_assign": assignPickings,
  "stock.picking.button_validate": (orm, ids, context) => validatePickings(orm, rowsOf(orm, "stock.picking", ids), context),
};

/** The emulated business method `model.method`, if there is one. */
export function actionOf(model: string, method: string): ((orm: OdooOrm, ids: readonly number[], context: Context) => unknown) | undefined {
  return Object.hasOwn(ACTIONS, `${model}.${method}`) ? ACTIONS[`${model}.${method}`] : undefined;
}
