import { describe, expect, it } from "vitest";
import { TokenBucket } from "@omnibridge/connector-kit";
import type { Promotion } from "@omnibridge/core-model";
import { createWorld } from "@omnibridge/testkit";
import { createContentfulConnector, createWordpressConnector, type ContentfulSettingsInput, type WordpressSettingsInput } from "../src/index";
import { contentfulEmulator, startContentfulEmulator, wordpressEmulator } from "../src/testing/index";
import { rewardText } from "../src/shared/marketing-text";

// The testkit world's promotions (as the ERP flow hands them over), written to both CMS emulators.
const world = createWorld({ seed: 5, products: 60, epoch: new Date().toISOString() });
const promotions = [...world.promotions()];
const campaigns = [...world.campaigns()];

describe("testkit world promotions and campaigns in the CMS emulators", () => {
  it("WordPress: every promotion becomes a page with the same validity and values; ended ones are trashed; campaigns link them", async () => {
    const running = await wordpressEmulator.start({ world });
    try {
      const connector = createWordpressConnector(running.settings as unknown as WordpressSettingsInput);
      const outcomes = await connector.write("promotion", promotions);
      expect(outcomes.map((o) => o.status)).toEqual(promotions.map((p) => (p.status === "ended" ? "archived" : "created")));
      const live = promotions.filter((p) => p.status === "active");
      expect(live.length).toBeGreaterThan(3);
      const auth = Buffer.from(`${running.settings.username}:${running.settings.applicationPassword}`).toString("base64");
      const response = await fetch(`${running.url}/wp-json/wp/v2/pages?per_page=100&context=edit&status=publish,draft,trash`, { headers: { Authorization: `Basic ${auth}` } });
      const body = (await response.json()) as Array<{ status: string; meta: Record<string, string> }>;
      const pages = new Map(body.map((p) => [p.meta.omnibridge_key, p]));
      for (const p of live) {
        expect(pages.get(`promotion:${p.key}`)).toMatchObject({
          status: "publish", meta: { omnibridge_valid_from: p.validFrom, omnibridge_valid_to: p.validTo, omnibridge_reward: rewardText(p, "en"), omnibridge_coupon_codes: p.couponCodes.join(",") },
        });
      }
      const written = await connector.write("campaign", campaigns);
      expect(written.map((o) => o.status)).toEqual(campaigns.map(() => "created"));
      for (const outcome of written) expect(outcome.externalId).toMatch(new RegExp(`^${running.url.replace(/\/$/, "")}/campaign-`));
      // Ending one in the ERP archives its page.
      expect(await connector.write("promotion", [{ ...live[0]!, status: "ended" } satisfies Promotion])).toMatchObject([{ status: "archived" }]);
      await connector.close();
    } finally {
      await running.stop();
    }
  });

  it("Contentful: every promotion becomes a promotion entry in each world locale; ended ones are archived", async () => {
    const running = await contentfulEmulator.start({ world });
    const emulator = await startContentfulEmulator({ locales: world.locales });
    try {
      for (const settings of [running.settings, emulator.settings]) {
        const connector = createContentfulConnector({
          ...(settings as unknown as ContentfulSettingsInput),
          rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
        });
        const outcomes = await connector.write("promotion", promotions);
        expect(outcomes.map((o) => o.status)).toEqual(promotions.map((p) => (p.status === "ended" ? "archived" : "created")));
      }
      for (const p of promotions.filter((x) => x.status === "active")) {
        const entry = emulator.state.entries.get(`promotion.c${p.key}`)!;
        expect(Object.keys(entry.fields.title!).sort()).toEqual([...world.locales].sort());
        expect(entry.fields).toMatchObject({ validFrom: { [world.locales[0]!]: p.validFrom }, reward: { [world.locales[0]!]: p.reward } });
        expect(entry.published).toBeDefined();
      }
    } finally {
      await running.stop();
      await emulator.stop();
    }
  });
});
