import { z } from "zod";
import { ConnectorError, type StockLevel, type WriteOutcome } from "@omnibridge/core-model";
import { medusaInventoryItemSchema, type MedusaInventoryItem } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { outcomeOf } from "./medusa-outcome";
import { listBySku } from "./medusa-by-sku";

const batchResultSchema = z.object({ created: z.array(z.unknown()).nullish(), updated: z.array(z.unknown()).nullish() }).loose();

/** Inventory items by sku. https://docs.medusajs.com/api/admin#inventory-items_getinventoryitems */
function itemsBySku(client: MedusaClient, skus: readonly string[], signal: AbortSignal): Promise<Map<string, MedusaInventoryItem>> {
  return listBySku(client, "/admin/inventory-items", "inventory_items", "id,sku,*location_levels", medusaInventoryItemSchema, skus, signal);
}

function failed(level: StockLevel, field: string, message: string): WriteOutcome {
  return { key: level.key, status: "failed", issue: { recordKey: level.key, field, reason: "invalid", message } };
}

/**
 * Stock per location in one request: `POST /admin/inventory-items/location-levels/batch` with `create`
 * for new levels and `update` for existing ones; `stocked_quantity` is the canonical on-hand (Medusa
 * computes available = stocked − reserved). Unknown skus or locations fail their record only.
 * https://docs.medusajs.com/api/admin#inventory-items_postinventoryitemslocationlevelsbatch
 */
export async function writeStock(client: MedusaClient, context: MedusaMapContext, records: readonly StockLevel[],
  signal: AbortSignal): Promise<WriteOutcome[]> {
  const items = await itemsBySku(client, records.map((r) => r.sku), signal);
  const outcomes: WriteOutcome[] = [];
  const create: Array<Record<string, unknown>> = [];
  const update: Array<Record<string, unknown>> = [];
  const sent: Array<{ index: number; kind: "create" | "update"; body: Record<string, unknown> }> = [];
  for (const level of records) {
    const item = items.get(level.sku);
    const locationId = context.locationIdOf(level.locationKey);
    if (!item) { outcomes.push(failed(level, "sku", `${level.sku} has no inventory item in Medusa`)); continue; }
    if (!locationId) { outcomes.push(failed(level, "locationKey",
      `${level.locationKey} is not a Medusa stock location (settings.locations)`)); continue; }
    const existing = (item.location_levels ?? []).find((l) => l.location_id === locationId);
    if (existing && existing.stocked_quantity === level.onHand) { outcomes.push({ key: level.key, status: "unchanged",
      externalId: existing.id }); continue; }
    const body = { inventory_item_id: item.id, location_id: locationId, stocked_quantity: level.onHand };
    (existing ? update : create).push(body);
    sent.push({ index: outcomes.length, kind: existing ? "update" : "create", body });
    outcomes.push({ key: level.key, status: existing ? "updated" : "created", externalId: existing?.id ?? item.id });
  }
  if (!sent.length) return outcomes;
  const batch = (c: unknown[], u: unknown[]) =>
    client.post("/admin/inventory-items/location-levels/batch", { create: c, update: u, delete: [] }, batchResultSchema, { signal,
      retry: false });
  try {
    await batch(create, update);
  } catch (error) {
    if (!ConnectorError.is(error) || error.reason !== "invalid") throw error;
    // The batch is one workflow: a refused level rolls it back. Send each level alone to find it.
    for (const { index, kind, body } of sent) {
      const key = outcomes[index]!.key;
      outcomes[index] = await outcomeOf(key, async () => {
        await batch(kind === "create" ? [body] : [], kind === "update" ? [body] : []);
        return { status: kind === "create" ? "created" : "updated", externalId: outcomes[index]!.externalId };
      });
    }
  }
  return outcomes;
}
