import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooLocationSchema, odooQuantSchema, odooText, type OdooQuant } from "../odoo-api";
import { toStockLevel, type QuantGroup } from "../mappers/to-stock-level";
import { keysetStream } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

const QUANT_FIELDS = ["product_id", "location_id", "quantity", "reserved_quantity"];
const codeSchema = z.object({ id: z.number(), default_code: odooText });

/**
 * Stock levels: stock.quant polled by keyset, aggregated per SKU per warehouse. A changed quant
 * re-reads every quant of its product in that warehouse's internal locations, so lots,
 * packages and sub-locations always sum up completely.
 */
export function readStockLevels(context: StreamContext): AsyncGenerator<Page<EntityOf<"stockLevel">>> {
  const { client, signal } = context;
  const keys = new KeyResolver(client, signal);
  let warehouseOf: Map<number, number> | undefined;
  const seen = new Set<string>();

  async function locations(): Promise<Map<number, number>> {
    if (warehouseOf) return warehouseOf;
    const rows = await client.call("stock.location", "search_read", { domain: [["usage", "=", "internal"]], fields: ["id", "warehouse_id", "usage"] }, z.array(odooLocationSchema), { signal });
    warehouseOf = new Map(rows.flatMap((r) => (r.warehouse_id ? [[r.id, r.warehouse_id.id] as [number, number]] : [])));
    await keys.load("stock.warehouse", warehouseOf.values());
    return warehouseOf;
  }

  return keysetStream({
    ...context, phases: [{ model: "stock.quant", fields: QUANT_FIELDS }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("stock.quant", raw, odooQuantSchema);
      const byLocation = await locations();
      const pairs = new Set<string>();
      for (const q of rows) {
        const warehouse = q.location_id ? byLocation.get(q.location_id.id) : undefined;
        if (q.product_id && warehouse && !seen.has(`${q.product_id.id}|${warehouse}`)) pairs.add(`${q.product_id.id}|${warehouse}`);
      }
      const productIds = [...new Set([...pairs].map((p) => Number(p.split("|")[0])))];
      const all = productIds.length
        ? await client.call("stock.quant", "search_read", { domain: [["product_id", "in", productIds], ["location_id", "in", [...byLocation.keys()]]], fields: ["id", "write_date", ...QUANT_FIELDS] }, z.array(odooQuantSchema), { signal })
        : [];
      const codes = new Map((await readByIds(client, "product.product", productIds, ["id", "default_code"], codeSchema, signal)).map((p) => [p.id, p.default_code]));
      const groups = new Map<string, QuantGroup>();
      for (const quant of all as OdooQuant[]) {
        const warehouse = byLocation.get(quant.location_id!.id)!;
        const pair = `${quant.product_id!.id}|${warehouse}`;
        if (!pairs.has(pair)) continue;
        const group = groups.get(pair) ?? { sku: codes.get(quant.product_id!.id) ?? null, productId: quant.product_id!.id, locationKey: keys.keyOf("stock.warehouse", warehouse), quants: [] };
        groups.set(pair, { ...group, quants: [...group.quants, quant] });
      }
      for (const pair of groups.keys()) seen.add(pair);
      const mapped = mapRecords("stockLevel", [...groups.values()], (g) => toStockLevel(g, context.system), (g) => `${g.sku ?? `product.product:${g.productId}`}@${g.locationKey}`);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}
