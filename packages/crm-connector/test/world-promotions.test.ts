import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorV1, Promotion } from "@omnibridge/core-model";
import { createWorld } from "@omnibridge/testkit";
import { createHubSpotConnector } from "../src/index";
import { startHubSpotEmulator, type HubSpotEmulator } from "../src/testing";

// The testkit world's promotions (as the ERP flow hands them over) on the targeted HubSpot contacts.
const world = createWorld({ seed: 3, products: 400, epoch: new Date().toISOString() });
const promotions = [...world.promotions()];

describe("testkit world promotions in the HubSpot emulator", () => {
  let emulator: HubSpotEmulator;
  let connector: ConnectorV1;
  beforeAll(async () => {
    emulator = await startHubSpotEmulator({
      customers: world.customers(), companies: world.companies(), segments: world.segments(), rateLimit: { limit: 5000, windowMs: 1000 },
    });
    connector = createHubSpotConnector(emulator.settings);
  });
  afterAll(async () => {
    await connector.close();
    await emulator.stop();
  });
  const listMembers = (key: string) => [...emulator.store.lists.values()].find((l) => l.name.endsWith(`[${key}]`))?.members ?? new Set<string>();
  const tagsOf = (id: string) => (emulator.store.type("contacts").get(id)!.properties.omnibridge_promotions ?? "").split(";").filter(Boolean);

  it("puts every active promotion on exactly the members of its segments; ended ones on nobody", async () => {
    const outcomes = await connector.write("promotion", promotions);
    expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
    const targeted = promotions.filter((p) => p.status === "active" && p.segmentKeys.some((s) => listMembers(s).size > 0));
    expect(targeted.length).toBeGreaterThan(0);
    for (const id of emulator.store.type("contacts").keys()) {
      const expected = promotions.filter((p) => p.status === "active" && p.segmentKeys.some((s) => listMembers(s).has(id))).map((p) => p.key);
      expect(tagsOf(id).sort(), `contact ${id}`).toEqual(expected.sort());
    }
  });

  it("ending a promotion in the ERP takes it off its contacts", async () => {
    const target = promotions.find((p) => p.status === "active" && p.segmentKeys.some((s) => listMembers(s).size > 0))!;
    const before = [...listMembers(`promotion:${target.key}`)];
    expect(before.length).toBeGreaterThan(0);
    expect(await connector.write("promotion", [{ ...target, status: "ended" } satisfies Promotion])).toMatchObject([{ status: "archived" }]);
    for (const id of before) expect(tagsOf(id)).not.toContain(target.key);
  });
});

describe("testkit world promotions under faults and a tight rate limit", () => {
  it("retries 5xx and 429 and ends with the same tags as a clean run", async () => {
    const emulator = await startHubSpotEmulator({
      customers: world.customers(), companies: world.companies(), segments: world.segments(), seed: 9,
      faults: { default: { serverError: 0.15 } }, rateLimit: { limit: 20, windowMs: 500 },
    });
    const connector = createHubSpotConnector({
      ...emulator.settings, rateBudget: { acquire: async () => undefined }, retry: { minDelayMs: 5, maxDelayMs: 50 },
    });
    try {
      const outcomes = await connector.write("promotion", promotions);
      expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
      const metrics = connector.metrics();
      expect(metrics.retries).toBeGreaterThan(0);
      expect(metrics.rateLimited).toBeGreaterThan(0);
      const members = (key: string) => [...emulator.store.lists.values()].find((l) => l.name.endsWith(`[${key}]`))?.members ?? new Set<string>();
      for (const [id, contact] of emulator.store.type("contacts")) {
        const expected = promotions.filter((p) => p.status === "active" && p.segmentKeys.some((s) => members(s).has(id))).map((p) => p.key).sort();
        expect((contact.properties.omnibridge_promotions ?? "").split(";").filter(Boolean).sort(), `contact ${id}`).toEqual(expected);
      }
    } finally {
      await connector.close();
      await emulator.stop();
    }
  });
});
