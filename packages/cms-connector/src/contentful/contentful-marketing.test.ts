import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenBucket } from "@omnibridge/connector-kit";
import type { ConnectorV1, ContentEntry, Page } from "@omnibridge/core-model";
import { campaign, promotion } from "../shared/marketing-test-helpers";
import { startContentfulEmulator, type ContentfulEmulator } from "../testing/index";
import { createContentfulConnector } from "./contentful-connector";
import { promotionBody } from "./mappers/from-marketing";

describe("Contentful promotions and campaigns against the emulator", () => {
  let emulator: ContentfulEmulator;
  let connector: ConnectorV1;
  beforeAll(async () => {
    emulator = await startContentfulEmulator({ locales: ["en-US", "de-DE"] });
    connector = createContentfulConnector({
      ...emulator.settings,
      rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
      retry: { minDelayMs: 5, maxDelayMs: 20 },
    });
  });
  afterAll(async () => emulator.stop());
  const winter = promotion("WINTER", { name: { "en-US": "Winter deal", "de-DE": "Winterangebot" }, description: { "en-US": "<i>Cosy</i> savings" } });
  const entry = (id: string) => emulator.state.entries.get(id)!;

  it("creates the promotion and campaign content types and writes entries in every locale, published while live", async () => {
    const outcomes = await connector.write("promotion", [winter, promotion("SOON", { validFrom: new Date(Date.now() + 86_400_000).toISOString() })]);
    expect(outcomes).toMatchObject([{ key: "WINTER", status: "created", externalId: "promotion.cWINTER" }, { key: "SOON", status: "created" }]);
    expect([...emulator.state.contentTypes.keys()]).toEqual(expect.arrayContaining(["promotion", "campaign"]));
    expect(emulator.state.contentTypes.get("promotion")!.publishedVersion).toBeDefined();
    const stored = entry("promotion.cWINTER");
    expect(stored.contentTypeId).toBe("promotion");
    expect(stored.published?.fields).toEqual(stored.fields);
    expect(stored.fields.title).toEqual({ "en-US": "Winter deal", "de-DE": "Winterangebot" });
    expect(stored.fields.rewardText).toEqual({ "en-US": "€5.00 off orders over €50.00", "de-DE": "5,00\u00a0€ off orders over 50,00\u00a0€" });
    expect(stored.fields).toMatchObject({
      validFrom: { "en-US": winter.validFrom }, validTo: { "en-US": winter.validTo }, couponCodes: { "en-US": ["WINTER-CODE"] },
      reward: { "en-US": { type: "fixed_amount", amount: { amount: 500, currency: "EUR" } } }, minimumAmount: { "en-US": { amount: 5000, currency: "EUR" } },
    });
    expect(stored.fields.body!["en-US"]).toBe(promotionBody(winter, "en-US"));
    expect(String(stored.fields.body!["en-US"])).toContain("&lt;i&gt;Cosy&lt;/i&gt; savings");
    expect(entry("promotion.cSOON").published).toBeUndefined();
    expect((await connector.write("promotion", [winter]))[0]!.status).toBe("unchanged");
  });

  it("writes a campaign linking its promotions and landing page URL", async () => {
    const url = "http://127.0.0.1:8089/campaign-winter-26/";
    const winterCampaign = campaign("WINTER-26", ["WINTER"], { externalIds: { wordpress: url, odoo: "7" } });
    expect(await connector.write("campaign", [winterCampaign])).toMatchObject([{ status: "created", externalId: "campaign.cWINTER-26" }]);
    expect(entry("campaign.cWINTER-26").fields).toMatchObject({
      promotionKeys: { "en-US": ["WINTER"] }, landingPageUrl: { "en-US": url }, startsAt: { "en-US": winterCampaign.startsAt },
      utm: { "en-US": { source: "newsletter", medium: "email", campaign: "winter-26" } }, title: { "en-US": winterCampaign.name, "de-DE": winterCampaign.name },
    });
    expect((await connector.write("campaign", [winterCampaign]))[0]!.status).toBe("unchanged");
    expect(await connector.write("campaign", [{ ...winterCampaign, status: "cancelled" }])).toMatchObject([{ status: "archived" }]);
    expect(entry("campaign.cWINTER-26").archivedVersion).toBeDefined();
  });

  it("ending a promotion unpublishes and archives it; archive() does the same and is idempotent", async () => {
    expect(await connector.write("promotion", [{ ...winter, status: "ended" }])).toMatchObject([{ key: "WINTER", status: "archived" }]);
    expect(entry("promotion.cWINTER").tombstone).toBeDefined(); // unpublished: the Sync API reports it deleted
    expect(entry("promotion.cWINTER").archivedVersion).toBeDefined();
    expect(await connector.archive("promotion", ["SOON", "SOON", "NEVER"])).toMatchObject([{ status: "archived" }, { status: "archived" }, { status: "archived" }]);
    expect(entry("promotion.cSOON").archivedVersion).toBeDefined();
    // Active again: the archived entry is restored and published, not duplicated.
    expect((await connector.write("promotion", [winter]))[0]!.status).toBe("updated");
    expect(entry("promotion.cWINTER").published).toBeDefined();
  });

  it("quarantines impossible promotions while the others are written; promotions never read as content entries", async () => {
    const outcomes = await connector.write("promotion", [promotion("NEG", { reward: { type: "percentage", percent: -1 } }), promotion("FINE")]);
    expect(outcomes.map((o) => [o.status, o.issue?.field])).toEqual([["failed", "reward.percent"], ["created", undefined]]);
    const pages: Page<ContentEntry>[] = [];
    for await (const page of connector.read("contentEntry", {})) pages.push(page);
    // A delta after unpublishing one must not report it as a deleted content entry either.
    await connector.archive("promotion", ["FINE"]);
    for await (const page of connector.read("contentEntry", { cursor: pages.at(-1)!.cursor })) pages.push(page);
    expect(pages.flatMap((p) => p.deleted)).toEqual([]);
    expect(pages.flatMap((p) => p.items)).toEqual([]);
    expect(pages.flatMap((p) => p.issues)).toEqual([]);
  });
});
