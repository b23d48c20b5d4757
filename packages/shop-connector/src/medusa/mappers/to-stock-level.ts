import { stockLevelKey, type EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaLevel } from "../medusa-api";
import { isoOf, type MedusaMapContext } from "./medusa-context";

/**
 * One inventory level (an inventory item at a stock location) → canonical stock level. Medusa's
 * `available_quantity` is stocked − reserved; `incoming_quantity` is what is on its way.
 * https://docs.medusajs.com/api/admin#inventory-items_inventorylevel_schema
 */
export function toStockLevel(sku: string | null | undefined, itemId: string, level: MedusaLevel,
  context: MedusaMapContext): EntityInputOf<"stockLevel"> {
  if (!sku) throw new MappingError("sku", `inventory item ${itemId} has no sku`);
  const locationKey = context.locationKeyOf(level.location_id);
  const reserved = level.reserved_quantity ?? 0;
  return {
    key: stockLevelKey(sku, locationKey),
    externalIds: { [context.system]: level.id },
    updatedAt: isoOf(level.updated_at),
    sku,
    locationKey,
    onHand: level.stocked_quantity,
    reserved,
    available: level.available_quantity ?? level.stocked_quantity - reserved,
    incoming: level.incoming_quantity ?? 0,
  };
}
