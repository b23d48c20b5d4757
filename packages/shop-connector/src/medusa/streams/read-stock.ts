import type { Page, RecordIssue, StockLevel } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { medusaInventoryItemSchema, type MedusaInventoryItem, type MedusaLevel } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { toStockLevel } from "../mappers/to-stock-level";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { medusaScanPages } from "./medusa-keyset";
import { idOfRow } from "./read-products";

interface LevelRow { item: MedusaInventoryItem; level: MedusaLevel }

/**
 * Stock levels from `GET /admin/inventory-items?fields=*location_levels`, one record per item and
 * location. Items cannot be filtered by their levels' `updated_at`, so a read scans the items by id
 * and delivers the levels changed since the previous scan (see medusaScanPages).
 * https://docs.medusajs.com/api/admin#inventory-items_getinventoryitems
 */
export async function* readStockLevels(client: MedusaClient, context: MedusaMapContext,
  options: HandlerReadOptions): AsyncGenerator<Page<StockLevel>> {
  const pages = medusaScanPages(client, { path: "/admin/inventory-items", resource: "inventory_items",
    fields: "id,sku,updated_at,*location_levels",
    pageSize: options.pageSize, cursor: options.cursor, signal: options.signal, system: context.system });
  for await (const page of pages) {
    const rows: LevelRow[] = [];
    const broken: RecordIssue[] = [];
    for (const row of page.rows) {
      const parsed = medusaInventoryItemSchema.safeParse(row);
      if (!parsed.success) {
        broken.push({ recordKey: idOfRow(row), reason: "protocol",
          message: `inventory item: ${parsed.error.issues[0]?.message ?? "unexpected shape"}` });
        continue;
      }
      for (const level of parsed.data.location_levels ?? []) {
        if (Date.parse(level.updated_at) > page.sinceMs) rows.push({ item: parsed.data, level });
      }
    }
    const mapped = mapRecords("stockLevel", rows, ({ item, level }) => toStockLevel(item.sku, item.id, level, context),
      ({ level }) => level.id);
    yield { items: mapped.items, issues: [...mapped.issues, ...broken], deleted: [], cursor: page.cursor, hasMore: page.hasMore };
  }
}
