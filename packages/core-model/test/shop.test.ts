import { describe, expect, it } from "vitest";
import {
  allowedTransitions, canTransition, channelSchema, customerGroupSchema, fulfilmentStatusSchema, orderSchema, orderStatusSchema,
  paymentStatusSchema, shipmentSchema, shopSchemas, transitionPath, type StatusMachine,
} from "../src";
import { sample } from "./fixtures";

const at = "2026-03-01T10:00:00.000Z";

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => issue.path.map(String).join("."));
}

describe("channel", () => {
  const channel = { key: "storefront-de", updatedAt: at, name: "Storefront DE", currencies: ["EUR", "CHF"], locale: "de-DE" };

  it("parses with defaults", () => {
    expect(channelSchema.parse(channel)).toMatchObject({ type: "web", locales: [], active: true, externalIds: {} });
  });
  it.each([
    ["no currency", { currencies: [] }, "currencies"],
    ["a currency twice", { currencies: ["EUR", "EUR"] }, "currencies.1"],
    ["a bad currency", { currencies: ["EURO"] }, "currencies.0"],
    ["a broken locale", { locale: "de_DE" }, "locale"],
  ])("rejects %s", (_what, patch, path) => {
    expect(issuePaths(channelSchema.safeParse({ ...channel, ...patch }))).toContain(path);
  });
});

describe("customer group", () => {
  it("names its price lists and tax mode", () => {
    const group = customerGroupSchema.parse({ key: "dealers", updatedAt: at, name: "Dealers", taxMode: "net", priceListKeys: ["dealer-eur"] });
    expect(group).toEqual({ key: "dealers", updatedAt: at, externalIds: {}, name: "Dealers", taxMode: "net", priceListKeys: ["dealer-eur"] });
  });
  it("is listed with the shop schemas", () => {
    expect(Object.keys(shopSchemas).sort()).toEqual(["channel", "customerGroup"]);
  });
});

describe("order: shipments, fulfilment, pickup, channel", () => {
  const shipment = { key: "SO-1/1", status: "shipped", carrier: "DHL", trackingNumbers: ["00340434161094042557"], lines: [{ lineKey: "1", quantity: 2 }] };

  it("keeps shipments with tracking and the new references", () => {
    const order = orderSchema.parse({
      ...sample("order"), fulfilmentStatus: "shipped", salesChannelKey: "storefront-de",
      shipments: [{ ...shipment, trackingUrl: "https://nolp.dhl.de/?piececode=00340434161094042557" }],
    });
    expect(order.shipments?.[0]).toMatchObject({ carrier: "DHL", trackingNumbers: ["00340434161094042557"], externalIds: {} });
    expect(order.salesChannelKey).toBe("storefront-de");
  });

  it("leaves an order without the new fields unchanged (no defaults added)", () => {
    const order = orderSchema.parse(sample("order"));
    expect(Object.keys(order)).not.toEqual(expect.arrayContaining(["shipments"]));
    expect(order.fulfilmentStatus).toBeUndefined();
  });

  it.each([
    ["a shipment line naming no order line", { shipments: [{ ...shipment, lines: [{ lineKey: "9", quantity: 1 }] }] }, "shipments.0.lines.0.lineKey"],
    ["shipping more than ordered", { shipments: [shipment, { ...shipment, key: "SO-1/2", lines: [{ lineKey: "1", quantity: 1 }] }] },
      "shipments.1.lines.0.quantity"],
    ["a javascript tracking URL", { shipments: [{ ...shipment, trackingUrl: "javascript:alert(1)" }] }, "shipments.0.trackingUrl"],
    ["an unknown shipment status", { shipments: [{ ...shipment, status: "lost" }] }, "shipments.0.status"],
    ["ready for pickup without a pickup location", { fulfilmentStatus: "ready_for_pickup" }, "pickupLocationKey"],
    ["an unknown fulfilment status", { fulfilmentStatus: "packed" }, "fulfilmentStatus"],
  ])("rejects %s", (_what, patch, path) => {
    expect(issuePaths(orderSchema.safeParse({ ...sample("order"), ...patch }))).toContain(path);
  });

  it("does not count cancelled shipments against the ordered quantity", () => {
    const order = { ...sample("order"), shipments: [{ ...shipment, status: "cancelled" }, { ...shipment, key: "SO-1/2" }] };
    expect(issuePaths(orderSchema.safeParse(order))).toEqual([]);
  });

  it("accepts click & collect with a pickup location", () => {
    const order = { ...sample("order"), fulfilmentStatus: "ready_for_pickup", pickupLocationKey: "STORE-BERLIN",
      shipments: [{ key: "SO-1/1", status: "ready_for_pickup", locationKey: "STORE-BERLIN" }] };
    expect(issuePaths(orderSchema.safeParse(order))).toEqual([]);
  });

  it("validates a shipment on its own", () => {
    expect(shipmentSchema.parse({ key: "S-1", status: "pending" })).toEqual({ key: "S-1", status: "pending", externalIds: {}, trackingNumbers: [], lines: [] });
  });
});

describe("status transitions", () => {
  const machines: [StatusMachine, readonly string[]][] = [
    ["order", orderStatusSchema.options], ["payment", paymentStatusSchema.options], ["fulfilment", fulfilmentStatusSchema.options],
  ];

  it.each([
    ["order", "pending", "confirmed", true], ["order", "confirmed", "fulfilled", true], ["order", "fulfilled", "pending", false],
    ["order", "returned", "fulfilled", false], ["order", "cancelled", "pending", true], ["order", "confirmed", "confirmed", false],
    ["payment", "authorized", "paid", true], ["payment", "refunded", "paid", false], ["payment", "unpaid", "refunded", false],
    ["fulfilment", "unfulfilled", "shipped", true], ["fulfilment", "ready_for_pickup", "delivered", true],
    ["fulfilment", "delivered", "shipped", false], ["fulfilment", "returned", "unfulfilled", false],
  ] as const)("%s: %s → %s is %s", (machine, from, to, allowed) => {
    expect(canTransition(machine, from as never, to as never)).toBe(allowed);
  });

  it.each(machines)("%s: every status has a row, every target is a known status and never itself", (machine, statuses) => {
    for (const from of statuses) {
      const next = allowedTransitions(machine, from as never) as readonly string[];
      expect(next.every((to) => statuses.includes(to) && to !== from)).toBe(true);
    }
  });

  it("rejects an unknown status", () => {
    expect(() => allowedTransitions("order", "lost" as never)).toThrow(/unknown order status "lost"/);
  });

  it("finds the shortest chain of steps", () => {
    expect(transitionPath("order", "draft", "fulfilled")).toEqual(["confirmed", "fulfilled"]);
    expect(transitionPath("payment", "unpaid", "refunded")).toEqual(["paid", "refunded"]);
    expect(transitionPath("fulfilment", "cancelled", "shipped")).toEqual(["unfulfilled", "shipped"]);
    expect(transitionPath("order", "confirmed", "confirmed")).toEqual([]);
    expect(transitionPath("order", "returned", "pending")).toBeNull();
  });

  it.each(machines)("%s: every path is a chain of allowed steps", (machine, statuses) => {
    for (const from of statuses) {
      for (const to of statuses) {
        const path = transitionPath(machine, from as never, to as never) as string[] | null;
        if (path === null) continue;
        let current = from;
        for (const step of path) {
          expect(canTransition(machine, current as never, step as never)).toBe(true);
          current = step;
        }
        expect(current).toBe(to);
      }
    }
  });
});
