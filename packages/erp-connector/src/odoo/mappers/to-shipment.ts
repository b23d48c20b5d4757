import type { FulfilmentStatus, ShipmentInput, ShipmentLine, ShipmentStatus } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooPicking, OdooPickingMove } from "../odoo-api";
import { isoFromOdoo } from "./odoo-values";

/** Lookups shipment mapping needs (filled by the stream with batched reads). */
export interface ShipmentMapContext {
  /** Location key of the warehouse a picking type belongs to. */
  locationOfType(pickingTypeId: number): string | undefined;
  /** The order line key (`lineKey`) of a sale.order.line id of this order. */
  lineKeyOf(saleLineId: number): string | undefined;
}

/**
 * stock.picking `state` → shipment status. A picking of a click & collect order waits at the
 * store: `assigned` (goods reserved there) is ready for pickup and `done` is the hand-over.
 */
function statusOf(picking: OdooPicking, pickup: boolean, field: string): ShipmentStatus {
  switch (picking.state) {
    case "draft": case "waiting": case "confirmed": return "pending";
    case "assigned": return pickup ? "ready_for_pickup" : "pending";
    case "done": return pickup ? "delivered" : "shipped";
    case "cancel": return "cancelled";
    default: throw new MappingError(field, `stock.picking ${picking.id} (${picking.name}) has an unknown state ${JSON.stringify(picking.state)}`);
  }
}

/** Shipped (done) or planned quantity per order line; moves without a sale line (added by hand) name no order line. */
function linesOf(picking: OdooPicking, moves: readonly OdooPickingMove[], context: ShipmentMapContext): ShipmentLine[] {
  const quantities = new Map<string, number>();
  for (const move of moves) {
    // A cancelled picking keeps what it would have shipped; in a live one, cancelled moves ship nothing.
    if ((move.state === "cancel" && picking.state !== "cancel") || !move.sale_line_id) continue;
    const lineKey = context.lineKeyOf(move.sale_line_id.id);
    if (!lineKey) continue;
    // A done move's `quantity` is what left; before that, the demand is what the picking will ship.
    const quantity = picking.state === "done" ? move.quantity ?? 0 : move.product_uom_qty;
    if (quantity > 0) quantities.set(lineKey, (quantities.get(lineKey) ?? 0) + quantity);
  }
  return [...quantities].map(([lineKey, quantity]) => ({ lineKey, quantity }));
}

const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * `carrier_tracking_url` is one URL, or for several parcels a JSON list of `[ref, url]` pairs
 * (stock_delivery `get_multiple_carrier_tracking`): the first parcel's page stands for the shipment.
 */
function urlOf(value: string | null): string | null {
  if (!value) return null;
  if (HTTP_URL.test(value)) return value;
  try {
    const pairs: unknown = JSON.parse(value);
    const first = Array.isArray(pairs) ? pairs.map((pair) => (Array.isArray(pair) ? pair[1] : undefined)).find((url) => typeof url === "string" && HTTP_URL.test(url)) : undefined;
    return typeof first === "string" ? first : null;
  } catch {
    return null;
  }
}

/** Tracking refs: stock_delivery joins several parcels' refs with commas (`send_to_shipper`). */
function trackingOf(picking: OdooPicking): { trackingNumbers: string[]; trackingUrl: string | null } {
  const trackingNumbers = (picking.carrier_tracking_ref ?? "").split(",").map((ref) => ref.trim()).filter(Boolean);
  return { trackingNumbers, trackingUrl: urlOf(picking.carrier_tracking_url) };
}

/** A key unique within the order: `<orderKey>/<picking name>` (characters a key cannot hold become `-`). */
export function shipmentKey(orderKey: string, pickingName: string): string {
  return `${orderKey}/${pickingName}`.replace(/[^\p{L}\p{N}._:@/-]/gu, "-").slice(0, 128);
}

/**
 * Outgoing pickings of one order → shipments with carrier, tracking, lines and the warehouse the
 * goods left from, in picking id order (a backorder follows the picking it was split from).
 */
export function toShipments(
  orderKey: string, pickings: readonly OdooPicking[], movesOf: (pickingId: number) => readonly OdooPickingMove[],
  pickup: boolean, system: string, context: ShipmentMapContext,
): ShipmentInput[] {
  return [...pickings].sort((a, b) => a.id - b.id).map((picking, i) => {
    const status = statusOf(picking, pickup, `shipments.${i}.status`);
    const done = picking.state === "done" && picking.date_done ? isoFromOdoo(picking.date_done) : null;
    return {
      key: shipmentKey(orderKey, picking.name), externalIds: { [system]: String(picking.id) }, status,
      carrier: picking.carrier_id?.name || null, method: null, ...trackingOf(picking),
      lines: linesOf(picking, movesOf(picking.id), context),
      locationKey: picking.picking_type_id ? context.locationOfType(picking.picking_type_id.id) ?? null : null,
      shippedAt: pickup ? null : done, deliveredAt: pickup ? done : null,
    };
  });
}

/**
 * Fulfilment of the whole order from its outgoing shipments. Odoo knows when goods left, not
 * when a parcel arrived: shipped orders never read as `delivered`; collected pickups do.
 * `null` when a confirmed order has no picking at all (services only, or no Inventory app).
 */
export function fulfilmentOf(state: string, shipments: readonly ShipmentInput[], pickup: boolean): FulfilmentStatus | null {
  if (state === "cancel") return "cancelled";
  if (state === "draft" || state === "sent") return "unfulfilled";
  const live = shipments.filter((s) => s.status !== "cancelled");
  if (!shipments.length) return null;
  if (!live.length) return "cancelled";
  const done = live.filter((s) => s.status === "shipped" || s.status === "delivered").length;
  if (done === live.length) return pickup ? "delivered" : "shipped";
  if (done > 0) return "partially_shipped";
  return live.some((s) => s.status === "ready_for_pickup") ? "ready_for_pickup" : "unfulfilled";
}
