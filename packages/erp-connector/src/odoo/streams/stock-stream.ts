import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooLocationSchema, odooMany2one, odooQuantSchema, odooText, type OdooQuant } from "../odoo-api";
import { toStockLevel, type QuantGroup } from "../mappers/to-stock-level";
import { latest } from "../mappers/odoo-values";
import { keysetStream } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

const QUANT_FIELDS = ["product_id", "location_id", "quantity", "reserved_quantity"];
const MOVE_FIELDS = ["product_id", "location_dest_id", "product_uom_qty", "state"];
const codeSchema = z.object({ id: z.number(), default_code: odooText });
const moveSchema = z.object({ id: z.number(), write_date: z.string(), product_id: odooMany2one, location_dest_id: odooMany2one, product_uom_qty: z.number() });
// Receipts not yet done: what Odoo counts as incoming (stock.move states before "done").
const OPEN_MOVES = ["waiting", "confirmed", "partially_available", "assigned"];

/** A product in a warehouse: `${productId}|${warehouseId}`. */
type Pair = string;
type Group = Omit<QuantGroup, "quants"> & { quants: OdooQuant[]; incoming: number };
const productOf = (pair: Pair) => Number(pair.split("|")[0]);

/**
 * Stock levels per SKU per warehouse. Phase 0 polls stock.quant, phase 1 stock.move (a new or
 * changed receipt changes `incoming` without touching any quant); either re-reads every quant
 * and open receipt of the product in that warehouse's internal locations, so lots, packages
 * and sub-locations always sum up completely.
 */
export function readStockLevels(context: StreamContext): AsyncGenerator<Page<EntityOf<"stockLevel">>> {
  const { client, signal } = context;
  const keys = new KeyResolver(client, signal);
  let warehouseOf: Map<number, number> | undefined;
  const seen = new Set<Pair>();

  async function locations(): Promise<Map<number, number>> {
    if (warehouseOf) return warehouseOf;
    const rows = await client.call("stock.location", "search_read", { domain: [["usage", "=", "internal"]], fields: ["id", "warehouse_id", "usage"] }, z.array(odooLocationSchema), { signal });
    warehouseOf = new Map(rows.flatMap((r) => (r.warehouse_id ? [[r.id, r.warehouse_id.id] as [number, number]] : [])));
    await keys.load("stock.warehouse", warehouseOf.values());
    return warehouseOf;
  }

  async function levels(pairs: Set<Pair>) {
    const byLocation = await locations();
    const productIds = [...new Set([...pairs].map(productOf))];
    if (!productIds.length) return { items: [], issues: [] };
    const internal = [...byLocation.keys()];
    const quants = await client.call("stock.quant", "search_read", { domain: [["product_id", "in", productIds], ["location_id", "in", internal]], fields: ["id", "write_date", ...QUANT_FIELDS] }, z.array(odooQuantSchema), { signal });
    const moves = await client.call("stock.move", "search_read", { domain: [["product_id", "in", productIds], ["location_dest_id", "in", internal], ["state", "in", OPEN_MOVES], ["picking_code", "=", "incoming"]], fields: ["id", "write_date", ...MOVE_FIELDS] }, z.array(moveSchema), { signal });
    const codes = new Map((await readByIds(client, "product.product", productIds, ["id", "default_code"], codeSchema, signal)).map((p) => [p.id, p.default_code]));
    const groups = new Map<Pair, Group>();
    const group = (productId: number, warehouse: number) => {
      const pair = `${productId}|${warehouse}`;
      const existing: Group = groups.get(pair) ?? { sku: codes.get(productId) ?? null, productId, locationKey: keys.keyOf("stock.warehouse", warehouse), quants: [], incoming: 0 };
      groups.set(pair, existing);
      return pairs.has(pair) ? existing : undefined;
    };
    for (const quant of quants) group(quant.product_id!.id, byLocation.get(quant.location_id!.id)!)?.quants.push(quant);
    for (const move of moves) {
      const target = group(move.product_id!.id, byLocation.get(move.location_dest_id!.id)!);
      if (!target) continue;
      target.incoming += move.product_uom_qty;
      target.movedAt = latest(target.movedAt, move.write_date);
    }
    const wanted = [...groups].filter(([pair]) => pairs.has(pair));
    for (const [pair] of wanted) seen.add(pair);
    return mapRecords("stockLevel", wanted.map(([, g]) => g), (g) => toStockLevel(g, context.system), (g) => `${g.sku ?? `product.product:${g.productId}`}@${g.locationKey}`);
  }

  return keysetStream({
    ...context, phases: [{ model: "stock.quant", fields: QUANT_FIELDS }, { model: "stock.move", fields: MOVE_FIELDS, domain: [["picking_code", "=", "incoming"]] }],
    async map(phase, raw) {
      const byLocation = await locations();
      const { rows, issues } = phase === 0 ? parseRows("stock.quant", raw, odooQuantSchema) : { rows: [], issues: [] };
      const located = phase === 0
        ? rows.map((q) => [q.product_id?.id, q.location_id?.id] as const)
        : z.array(moveSchema).parse(raw).map((m) => [m.product_id?.id, m.location_dest_id?.id] as const);
      const pairs = new Set<Pair>();
      for (const [productId, locationId] of located) {
        const warehouse = locationId ? byLocation.get(locationId) : undefined;
        if (productId && warehouse && !seen.has(`${productId}|${warehouse}`)) pairs.add(`${productId}|${warehouse}`);
      }
      const mapped = await levels(pairs);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}
