import { afterEach, describe, expect, it } from "vitest";
import type { ConnectorV1, Customer } from "@omnibridge/core-model";
import { createWorld, mutateWorld, type RunningEmulator } from "@omnibridge/testkit";
import { createHubSpotConnector, type HubSpotSettingsInput } from "../index";
import { hubSpotEmulator } from "../testing";
import { readPages } from "../../test/helpers";

let running: RunningEmulator | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await running?.stop();
  connector = running = undefined;
});

describe("hubspot emulator factory (testkit world)", () => {
  it("seeds the world's CRM view; ERP customers merge into it by e-mail; world revisions surface as deltas", async () => {
    const world = createWorld({ seed: 11, products: 120 });
    running = await hubSpotEmulator.start({ world, rateLimit: { limit: 1_000, windowMs: 1_000 } });
    connector = createHubSpotConnector({ ...(running.settings as HubSpotSettingsInput), searchRateLimit: { limit: 4, windowMs: 1_000 } });
    const worldCustomers = [...world.customers()];
    const before = (await readPages(connector, "customer", 100)).flatMap((p) => p.items);
    expect(before).toHaveLength(worldCustomers.length);
    const byEmail = new Map(before.map((c) => [c.email, c]));
    for (const source of worldCustomers) {
      const read = byEmail.get(source.email!.toLowerCase())!;
      expect(read.consent.email).toBe(source.consent.email);
      expect(read.customerNumber).toBeNull();
      expect(read.lifetime).toBeNull();
      expect(read.key).toBe(source.email!.toLowerCase());
    }
    const companies = (await readPages(connector, "company", 100)).flatMap((p) => p.items);
    expect(companies.map((c) => c.key).sort()).toEqual([...world.companies()].map((c) => c.key).sort());
    const segments = (await readPages(connector, "segment", 5)).flatMap((p) => p.items);
    expect(segments.map((s) => [s.key, s.name])).toEqual([...world.segments()].map((s) => [s.key, s.name]));

    const fromErp: Customer[] = worldCustomers.map((c) => ({ ...c, lifetime: { orderCount: 2, revenue: { amount: 9_990, currency: "EUR" }, firstOrderAt: null, lastOrderAt: null } }));
    const outcomes = await connector.write("customer", fromErp);
    expect(outcomes.every((o) => o.status === "updated")).toBe(true);
    const after = (await readPages(connector, "customer", 100)).flatMap((p) => p.items);
    expect(after.map((c) => c.key).sort()).toEqual(worldCustomers.map((c) => c.key).sort());
    const first = worldCustomers[0]!;
    expect(after.find((c) => c.key === first.key)).toMatchObject({ customerNumber: first.customerNumber, lifetime: { orderCount: 2 } });
    const contact = after.find((c) => c.companyKey)!;
    expect(worldCustomers.find((c) => c.key === contact.key)!.companyKey).toBe(contact.companyKey);

    const cursor = (await readPages(connector, "customer", 100)).at(-1)!.cursor;
    const { changes } = mutateWorld(world, { changeRate: 0.1, deleteRate: 0.05, seed: 5 });
    await running.apply(changes);
    const changedKeys = changes.upserted.filter((c) => c.entity === "customer").map((c) => c.record.key).sort();
    const deletedKeys = changes.deleted.filter((c) => c.entity === "customer").map((c) => c.key).sort();
    const pages = await readPages(connector, "customer", 100, cursor);
    expect(changedKeys.length).toBeGreaterThan(0);
    expect(deletedKeys.length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.items).map((c) => c.key).sort()).toEqual(changedKeys);
    expect(pages.flatMap((p) => p.deleted).sort()).toEqual(deletedKeys);
  });
});
