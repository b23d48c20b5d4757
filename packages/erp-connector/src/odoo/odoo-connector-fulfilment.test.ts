import { afterEach, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { encodeCursor, TokenBucket } from "@omnibridge/connector-kit";
import { orderSchema, type ConnectorV1, type Order } from "@omnibridge/core-model";
import { createOdooConnector } from "./index";
import { startOdooEmulator, type OdooEmulator } from "./testing/odoo-emulator";
import { executeKw } from "./testing/odoo-orm-methods";
import { loggedCalls } from "./testing/odoo-test-helpers";
import { readAll } from "../../test/read-all";

// Issue 20: shop orders reach Odoo once and their fulfilment comes back (pickings → shipments).
const world = createWorld({ seed: 21, products: 20 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

const clock = { second: 0 };
/** A pinned clock the test moves: every step of warehouse work happens in a later second. */
const tick = () => void (clock.second += 5);
const now = () => new Date(Date.UTC(2026, 2, 1, 10, 0, clock.second)).toISOString().slice(0, 19).replace("T", " ");

async function setup(version: 17 | 19 = 17) {
  clock.second = 0;
  const emulator = await startOdooEmulator({ world, clock: now, version });
  const connector = createOdooConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { minDelayMs: 5, maxDelayMs: 20 },
    // These orders are confirmed by a person in Odoo (emulator.confirmOrder), step by step.
    confirmOrders: "never",
  });
  started.push({ emulator, connector });
  return { emulator, connector, calls: () => loggedCalls(emulator.server.requests) };
}

const store = [...world.locations()].find((l) => l.type === "store" && l.clickAndCollect)!;
const template = [...world.orders()].find((o) => o.channel === "web" && o.customerKey && o.lines.length >= 2 && o.currency === "EUR")!;
/** A shop order as the shop connector reads it: channel web, the shop's order number, optionally click & collect. */
const shopOrder = (number: string, extra: Partial<Order> = {}): Order => orderSchema.parse({
  ...template, key: number, number, status: "confirmed", storeKey: null, pickupLocationKey: null, shipments: null, fulfilmentStatus: null,
  lines: template.lines.map((line, i) => ({ ...line, lineKey: `${number}-${i + 1}` })), ...extra,
});
const find = (items: readonly Order[], key: string) => items.find((o) => o.key === key);
const orderRow = (emulator: OdooEmulator, ref: string) => [...emulator.orm.table("sale.order").values()].find((o) => o.client_order_ref === ref)!;

describe("Odoo order fulfilment (shop order loop)", () => {
  it.each([17, 19] as const)("a web order written once reads back under its key; confirm → delivery; validated with carrier + tracking → the delta has it shipped (Odoo %i)", async (version) => {
    const { emulator, connector, calls } = await setup(version);
    const order = shopOrder("SHOP-1001");
    expect((await connector.write("order", [order]))[0]).toMatchObject({ key: "SHOP-1001", status: "created" });
    expect((await connector.write("order", [order]))[0]).toMatchObject({ status: "unchanged" });
    const full = await readAll(connector, "order", { pageSize: 50 });
    expect(find(full.items, "SHOP-1001")).toMatchObject({ number: "SHOP-1001", channel: "web", status: "draft", fulfilmentStatus: "unfulfilled", shipments: [] });

    tick();
    emulator.confirmOrder("SHOP-1001");
    const confirmed = await readAll(connector, "order", { cursor: full.cursor });
    expect(confirmed.items.map((o) => o.key)).toContain("SHOP-1001");
    const pending = find(confirmed.items, "SHOP-1001")!;
    expect(pending).toMatchObject({ status: "confirmed", fulfilmentStatus: "unfulfilled" });
    expect(pending.shipments).toHaveLength(1);
    expect(pending.shipments![0]).toMatchObject({ status: "pending", trackingNumbers: [], locationKey: expect.any(String), shippedAt: null });
    expect(pending.shipments![0]!.lines).toEqual(order.lines.map((l) => ({ lineKey: l.lineKey, quantity: l.quantity })));

    tick();
    const url = "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=<shipmenttrackingnumber>";
    const shipped = emulator.shipOrder("SHOP-1001", { carrier: "DHL Paket", trackingUrl: url, trackingRef: "00340434161094042557" });
    const before = calls().length;
    const delta = await readAll(connector, "order", { cursor: confirmed.cursor });
    const read = find(delta.items, "SHOP-1001")!;
    expect(read).toMatchObject({ status: "fulfilled", fulfilmentStatus: "shipped", updatedAt: "2026-03-01T10:00:10.000Z" });
    expect(read.shipments).toEqual([{
      key: `SHOP-1001/${shipped.pickingName}`, externalIds: { odoo: String(shipped.pickingId) }, status: "shipped", carrier: "DHL Paket", method: null,
      trackingNumbers: ["00340434161094042557"], trackingUrl: url.replace("<shipmenttrackingnumber>", "00340434161094042557"),
      lines: order.lines.map((l) => ({ lineKey: l.lineKey, quantity: l.quantity })), locationKey: pending.shipments![0]!.locationKey,
      shippedAt: "2026-03-01T10:00:10.000Z", deliveredAt: null,
    }]);
    // Pickings of a page come in one search_read (no request per order), their moves in one read.
    const domainOf = (c: { args: unknown[]; kwargs: Record<string, unknown> }) => JSON.stringify(c.args[0] ?? c.kwargs.domain);
    const pickingReads = calls().slice(before).filter((c) => c.model === "stock.picking" && domainOf(c).includes('"sale_id","in"'));
    const pages = delta.pages.filter((p) => p.items.length).length;
    expect(pickingReads.length).toBeGreaterThan(0);
    expect(pickingReads.length).toBeLessThanOrEqual(pages);
  });

  it("click & collect: written to the store warehouse; picked → ready_for_pickup through the picking poll (order row untouched); collected → delivered", async () => {
    const { emulator, connector } = await setup();
    const order = shopOrder("SHOP-2001", { pickupLocationKey: store.key });
    expect((await connector.write("order", [order]))[0]!.status).toBe("created");
    expect(orderRow(emulator, "SHOP-2001").warehouse_id).toBe(emulator.seedState.idOf("stock.warehouse", store.key));
    // Nothing of it in stock at the store yet: the store delivery waits until the goods are there and put aside.
    const storeStock = emulator.seedState.idOf("stock.location", store.key);
    for (const quant of emulator.orm.table("stock.quant").values()) if (quant.location_id === storeStock) Object.assign(quant, { quantity: 0, reserved_quantity: 0 });
    emulator.orm.touch("stock.quant");
    tick();
    emulator.confirmOrder("SHOP-2001");
    const confirmed = await readAll(connector, "order", { pageSize: 50 });
    expect(find(confirmed.items, "SHOP-2001")).toMatchObject({ channel: "web", pickupLocationKey: store.key, storeKey: null });
    const written = orderRow(emulator, "SHOP-2001").write_date;

    tick();
    emulator.pickOrder("SHOP-2001");
    expect(orderRow(emulator, "SHOP-2001").write_date).toBe(written); // delivery_status stays "pending": Odoo does not touch the order
    const ready = await readAll(connector, "order", { cursor: confirmed.cursor });
    expect(ready.items.map((o) => o.key)).toEqual(["SHOP-2001"]);
    expect(ready.items[0]).toMatchObject({ fulfilmentStatus: "ready_for_pickup", pickupLocationKey: store.key, updatedAt: "2026-03-01T10:00:10.000Z" });
    expect(ready.items[0]!.shipments![0]).toMatchObject({ status: "ready_for_pickup", locationKey: store.key });

    tick();
    emulator.shipOrder("SHOP-2001");
    const collected = await readAll(connector, "order", { cursor: ready.cursor });
    expect(find(collected.items, "SHOP-2001")).toMatchObject({ status: "fulfilled", fulfilmentStatus: "delivered" });
    expect(find(collected.items, "SHOP-2001")!.shipments![0]).toMatchObject({ status: "delivered", shippedAt: null, deliveredAt: "2026-03-01T10:00:15.000Z" });
  });

  it("a partial shipment leaves a backorder (partially_shipped); a tracking ref typed in after validation reaches the next delta", async () => {
    const { emulator, connector } = await setup();
    const order = shopOrder("SHOP-3001");
    await connector.write("order", [order]);
    tick();
    const first = order.lines[0]!;
    const shipped = emulator.shipOrder("SHOP-3001", { carrier: "UPS", quantities: { [first.sku]: first.quantity } });
    expect(shipped.backorderId).not.toBeNull();
    const read = find((await readAll(connector, "order", { pageSize: 50 })).items, "SHOP-3001")!;
    expect(read).toMatchObject({ status: "partially_fulfilled", fulfilmentStatus: "partially_shipped" });
    expect(read.shipments!.map((s) => [s.status, s.carrier, s.lines])).toEqual([
      ["shipped", "UPS", [{ lineKey: first.lineKey, quantity: first.quantity }]],
      ["pending", "UPS", order.lines.slice(1).map((l) => ({ lineKey: l.lineKey, quantity: l.quantity }))],
    ]);
    const cursor = (await readAll(connector, "order", { pageSize: 50 })).cursor;

    tick();
    executeKw(emulator.orm, "stock.picking", "write", [[shipped.pickingId], { carrier_tracking_ref: "1Z999AA10123456784,1Z999AA10123456785" }], {});
    const delta = await readAll(connector, "order", { cursor });
    expect(delta.items.map((o) => o.key)).toEqual(["SHOP-3001"]);
    expect(delta.items[0]!.shipments![0]!.trackingNumbers).toEqual(["1Z999AA10123456784", "1Z999AA10123456785"]);
  });

  it("a cursor saved before the stream polled pickings resumes (the picking poll starts at the newest picking)", async () => {
    const { emulator, connector } = await setup();
    await connector.write("order", [shopOrder("SHOP-4001")]);
    tick();
    emulator.confirmOrder("SHOP-4001");
    const old = encodeCursor({ v: 2, phase: 0, positions: [[now(), 0, 0]] });
    tick();
    emulator.pickOrder("SHOP-4001");
    // Before, a one-position cursor was "another stream's" and the read failed; now it resumes phase 0.
    const resumed = await readAll(connector, "order", { cursor: old });
    expect([resumed.issues, resumed.items.map((o) => o.key)]).toEqual([[], ["SHOP-4001"]]);
    expect(resumed.items[0]!.fulfilmentStatus).toBe("unfulfilled");
  });
});
