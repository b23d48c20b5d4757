import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { odooMany2one, odooSaleOrderSchema } from "../odoo-api";
import { keysetStream } from "./keyset";
import { readByIds } from "./lookups";
import { OrderPageMapper, OUTGOING_SALE_PICKINGS } from "./order-page";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

/** sale.order fields the connector reads (delivery_status needs sale_stock). */
export const ORDER_FIELDS = ["name", "client_order_ref", "origin", "partner_id", "state", "date_order", "currency_id", "amount_untaxed", "amount_tax", "amount_total", "order_line", "warehouse_id", "delivery_status"];
const pickingOrderSchema = z.object({ id: z.number().int(), sale_id: odooMany2one });

/**
 * Sale orders with their lines, shipments, partners, SKUs, taxes and warehouses resolved in
 * batches per page. Phase 0 polls sale.order; phase 1 polls the outgoing pickings of sale orders
 * and re-reads their orders: a picking that becomes ready or gets a tracking ref changes the
 * order's shipments without touching the order's own write_date.
 */
export function readOrders(context: StreamContext): AsyncGenerator<Page<EntityOf<"order">>> {
  const { client, signal } = context;
  const mapper = new OrderPageMapper(client, context.system, signal);
  return keysetStream({
    ...context,
    phases: [{ model: "sale.order", fields: ORDER_FIELDS }, { model: "stock.picking", fields: ["sale_id"], domain: OUTGOING_SALE_PICKINGS }],
    async map(phase, raw) {
      if (phase === 0) {
        const { rows, issues } = parseRows("sale.order", raw, odooSaleOrderSchema);
        const mapped = await mapper.map(rows);
        return { items: mapped.items, issues: [...issues, ...mapped.issues] };
      }
      const pickings = parseRows("stock.picking", raw, pickingOrderSchema);
      const orderIds = pickings.rows.flatMap((p) => (p.sale_id ? [p.sale_id.id] : []));
      const orderRows = await readByIds(client, "sale.order", orderIds, ["id", "write_date", ...ORDER_FIELDS], z.unknown(), signal);
      const { rows, issues } = parseRows("sale.order", orderRows, odooSaleOrderSchema);
      const read = new Set(orderRows.map((row) => (row as { id?: unknown }).id));
      const unreadable = pickings.rows.filter((p) => p.sale_id && !read.has(p.sale_id.id)).map((p) => ({
        recordKey: `stock.picking:${p.id}`, field: "sale_id", reason: "invalid" as const, message: `sale.order ${p.sale_id!.id} of the picking is not readable`,
      }));
      const mapped = await mapper.map(rows);
      return { items: mapped.items, issues: [...pickings.issues, ...unreadable, ...issues, ...mapped.issues] };
    },
  });
}
