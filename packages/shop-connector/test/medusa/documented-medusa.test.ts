import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEmulatorServer, type EmulatorResponse, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import { ConnectorError, type EntityKind, type Page } from "@omnibridge/core-model";
import { createMedusaConnector } from "../../src";

const dir = path.join(import.meta.dirname, "../../src/medusa/__fixtures__/documented");
const documented = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
const servers: EmulatorServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));
const empty = (resource: string): EmulatorResponse => ({ status: 200, body: { [resource]: [], count: 0, offset: 0, limit: 50 } });

/** A playback server answering each route with a documented body (no emulator logic). */
async function playback(answers: Record<string, EmulatorResponse>) {
  const server = await createEmulatorServer({
    name: "medusa-playback",
    routes: Object.entries(answers).map(([route, response]) => {
      const [method, url] = route.split(" ");
      return { method: method!, path: url!, handler: () => response };
    }),
  });
  servers.push(server);
  return createMedusaConnector({ url: server.url, secretApiKey: "sk_documented", retry: { retries: 0 },
    locations: { warehouse: "sloc_01JDFNTM9EM1Y2J3JWAJ54TWQ7" }, salesChannels: { web: "sc_01JDFNTM6GAT8Q5BF5C7D5N5A4" } });
}

async function pages<K extends EntityKind>(connector: Awaited<ReturnType<typeof playback>>, entity: K) {
  const out: Page<unknown>[] = [];
  for await (const page of connector.read(entity, { pageSize: 50 })) out.push(page);
  return out;
}

describe("medusa connector on documented payloads", () => {
  it("reads the documented product list: major units to minor units, options by title, a variant without sku named", async () => {
    const connector = await playback({
      "GET /admin/products": { status: 200, body: documented("admin-products.json") },
      "GET /admin/product-variants": empty("variants"),
    });
    const read = await pages(connector, "product");
    expect(read.flatMap((p) => p.items)).toEqual([]);
    expect(read.flatMap((p) => p.issues)).toEqual([expect.objectContaining({ recordKey: "prod_01JDFNTMK79DFBS9FKYG1JEEZ7",
      field: "variants.1.sku" })]);
  });

  it("reads documented inventory levels as stock per location (available = stocked − reserved)", async () => {
    const connector = await playback({ "GET /admin/inventory-items": { status: 200, body: documented("admin-inventory-items.json") } });
    const items = (await pages(connector, "stockLevel")).flatMap((p) => p.items);
    expect(items).toEqual([expect.objectContaining({ key: "SHORTS-S@warehouse", sku: "SHORTS-S", locationKey: "warehouse",
      onHand: 1000000, reserved: 2, available: 999998, incoming: 0 })]);
  });

  it("reads a documented price list without our currency metadata as a per-record issue naming the field", async () => {
    const connector = await playback({
      "GET /admin/customer-groups": empty("customer_groups"),
      "GET /admin/price-lists": { status: 200, body: documented("admin-price-lists.json") },
    });
    const read = await pages(connector, "priceList");
    expect(read.flatMap((p) => p.issues)).toEqual([expect.objectContaining({ recordKey: "plist_01JDFNV0GZ0WKW6G5J1CV0R4N2",
      field: "currency" })]);
  });

  it("reads the documented order: lines, totals and shipping in minor units, statuses mapped, channel by key", async () => {
    const connector = await playback({
      "GET /admin/shipping-options": empty("shipping_options"),
      "GET /admin/orders": { status: 200, body: documented("admin-orders.json") },
    });
    const [order] = (await pages(connector, "order")).flatMap((p) => p.items) as Array<Record<string, unknown>>;
    expect(order).toMatchObject({
      key: "order_01JDFNW6B3TJWJ3K8N2DMQXK5G", number: "1", status: "pending", paymentStatus: "authorized", fulfilmentStatus: "unfulfilled",
      currency: "EUR", salesChannelKey: "web", customerKey: "customer@example.com", pickupLocationKey: null,
      subtotal: { amount: 2000, currency: "EUR" }, shipping: { amount: 1000, currency: "EUR" }, total: { amount: 3000, currency: "EUR" },
      lines: [expect.objectContaining({ sku: "SHORTS-S", quantity: 2, unitPrice: { amount: 1000, currency: "EUR" } })],
    });
  });

  it.each([
    ["error-400-invalid-data.json", 400, "invalid", "first_name must be a string"],
    ["error-404-not-found.json", 404, "not_found", "Entity with id 1 was not found"],
  ])("a documented %s body fails the write of that record only, with its message", async (file, status, reason, message) => {
    const connector = await playback({
      "GET /admin/customer-groups": empty("customer_groups"),
      "GET /admin/customers": empty("customers"),
      "POST /admin/customers": { status, body: documented(file) },
    });
    const [outcome] = await connector.write("customer", [{ key: "C-1", externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z",
      type: "person",
      email: "c1@example.com", lastName: "Doe", roles: [], addresses: [], consent: { email: "unknown", sms: "unknown" }, segments: [] }]);
    expect(outcome).toMatchObject({ key: "C-1", status: "failed", issue: { reason, vendorCode: expect.any(String) } });
    expect(outcome?.issue?.message).toContain(message);
  });

  it("the documented 500 body is a retryable unavailable error for the whole call, and 401 is unauthorized", async () => {
    const failing = await playback({ "GET /admin/stores": { status: 500, body: documented("error-500-default.json") } });
    expect(await failing.check()).toMatchObject({ ok: false, message: expect.stringContaining("An unknown error occurred.") });
    const denied = await playback({ "GET /admin/stock-locations": { status: 401, body: "Unauthorized",
      headers: { "content-type": "text/plain" } } });
    let thrown: unknown;
    try {
      await pages(denied, "location");
    } catch (error) {
      thrown = error;
    }
    expect(ConnectorError.is(thrown) && thrown.reason).toBe("unauthorized");
    expect(String((thrown as Error).message)).not.toContain("sk_documented");
  });
});
