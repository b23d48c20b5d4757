import { afterEach, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { companySchema, customerSchema, type Company, type ConnectorV1, type Order } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "./index";
import { startOdooEmulator, type OdooEmulator } from "./testing/odoo-emulator";
import { loggedCalls } from "./testing/odoo-test-helpers";
import { readAll } from "../../test/read-all";

const world = createWorld({ seed: 21, products: 20 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

async function setup(version: 17 | 19 = 17) {
  const emulator = await startOdooEmulator({ world, version });
  const connector = createOdooConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { minDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 500,
  });
  started.push({ emulator, connector });
  return { emulator, connector, calls: () => loggedCalls(emulator.server.requests) };
}

const company = (key: string, extra: Partial<Company> = {}) => companySchema.parse({
  key, updatedAt: "2026-02-01T00:00:00Z", name: `Company ${key}`, customerNumber: key, vatId: "DE123456789",
  addresses: [{ type: "both", street: "Hauptstr. 1", city: "Kassel", postalCode: "34117", countryCode: "DE" }], ...extra,
});
const partnersWithRef = (emulator: OdooEmulator, ref: string) => [...emulator.orm.table("res.partner").values()].filter((p) => p.ref === ref);

describe("Odoo writes", () => {
  for (const version of [17, 19] as const) {
    it(`upserts companies by ref with per-record outcomes when one record of the batch is rejected (Odoo ${version})`, async () => {
      const { connector, emulator, calls } = await setup(version);
      const existing = [...world.companies()][0]!;
      const batch = [company("B-90001"), company("B-90002", { vatId: "12" }), company("B-90003", { addresses: [{ type: "both", street: "x", city: "y", countryCode: "ZZ" }] }), { ...existing, name: "Renamed GmbH" }, company("B-90004")];
      const outcomes = await connector.write("company", batch);
      expect(outcomes.map((o) => [o.key, o.status, o.issue?.field])).toEqual([
        ["B-90001", "created", undefined], ["B-90002", "failed", "vatId"], ["B-90003", "failed", "addresses.0.countryCode"], [existing.key, "updated", undefined], ["B-90004", "created", undefined],
      ]);
      expect(outcomes[1]!.issue).toMatchObject({ reason: "invalid", vendorCode: "odoo.exceptions.ValidationError", message: expect.stringContaining("VAT number [12]") });
      expect(partnersWithRef(emulator, existing.key)[0]!.name).toBe("Renamed GmbH");
      // The batch create (one transaction) was rejected whole, then retried record by record.
      expect(calls().filter((c) => c.model === "res.partner" && c.method === "create").map((c) => (c.args[0] ?? c.kwargs.vals_list) as unknown[]).map((v) => v.length)).toEqual([3, 1, 1, 1]);
      const again = await connector.write("company", batch);
      expect(again.map((o) => o.status)).toEqual(["updated", "failed", "failed", "updated", "updated"]);
      expect(partnersWithRef(emulator, "B-90001")).toHaveLength(1);
    });
  }

  it("writes contacts under their company and archives partners (active=false → deleted in the next delta)", async () => {
    const { connector, emulator } = await setup();
    const before = await readAll(connector, "customer", { pageSize: 100 });
    const contact = customerSchema.parse({ key: "C-900001", updatedAt: "2026-02-01T00:00:00Z", type: "contact", firstName: "Grace", lastName: "Hopper", email: "grace@example.com", companyKey: "B-00001", locale: "fr-FR" });
    const orphan = customerSchema.parse({ ...contact, key: "C-900002", companyKey: "B-99999" });
    const outcomes = await connector.write("customer", [contact, orphan]);
    expect(outcomes.map((o) => [o.status, o.issue?.field])).toEqual([["created", undefined], ["failed", "companyKey"]]);
    const row = partnersWithRef(emulator, "C-900001")[0]!;
    expect(row.parent_id).toBe(partnersWithRef(emulator, "B-00001")[0]!.id);
    expect(await connector.archive("customer", ["C-900001", "C-404"])).toMatchObject([{ key: "C-900001", status: "archived" }, { key: "C-404", status: "failed" }]);
    const delta = await readAll(connector, "customer", { cursor: before.cursor });
    expect(delta.deleted).toEqual(["C-900001"]);
  });

  it("creates orders idempotently by client_order_ref; a lost create response is retried without a second order", async () => {
    const { connector, emulator } = await setup();
    const source = [...world.orders()].slice(0, 3).map((o): Order => ({ ...o, key: `WEB-${o.key}`, number: `WEB-${o.number}` }));
    const bad: Order = { ...source[2]!, key: "WEB-BAD", number: "WEB-BAD", lines: [{ ...source[2]!.lines[0]!, sku: "NO-SUCH-SKU" }] };
    // The first create commits in Odoo but its response is lost (connection reset).
    emulator.script({ match: (r) => r.rawBody.includes('"sale.order","create"'), times: 1, commit: true, result: { action: "reset" } });
    const outcomes = await connector.write("order", [...source, bad]);
    expect(outcomes.map((o) => [o.key, o.status, o.issue?.field])).toEqual([...source.map((o) => [o.key, "created", undefined]), ["WEB-BAD", "failed", "lines.0.sku"]]);
    const orders = [...emulator.orm.table("sale.order").values()].filter((o) => String(o.client_order_ref).startsWith("WEB-"));
    expect(orders).toHaveLength(3);
    expect((await connector.write("order", source)).map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const read = (await readAll(connector, "order", { pageSize: 100 })).items.find((o) => o.key === source[0]!.key)!;
    const first = source[0]!;
    expect(read).toMatchObject({
      number: first.number, channel: first.channel, currency: first.currency, customerKey: first.customerKey ?? null,
    });
    expect(read.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(first.lines.map((l) => [l.sku, l.quantity, l.unitPrice]));
  });

  it("confirms created orders the channel reports paid (quotation → sales order with its delivery); unpaid ones stay quotations", async () => {
    const { connector, emulator } = await setup();
    const [paid, unpaid] = [...world.orders()].filter((o) => o.status !== "cancelled").slice(0, 2).map((o, i): Order => ({
      ...o, key: `SHOP-${i}`, number: `SHOP-${i}`, status: "confirmed", paymentStatus: i === 0 ? "paid" : "unpaid",
    }));
    const outcomes = await connector.write("order", [paid!, unpaid!]);
    expect(outcomes.map((o) => [o.status, o.issue])).toEqual([["created", undefined], ["created", undefined]]);
    const state = (ref: string) => [...emulator.orm.table("sale.order").values()].find((o) => o.client_order_ref === ref)?.state;
    expect([state("SHOP-0"), state("SHOP-1")]).toEqual(["sale", "draft"]);
    const pickings = [...emulator.orm.table("stock.picking").values()].filter((p) => String(p.origin ?? "").length > 0);
    expect(pickings.length).toBeGreaterThan(0);
    // A rerun finds both by reference: nothing is created or confirmed twice.
    expect((await connector.write("order", [paid!, unpaid!])).map((o) => o.status)).toEqual(["unchanged", "unchanged"]);
    // A paid order left a quotation (created just before a crash, never confirmed) is confirmed by the rerun.
    const crashed: Order = { ...paid!, key: "SHOP-9", number: "SHOP-9" };
    const quoting = createOdooConnector({ ...emulator.settings, confirmOrders: "never", retry: { minDelayMs: 5, maxDelayMs: 20 } });
    started.push({ emulator, connector: quoting });
    await quoting.write("order", [crashed]);
    expect(state("SHOP-9")).toBe("draft");
    expect((await connector.write("order", [crashed]))[0]!.status).toBe("updated");
    expect(state("SHOP-9")).toBe("sale");
    const never = createOdooConnector({ ...emulator.settings, confirmOrders: "never", retry: { minDelayMs: 5, maxDelayMs: 20 } });
    started.push({ emulator, connector: never });
    await never.write("order", [{ ...paid!, key: "SHOP-2", number: "SHOP-2" }]);
    expect(state("SHOP-2")).toBe("draft");
  });

  it("rejects writes of read-only kinds and returns nothing for empty batches", async () => {
    const { connector } = await setup();
    expect(await connector.write("company", [])).toEqual([]);
    // defineConnector rejects an entity the adapter does not write at call time (synchronously), even for an empty batch.
    expect(() => connector.write("product", [])).toThrow(expect.objectContaining({ reason: "invalid" }));
    expect(() => connector.write("price", [{} as never])).toThrow(expect.objectContaining({ reason: "invalid" }));
  });
});
