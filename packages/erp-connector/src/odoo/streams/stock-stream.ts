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
const moveSchema = z.object({
  id: z.number(), write_date: z.string(), product_id: odooMany2one, location_dest_id: odooMany2one, product_uom_qty: z.number(),
});
// Receipts not yet done: what Odoo counts as incoming (stock.move states before "done").
const OPEN_MOVES = ["waiting", "confirmed", "partially_available", "assigned"];

/** A product in a warehouse: `${productId}|${warehouseId}`. */
type Pair = string;
type Group = Omit<QuantGroup, "quants"> & { quants: OdooQuant[]; incoming: number };
const productOf = (pair: Pair) => Number(pair.split("|")[0]);

/** State of one stock read. */
interface StockRun {
  context: StreamContext;
  keys: KeyResolver;
  warehouseOf?: Map<number, number>;
  /** Pairs emitted in this read (a pair whose quants span pages is emitted once). */
  seen: Set<Pair>;
}

/** Internal location → warehouse (stock.location.warehouse_id), loaded once per read. */
async function locations(run: StockRun): Promise<Map<number, number>> {
  if (run.warehouseOf) return run.warehouseOf;
  const { client, signal } = run.context;
  const rows = await client.call("stock.location", "search_read", { domain: [["usage", "=", "internal"]], fields: ["id", "warehouse_id", "usage"] }, z.array(odooLocationSchema), { signal });
  run.warehouseOf = new Map(rows.flatMap((r) => (r.warehouse_id ? [[r.id, r.warehouse_id.id] as [number, number]] : [])));
  await run.keys.load("stock.warehouse", run.warehouseOf.values());
  return run.warehouseOf;
}

/** All quants and open receipts of the pairs' products, grouped per pair and mapped. */
async function levels(run: StockRun, pairs: Set<Pair>) {
  const { client, signal } = run.context;
  const byLocation = await locations(run);
  const productIds = [...new Set([...pairs].map(productOf))];
  if (!productIds.length) return { items: [], issues: [] };
  const internal = [...byLocation.keys()];
  const quants = await client.call("stock.quant", "search_read", { domain: [["product_id", "in", productIds], ["location_id", "in", internal]], fields: ["id", "write_date", ...QUANT_FIELDS] }, z.array(odooQuantSchema), { signal });
  const moves = await client.call("stock.move", "search_read", { domain: [["product_id", "in", productIds], ["location_dest_id", "in", internal], ["state", "in", OPEN_MOVES], ["picking_code", "=", "incoming"]], fields: ["id", "write_date", ...MOVE_FIELDS] }, z.array(moveSchema), { signal });
  const codes = new Map((await readByIds(client, "product.product", productIds, ["id", "default_code"], codeSchema, signal)).map((p) => [p.id, p.default_code]));
  const groups = new Map<Pair, Group>();
  const group = (productId: number, warehouse: number | undefined): Group | undefined => {
    const pair = `${productId}|${warehouse}`;
    if (warehouse === undefined || !pairs.has(pair)) return undefined;
    const existing: Group = groups.get(pair) ?? { sku: codes.get(productId) ?? null, productId, locationKey: run.keys.keyOf("stock.warehouse", warehouse), quants: [], incoming: 0 };
    groups.set(pair, existing);
    return existing;
  };
  for (const quant of quants) group(quant.product_id!.id, byLocation.get(quant.location_id!.id))?.quants.push(quant);
  for (const move of moves) {
    const target = group(move.product_id!.id, byLocation.get(move.location_dest_id!.id));
    if (!target) continue;
    target.incoming += move.product_uom_qty;
    target.movedAt = latest(target.movedAt, move.write_date);
  }
  for (const pair of groups.keys()) run.seen.add(pair);
  return mapRecords("stockLevel", [...groups.values()], (g) => toStockLevel(g, run.context.system), (g) => `${g.sku ?? `product.product:${g.productId}`}@${g.locationKey}`);
}

/** (product, warehouse) pairs touched by a page of quants (phase 0) or receipts (phase 1). */
async function touchedPairs(run: StockRun, phase: number, raw: unknown[]) {
  const byLocation = await locations(run);
  const { rows, issues } = phase === 0 ? parseRows("stock.quant", raw, odooQuantSchema) : { rows: [], issues: [] };
  const located = phase === 0
    ? rows.map((q) => [q.product_id?.id, q.location_id?.id] as const)
    : z.array(moveSchema).parse(raw).map((m) => [m.product_id?.id, m.location_dest_id?.id] as const);
  const pairs = new Set<Pair>();
  for (const [productId, locationId] of located) {
    const warehouse = locationId ? byLocation.get(locationId) : undefined;
    if (productId && warehouse && !run.seen.has(`${productId}|${warehouse}`)) pairs.add(`${productId}|${warehouse}`);
  }
  return { pairs, issues };
}

/**
 * Stock levels per SKU per warehouse. Phase 0 polls stock.quant, phase 1 stock.move (a new or
 * changed receipt changes `incoming` without touching any quant); either re-reads every quant
 * and open receipt of the product in that warehouse's internal locations, so lots, packages
 * and sub-locations always sum up completely.
 */
export function readStockLevels(context: StreamContext): AsyncGenerator<Page<EntityOf<"stockLevel">>> {
  const run: StockRun = { context, keys: new KeyResolver(context.client, context.signal), seen: new Set() };
  return keysetStream({
    ...context, phases: [{ model: "stock.quant", fields: QUANT_FIELDS }, { model: "stock.move", fields: MOVE_FIELDS, domain: [["picking_code", "=", "incoming"]] }],
    async map(phase, raw) {
      const { pairs, issues } = await touchedPairs(run, phase, raw);
      const mapped = await levels(run, pairs);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}
