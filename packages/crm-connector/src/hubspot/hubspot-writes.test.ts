import { afterEach, describe, expect, it } from "vitest";
import type { ConnectorV1, Customer } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../index";
import { startHubSpotEmulator, type HubSpotEmulator } from "../testing";
import { fixtureWorld, order } from "../../test/fixture-world";
import { readPages, requestsTo } from "../../test/helpers";

const world = fixtureWorld({ persons: 20, companies: 3, orders: 0 });
let emulator: HubSpotEmulator | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await emulator?.stop();
  connector = emulator = undefined;
});

async function start(settings: Record<string, unknown> = {}) {
  emulator = await startHubSpotEmulator({
    ...world, linkContacts: true, rateLimit: { limit: 500, windowMs: 1_000 }, searchRateLimit: { limit: 50, windowMs: 1_000 },
  });
  connector = createHubSpotConnector({ ...emulator.settings, ...settings });
  return { emulator, connector };
}

const erpCustomer = (i: number, extra: Partial<Customer> = {}): Customer => ({
  ...world.customers[0]!, key: `ERP-${i}`, email: `erp${i}@shop.example`, firstName: `Erp${i}`, lastName: "Buyer", customerNumber: `K${10_000 + i}`,
  consent: { email: "granted", sms: "granted", updatedAt: "2026-02-01T00:00:00.000Z", source: "erp" }, companyKey: null, type: "person", ...extra,
});
type UpsertInput = { id: string; idProperty: string; properties: Record<string, string> };
const inputsOf = (body: unknown) => (body as { inputs: UpsertInput[] }).inputs;

describe("hubspot writes", () => {
  it("upserts customers by email in batches of 100; valid ones land, invalid ones are reported per record", async () => {
    const { emulator, connector } = await start();
    emulator.store.properties.contacts = emulator.store.properties.contacts!.filter((p) => p.name !== "omnibridge_customer_group");
    const records: Customer[] = Array.from({ length: 150 }, (_, i) => erpCustomer(i));
    records[10] = erpCustomer(10, { email: null });
    records[42] = erpCustomer(42, { key: "CU-000001" }); // another contact already holds this unique key
    records[120] = erpCustomer(120, { customerGroup: "b2c" }); // property unknown to this account
    records[130] = { ...world.customers[5]!, customerNumber: "K-EXISTING" }; // same e-mail as a CRM contact
    const before = emulator.store.type("contacts").size;
    const outcomes = await connector.write("customer", records);
    expect(outcomes.map((o) => o.key)).toEqual(records.map((r) => r.key));
    expect(outcomes[10]).toMatchObject({ status: "failed", issue: { recordKey: "ERP-10", field: "email" } });
    // The detail's code (not only the category) reaches the issue.
    expect(outcomes[42]).toMatchObject({ status: "failed", issue: { field: "omnibridge_customer_key", reason: "invalid", vendorCode: "DUPLICATE_VALUE" } });
    expect(outcomes[120]).toMatchObject({ status: "failed", issue: { field: "omnibridge_customer_group" } });
    expect(outcomes[130]).toMatchObject({ status: "updated", externalId: emulator.store.findBy("contacts", "email", world.customers[5]!.email!)!.id });
    expect(outcomes.filter((o) => o.status === "created")).toHaveLength(146);
    expect(emulator.store.type("contacts").size).toBe(before + 146);
    const batches = requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/upsert");
    // The two batches run concurrently (writeConcurrency), so their order in the log may vary.
    expect(batches.map((b) => inputsOf(b.body).length).sort((x, y) => x - y)).toEqual([49, 100]);
    expect(batches.map((b) => b.status)).toEqual([207, 207]);
    expect(batches.flatMap((b) => inputsOf(b.body))).toContainEqual(expect.objectContaining({ idProperty: "email", id: "erp0@shop.example" }));
    const again = await connector.write("customer", records);
    expect(again.filter((o) => o.status === "updated")).toHaveLength(147);
    expect(emulator.store.type("contacts").size).toBe(before + 146);
  });

  it("a second record with the same e-mail in one write fails naming email; the batch still lands", async () => {
    const { emulator, connector } = await start();
    const outcomes = await connector.write("customer", [erpCustomer(1), erpCustomer(2), erpCustomer(3, { email: "ERP1@shop.example" })]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created", "failed"]);
    expect(outcomes[2]!.issue).toMatchObject({ recordKey: "ERP-3", field: "email", message: expect.stringContaining("ERP-1") });
    const raw = await fetch(`${emulator.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: "POST", headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
      body: JSON.stringify({ inputs: [1, 1].map(() => ({ id: "x@y.example", idProperty: "email", properties: {} })) }),
    });
    expect(raw.status).toBe(400);
  });

  it("never sends consent unless writeConsent is on and the record carries consent", async () => {
    const { emulator, connector } = await start();
    await connector.write("customer", [erpCustomer(1)]);
    expect(inputsOf(requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/upsert")[0]!.body)[0]!.properties).not.toHaveProperty("omnibridge_email_consent");
    const owner = createHubSpotConnector({ ...emulator.settings, writeConsent: true });
    const silent = erpCustomer(2, { consent: { email: "unknown", sms: "unknown", updatedAt: null, source: null } });
    await owner.write("customer", [erpCustomer(1), silent]);
    const [carrying, quiet] = inputsOf(requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/upsert")[1]!.body);
    expect(carrying!.properties).toMatchObject({ omnibridge_email_consent: "granted", omnibridge_sms_consent: "granted" });
    expect(quiet!.properties).not.toHaveProperty("omnibridge_email_consent");
    await owner.close();
  });

  it("writes lifetime figures as properties and reads them back in minor units", async () => {
    const { emulator, connector } = await start();
    const lifetime = { orderCount: 7, revenue: { amount: 123_456, currency: "EUR" }, firstOrderAt: null, lastOrderAt: "2026-03-01T10:00:00.000Z" };
    const target = world.customers[2]!;
    await connector.write("customer", [{ ...target, lifetime }]);
    expect(emulator.store.findBy("contacts", "email", target.email!)!.properties).toMatchObject({ omnibridge_order_count: "7", omnibridge_revenue: "1234.56", omnibridge_revenue_currency: "EUR" });
    const company = world.companies[0]!;
    expect(await connector.write("company", [{ ...company, lifetime }])).toMatchObject([{ key: company.key, status: "updated" }]);
    const read = (await readPages(connector, "customer", 50)).flatMap((p) => p.items).find((c) => c.key === target.key)!;
    expect(read.lifetime).toEqual(lifetime);
  });

  it("writes orders as deals with line items and v4 associations, idempotently", async () => {
    const { emulator, connector } = await start();
    const orders = [order(1, world.customers[0]!), order(2, world.customers[7]!), order(3, world.customers[1]!)];
    const outcomes = await connector.write("order", orders);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created", "created"]);
    const dealId = outcomes[0]!.externalId!;
    const lines = emulator.store.associated("deals", dealId, "line_items");
    expect(lines.size).toBe(2);
    expect([...lines.values()].map((types) => [...types])).toEqual([[19], [19]]);
    const contactId = emulator.store.findBy("contacts", "omnibridge_customer_key", world.customers[0]!.key)!.id;
    expect(emulator.store.associated("deals", dealId, "contacts").get(contactId)).toEqual(new Set([3]));
    expect(emulator.store.associated("contacts", contactId, "deals").get(dealId)).toEqual(new Set([4]));
    const companyId = emulator.store.findBy("companies", "omnibridge_company_key", world.customers[0]!.companyKey!)!.id;
    expect(emulator.store.associated("deals", dealId, "companies").get(companyId)).toEqual(new Set([5, 341])); // the order's company is the deal's primary one
    expect(requestsTo(emulator, "POST", "/crm/v4/associations/deals/line_items/batch/create")).toHaveLength(1);
    const again = await connector.write("order", orders);
    expect(again.map((o) => o.status)).toEqual(["updated", "updated", "updated"]);
    expect(emulator.store.type("deals").size).toBe(3);
    expect(emulator.store.type("line_items").size).toBe(6);
    const read = (await readPages(connector, "order", 2)).flatMap((p) => p.items);
    expect(read.map((o) => [o.key, o.total.amount, o.lines.length, o.customerKey]))
      .toEqual(orders.map((o) => [o.key, o.total.amount, 2, o.customerKey]));
    const shorter = { ...orders[0]!, lines: orders[0]!.lines.slice(0, 1) };
    expect(await connector.write("order", [shorter])).toMatchObject([{ status: "updated" }]);
    const reread = (await readPages(connector, "order", 5)).flatMap((p) => p.items).find((o) => o.key === shorter.key)!;
    expect(reread.lines.map((l) => l.lineKey)).toEqual(["1"]);
    expect([...emulator.store.type("line_items").values()].filter((l) => l.archived)).toHaveLength(1);
  });

  it("applies segment membership diffs to lists and reports members not in the CRM", async () => {
    const { emulator, connector } = await start();
    const newsletter = world.segments.find((s) => s.key === "newsletter")!;
    const members = ["CU-000000", "CU-000001", "CT-0-0"];
    const outcomes = await connector.write("segment", [
      { ...newsletter, memberKeys: members },
      { ...newsletter, key: "spring-campaign", name: "Spring campaign", memberKeys: ["CU-000002", "NOBODY-1"] },
    ]);
    expect(outcomes[0]).toMatchObject({ key: "newsletter", status: "updated" });
    expect(outcomes[1]).toMatchObject({ key: "spring-campaign", status: "failed", issue: { field: "memberKeys.1", reason: "not_found" } });
    const list = [...emulator.store.lists.values()].find((l) => l.name === "Newsletter [newsletter]")!;
    const keys = [...list.members].map((id) => emulator.store.type("contacts").get(id)!.properties.omnibridge_customer_key).sort();
    expect(keys).toEqual(members.sort());
    const created = [...emulator.store.lists.values()].find((l) => l.name === "Spring campaign [spring-campaign]")!;
    expect(created.processingType).toBe("MANUAL");
    expect(created.members.size).toBe(1);
  });
});
