import type { EntityInputOf } from "@omnibridge/core-model";
import { stockLevelKey } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooQuant } from "../odoo-api";
import { isoFromOdoo, latest } from "./odoo-values";

/** All quants of one SKU in one warehouse (lots, packages and sub-locations roll up). */
export interface QuantGroup {
  sku: string | null;
  productId: number;
  locationKey: string;
  quants: readonly OdooQuant[];
  /** Incoming quantity (open receipts), when known. */
  incoming?: number;
  /** Newest write_date of those receipts. */
  movedAt?: string;
}

/**
 * stock.quant rows → StockLevel: onHand = Σ quantity, reserved = Σ reserved_quantity,
 * available = onHand − reserved (Odoo's `available_quantity`).
 * https://www.odoo.com/documentation/17.0/applications/inventory_and_mrp/inventory.html
 */
export function toStockLevel(group: QuantGroup, system: string): EntityInputOf<"stockLevel"> {
  if (!group.sku) throw new MappingError("sku", `product.product ${group.productId} has no default_code (internal reference / SKU)`);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const onHand = group.quants.reduce((acc, q) => acc + (q.quantity ?? 0), 0);
  const reserved = group.quants.reduce((acc, q) => acc + (q.reserved_quantity ?? 0), 0);
  return {
    key: stockLevelKey(group.sku, group.locationKey), externalIds: { [system]: group.quants.map((q) => q.id).join(",") },
    updatedAt: isoFromOdoo(latest(...group.quants.map((q) => q.write_date), group.movedAt)), sku: group.sku, locationKey: group.locationKey,
    onHand: round(onHand), reserved: round(reserved), available: round(onHand - reserved), incoming: round(group.incoming ?? 0),
  };
}
