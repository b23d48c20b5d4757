import { afterEach, describe, expect, it } from "vitest";
import { orderSchema } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../../src/odoo/index";
import { readAll } from "../read-all";
import { documented, startOdooPlayback, type PlayedCall } from "./odoo-playback";

// Issue 20: sale orders with their outgoing pickings (shipments) from documented-shape rows, served by playback — never the emulator.
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

const domainOf = (call: PlayedCall) => JSON.stringify(call.args[0] ?? call.kwargs.domain ?? []);

/** Each model's documented answer; stock.picking only for the per-page search by sale_id (the picking poll finds none). */
function script(call: PlayedCall): string | undefined {
  if (call.method === "authenticate") return "common-authenticate-uid.json";
  if (call.model === "ir.model.data") return domainOf(call).includes("stock.warehouse") ? "ir-model-data-warehouses.json" : "search-read-empty.json";
  if (call.model === "stock.picking") return domainOf(call).includes('"sale_id","in"') ? "stock-pickings-outgoing.json" : "search-read-empty.json";
  return ({
    "sale.order": "sale-orders-shop-page.json", "sale.order.line": "sale-order-lines-shop.json", "stock.move": "stock-moves-outgoing.json",
    "stock.picking.type": "stock-picking-types.json", "stock.warehouse": "stock-warehouses.json", "product.product": "product-codes-shop.json",
    "res.partner": "partners-shop-orders.json", "account.tax": "account-tax-19.json",
  } as Record<string, string>)[call.model ?? ""];
}

async function setup() {
  const playback = await startOdooPlayback(script);
  const connector = createOdooConnector({
    url: playback.url, database: "mycompany", username: "admin", apiKey: "documented-api-key-0000", protocol: "jsonrpc", version: 17,
    rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { retries: 0 }, timeoutMs: 2_000,
  });
  open.push(playback, { close: () => connector.close() });
  return { playback, connector };
}

describe("Odoo documented orders with pickings through createOdooConnector", () => {
  it("a shipped-in-part web order: shipments per picking with carrier, parcels, tracking link, lines and warehouse", async () => {
    const { connector } = await setup();
    const { items, issues } = await readAll(connector, "order", { pageSize: 10 });
    expect(issues).toEqual([]);
    const web = orderSchema.parse(items.find((o) => o.key === "SHOP-1001"));
    const served = documented("stock-pickings-outgoing.json").result as Array<{ carrier_tracking_url: string | false }>;
    const links = JSON.parse(served[0]!.carrier_tracking_url as string) as [string, string][];
    expect(web).toMatchObject({ channel: "web", status: "partially_fulfilled", fulfilmentStatus: "partially_shipped", updatedAt: "2024-05-07T14:02:11.000Z" });
    expect(web.shipments).toEqual([
      {
        key: "SHOP-1001/WH/OUT/00012", externalIds: { odoo: "101" }, status: "shipped", carrier: "DHL Paket", method: null,
        trackingNumbers: ["00340434161094042557", "00340434161094042564"], trackingUrl: links[0]![1],
        // The hand-added free gift (no sale_line_id) names no order line.
        lines: [{ lineKey: "SHOP-1001-1", quantity: 2 }, { lineKey: "SHOP-1001-2", quantity: 1 }],
        locationKey: "WH-DE-01", shippedAt: "2024-05-07T14:02:10.000Z", deliveredAt: null,
      },
      {
        key: "SHOP-1001/WH/OUT/00013", externalIds: { odoo: "102" }, status: "pending", carrier: "DHL Paket", method: null, trackingNumbers: [],
        trackingUrl: null, lines: [{ lineKey: "SHOP-1001-1", quantity: 1 }], locationKey: "WH-DE-01", shippedAt: null, deliveredAt: null,
      },
      {
        key: "SHOP-1001/WH/OUT/00011", externalIds: { odoo: "104" }, status: "cancelled", carrier: null, method: null, trackingNumbers: [],
        trackingUrl: null, lines: [{ lineKey: "SHOP-1001-1", quantity: 3 }], locationKey: "WH-DE-01", shippedAt: null, deliveredAt: null,
      },
    ]);
  });

  it("a click & collect order (web order at a store warehouse) whose store picking is Ready reads as ready_for_pickup", async () => {
    const { connector } = await setup();
    const { items } = await readAll(connector, "order", { pageSize: 10 });
    const pickup = orderSchema.parse(items.find((o) => o.key === "SHOP-2001"));
    expect(pickup).toMatchObject({
      status: "confirmed", fulfilmentStatus: "ready_for_pickup", pickupLocationKey: "ST-BERLIN", storeKey: null,
      customerKey: null, companyKey: "odoo:res.partner:7", updatedAt: "2024-05-07T09:31:40.000Z",
    });
    expect(pickup.shipments).toMatchObject([{ key: "SHOP-2001/ST1/OUT/00004", status: "ready_for_pickup", locationKey: "ST-BERLIN", lines: [{ lineKey: "SHOP-2001-1", quantity: 1 }] }]);
  });

  it("asks for the pickings of the whole page in one search_read (outgoing, by sale_id) and their moves in one read", async () => {
    const { connector, playback } = await setup();
    await readAll(connector, "order", { pageSize: 10 });
    const perPage = playback.calls("stock.picking", "search_read").filter((c) => domainOf(c).includes('"sale_id","in"'));
    expect(perPage).toHaveLength(1);
    expect(perPage[0]!.kwargs.domain ?? perPage[0]!.args[0]).toEqual([["sale_id", "in", [41, 42]], ["picking_type_code", "=", "outgoing"], ["sale_id", "!=", false]]);
    expect(perPage[0]!.kwargs.fields).toEqual(expect.arrayContaining(["state", "carrier_id", "carrier_tracking_ref", "carrier_tracking_url", "date_done", "move_ids"]));
    const moves = playback.calls("stock.move", "search_read");
    expect(moves).toHaveLength(1);
    expect(domainOf(moves[0]!)).toBe(JSON.stringify([["id", "in", [1001, 1002, 1006, 1003, 1004, 1005]]]));
    // The picking poll (phase 1) parks at the newest outgoing sale picking: one search ordered write_date desc.
    const polls = playback.calls("stock.picking", "search_read").filter((c) => !domainOf(c).includes('"sale_id","in"'));
    expect(polls.map((c) => c.kwargs.order)).toContain("write_date desc, id desc");
  });
});
