import { describe, expect, it } from "vitest";
import { z } from "zod";
import { shipmentSchema } from "@omnibridge/core-model";
import { odooPickingMoveSchema, odooPickingSchema, type OdooPicking } from "../odoo-api";
import pickingEnvelope from "../__fixtures__/documented/stock-pickings-outgoing.json";
import moveEnvelope from "../__fixtures__/documented/stock-moves-outgoing.json";
import { fulfilmentOf, shipmentKey, toShipments, type ShipmentMapContext } from "./to-shipment";

// The documented stock.picking / stock.move rows (SOURCES.md "Orders with shipments").
const pickings = z.array(odooPickingSchema).parse(pickingEnvelope.result);
const moves = z.array(odooPickingMoveSchema).parse(moveEnvelope.result);
const movesOf = (id: number) => moves.filter((m) => m.picking_id?.id === id);
const context: ShipmentMapContext = {
  locationOfType: (id) => ({ 2: "WH-DE-01", 9: "ST-BERLIN" })[id],
  lineKeyOf: (id) => ({ 410: "SHOP-1001-1", 411: "SHOP-1001-2", 420: "SHOP-2001-1" })[id],
};
const byId = (id: number) => pickings.find((p) => p.id === id)!;

describe("outgoing pickings → shipments", () => {
  it("maps Odoo's picking states; a store picking of a click & collect order is ready when Ready and delivered when done", () => {
    const shipping = toShipments("SHOP-1001", [byId(101), byId(102), byId(104)], movesOf, false, "odoo", context);
    expect(shipping.map((s) => [s.key, s.status])).toEqual([
      ["SHOP-1001/WH/OUT/00012", "shipped"], ["SHOP-1001/WH/OUT/00013", "pending"], ["SHOP-1001/WH/OUT/00011", "cancelled"],
    ]);
    for (const shipment of shipping) expect(shipmentSchema.safeParse(shipment).success).toBe(true);
    const [ready] = toShipments("SHOP-2001", [byId(103)], movesOf, true, "odoo", context);
    expect(ready).toMatchObject({ status: "ready_for_pickup", locationKey: "ST-BERLIN", shippedAt: null, deliveredAt: null });
    const collected: OdooPicking = { ...byId(103), state: "done", date_done: "2024-05-07 17:45:00" };
    expect(toShipments("SHOP-2001", [collected], movesOf, true, "odoo", context)[0]).toMatchObject({
      status: "delivered", shippedAt: null, deliveredAt: "2024-05-07T17:45:00.000Z", lines: [{ lineKey: "SHOP-2001-1", quantity: 1 }],
    });
  });

  it("tracking: comma-joined parcel refs; one tracking URL, or the first of stock_delivery's JSON list; anything else none", () => {
    const done = byId(101);
    const urlOf = (carrier_tracking_url: string | null) => toShipments("K", [{ ...done, carrier_tracking_url }], movesOf, false, "odoo", context)[0]!.trackingUrl;
    expect(toShipments("K", [done], movesOf, false, "odoo", context)[0]!.trackingNumbers).toEqual(["00340434161094042557", "00340434161094042564"]);
    expect(urlOf(done.carrier_tracking_url)).toBe("https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557");
    expect(urlOf("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z999")).toBe("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z999");
    expect([urlOf("javascript:alert(1)"), urlOf("[[\"1Z\", \"ftp://x\"]]"), urlOf("not json"), urlOf(null)]).toEqual([null, null, null, null]);
  });

  it("shipment lines: done moves count what left, open moves their demand; moves without a sale line and cancelled moves of a live picking name no line", () => {
    const partial = { ...byId(101), move_ids: [1001, 1002, 1006, 1005] };
    const extra = [...movesOf(101), { ...moves.find((m) => m.id === 1005)!, picking_id: { id: 101, name: "WH/OUT/00012" } }];
    expect(toShipments("SHOP-1001", [partial], () => extra, false, "odoo", context)[0]!.lines).toEqual([
      { lineKey: "SHOP-1001-1", quantity: 2 }, { lineKey: "SHOP-1001-2", quantity: 1 },
    ]);
  });

  it("an unknown picking state (a custom module's) is a mapping error naming the shipment field, not a guess", () => {
    expect(() => toShipments("SHOP-1001", [{ ...byId(102), state: "processing" }], movesOf, false, "odoo", context))
      .toThrow(expect.objectContaining({ field: "shipments.0.status", message: expect.stringContaining('stock.picking 102 (WH/OUT/00013) has an unknown state "processing"') }));
  });

  it("keys are `<order>/<picking name>` with characters a key cannot hold replaced", () => {
    expect(shipmentKey("SHOP-1", "WH/OUT/00012")).toBe("SHOP-1/WH/OUT/00012");
    expect(shipmentKey("SHOP-1", "Lager Süd/OUT 7")).toBe("SHOP-1/Lager-Süd/OUT-7");
  });
});

describe("order fulfilment from its shipments", () => {
  const shipment = (status: "pending" | "ready_for_pickup" | "shipped" | "delivered" | "cancelled") => ({ key: `k-${status}`, status });
  it.each([
    ["draft", [], false, "unfulfilled"], ["sent", [], false, "unfulfilled"], ["cancel", [shipment("shipped")], false, "cancelled"],
    ["sale", [], false, null], ["sale", [shipment("cancelled")], false, "cancelled"], ["sale", [shipment("pending")], false, "unfulfilled"],
    ["sale", [shipment("shipped"), shipment("pending")], false, "partially_shipped"], ["sale", [shipment("shipped"), shipment("cancelled")], false, "shipped"],
    ["sale", [shipment("ready_for_pickup")], true, "ready_for_pickup"], ["sale", [shipment("delivered")], true, "delivered"],
    ["sale", [shipment("delivered"), shipment("ready_for_pickup")], true, "partially_shipped"],
  ] as const)("state %s with %j (pickup %s) → %s", (state, shipments, pickup, expected) => {
    expect(fulfilmentOf(state, shipments, pickup)).toBe(expected);
  });
});
