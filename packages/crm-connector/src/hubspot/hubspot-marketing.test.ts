import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign, ConnectorV1, Promotion } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../index";
import { startHubSpotEmulator, type HubSpotEmulator } from "../testing";
import { fixtureWorld } from "../../test/fixture-world";
import { readPages, requestsTo } from "../../test/helpers";

const world = fixtureWorld({ persons: 20, companies: 3, orders: 0 });
const at = new Date().toISOString();
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const promotion = (key: string, segmentKeys: string[], extra: Partial<Promotion> = {}): Promotion => ({
  key, externalIds: {}, updatedAt: at, name: { en: `Deal ${key}` }, description: {}, kind: "coupon", couponCodes: [`${key}-CODE`],
  reward: { type: "percentage", percent: 10 }, minimumAmount: null, minimumQuantity: null, skus: [], categoryKeys: [], channels: ["web"],
  segmentKeys, validFrom: days(-1), validTo: days(10), status: "active", ...extra,
});
const campaign = (key: string, extra: Partial<Campaign> = {}): Campaign => ({
  key, externalIds: { wordpress: "https://shop.example/campaign-w26/", odoo: "12" }, updatedAt: at, name: `Campaign ${key}`, status: "active",
  startsAt: days(-1), endsAt: days(20), channels: ["email"], segmentKeys: ["newsletter"], promotionKeys: ["P-VIP", "P-BOTH"], contentKeys: [],
  utm: { source: "hubspot", medium: "email", campaign: "w26", term: null, content: null }, budget: null, ...extra,
});

describe("hubspot promotions and campaigns (emulator)", () => {
  let emulator: HubSpotEmulator;
  let connector: ConnectorV1;
  beforeAll(async () => {
    emulator = await startHubSpotEmulator({
      ...world, rateLimit: { limit: 1000, windowMs: 1_000 }, searchRateLimit: { limit: 100, windowMs: 1_000 },
    });
    connector = createHubSpotConnector(emulator.settings);
  });
  afterAll(async () => {
    await connector.close();
    await emulator.stop();
  });
  const members = (key: string) => [...[...emulator.store.lists.values()].find((l) => l.name.endsWith(`[${key}]`))!.members];
  const contact = (id: string) => emulator.store.type("contacts").get(id)!.properties;
  const tags = (id: string, property = "omnibridge_promotions") => (contact(id)[property] ?? "").split(";").filter(Boolean).sort();

  it("tags the members of the targeted segments and keeps a list per promotion; a re-write sends no updates", async () => {
    expect(connector.capabilities.promotion).toMatchObject({ write: true, archive: true, read: false, maxBatchSize: 100 });
    const outcomes = await connector.write("promotion", [promotion("P-VIP", ["vip-customers"]), promotion("P-BOTH", ["vip-customers", "newsletter"]), promotion("P-ALL", [])]);
    expect(outcomes.map((o) => [o.key, o.status])).toEqual([["P-VIP", "created"], ["P-BOTH", "created"], ["P-ALL", "created"]]);
    const vip = new Set(members("vip-customers"));
    const newsletter = new Set(members("newsletter"));
    expect(vip.size).toBeGreaterThan(3);
    for (const id of emulator.store.type("contacts").keys()) {
      const expected = [vip.has(id) ? "P-VIP" : "", vip.has(id) || newsletter.has(id) ? "P-BOTH" : ""].filter(Boolean).sort();
      expect(tags(id), `contact ${id}`).toEqual(expected);
    }
    expect(new Set(members("promotion:P-BOTH"))).toEqual(new Set([...vip, ...newsletter]));
    expect(outcomes[0]!.externalId).toBe([...emulator.store.lists.values()].find((l) => l.name === "Deal P-VIP [promotion:P-VIP]")!.listId);
    const updates = requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/update").length;
    expect(updates).toBeGreaterThan(0);
    const again = await connector.write("promotion", [promotion("P-VIP", ["vip-customers"]), promotion("P-BOTH", ["vip-customers", "newsletter"])]);
    expect(again.map((o) => o.status)).toEqual(["unchanged", "unchanged"]);
    expect(requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/update").length).toBe(updates);
  });

  it("fails a promotion whose segment has no list, naming segmentKeys; the others flow; invalid ones are quarantined", async () => {
    const lists = emulator.store.lists.size;
    const outcomes = await connector.write("promotion", [
      promotion("P-GHOST", ["vip-customers", "no-such-segment"]),
      promotion("P-NEG", ["vip-customers"], { reward: { type: "percentage", percent: -5 } }),
      promotion("P-BACK", [], { validFrom: days(5), validTo: days(1) }),
      promotion("P-OK", ["newsletter"]),
    ]);
    expect(outcomes.map((o) => [o.status, o.issue?.field, o.issue?.reason])).toEqual([
      ["failed", "segmentKeys.1", "not_found"], ["failed", "reward.percent", "invalid"], ["failed", "validTo", "invalid"], ["created", undefined, undefined],
    ]);
    expect(emulator.store.lists.size).toBe(lists + 1);
    expect(tags(members("newsletter")[0]!)).toContain("P-OK");
    expect([...emulator.store.type("contacts").keys()].some((id) => tags(id).includes("P-GHOST"))).toBe(false);
  });

  it("promotion and campaign lists are not read as segments", async () => {
    const keys = (await readPages(connector, "segment", 50)).flatMap((p) => p.items.map((s) => s.key));
    expect(keys).toEqual(expect.arrayContaining(world.segments.map((s) => s.key)));
    expect(keys.filter((k) => k.includes(":"))).toEqual([]);
  });

  it("follows segment changes: contacts that left the segment lose the tag", async () => {
    const gone = members("vip-customers").find((id) => !members("newsletter").includes(id))!;
    emulator.store.lists.get([...emulator.store.lists.values()].find((l) => l.name.endsWith("[vip-customers]"))!.listId)!.members.delete(gone);
    expect((await connector.write("promotion", [promotion("P-VIP", ["vip-customers"])]))[0]!.status).toBe("updated");
    expect(tags(gone)).toEqual(["P-BOTH"]);
    expect(members("promotion:P-VIP")).not.toContain(gone);
  });

  it("links campaigns on their contacts: key, UTM-tagged landing page URL and promotions", async () => {
    expect(await connector.write("campaign", [campaign("W26")])).toMatchObject([{ key: "W26", status: "created" }]);
    const newsletter = members("newsletter");
    for (const id of newsletter) {
      expect(contact(id)).toMatchObject({
        omnibridge_campaigns: "W26", omnibridge_campaign_promotions: "P-VIP;P-BOTH",
        omnibridge_campaign_url: "https://shop.example/campaign-w26/?utm_source=hubspot&utm_medium=email&utm_campaign=w26",
      });
    }
    expect((await connector.write("campaign", [campaign("W26")]))[0]!.status).toBe("unchanged");
    expect(await connector.write("campaign", [campaign("W26", { status: "cancelled" })])).toMatchObject([{ status: "archived" }]);
    for (const id of newsletter) expect(contact(id)).toMatchObject({ omnibridge_campaigns: "", omnibridge_campaign_url: "", omnibridge_campaign_promotions: "" });
  });

  it("ending a promotion or archiving it removes it from every contact; archive is idempotent", async () => {
    expect(await connector.write("promotion", [promotion("P-VIP", ["vip-customers"], { status: "ended" })])).toMatchObject([{ status: "archived" }]);
    expect(await connector.archive("promotion", ["P-BOTH", "P-BOTH", "P-NEVER"])).toMatchObject([{ status: "archived" }, { status: "archived" }, { status: "archived" }]);
    const left = [...emulator.store.type("contacts").keys()].flatMap((id) => tags(id)).filter((tag) => tag === "P-VIP" || tag === "P-BOTH");
    expect(left).toEqual([]);
    expect(members("promotion:P-VIP")).toEqual([]);
    expect(tags(members("newsletter")[0]!)).toEqual(["P-OK"]);
    const inputs = requestsTo(emulator, "POST", "/crm/v3/objects/contacts/batch/update").map((r) => (r.body as { inputs: unknown[] }).inputs.length);
    expect(Math.max(...inputs)).toBeLessThanOrEqual(100);
  });
});
