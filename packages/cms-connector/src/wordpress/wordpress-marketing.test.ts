import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { campaign, promotion } from "../shared/marketing-test-helpers";
import { createWordpressConnector } from "./wordpress-connector";
import { runPrefix } from "./wordpress-test-helpers";
import { startWordpressEmulator, type WordpressEmulator } from "./testing/wordpress-emulator";

interface Site {
  url: string;
  username: string;
  applicationPassword: string;
}
interface RestPage {
  id: number;
  status: string;
  link: string;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  meta: Record<string, string>;
}

/** Pages by `omnibridge_key`, any status, straight from the REST API. */
async function pages(site: Site, keys: string[]): Promise<Map<string, RestPage>> {
  const auth = Buffer.from(`${site.username}:${site.applicationPassword}`).toString("base64");
  const query = `omnibridge_key=${encodeURIComponent(keys.join(","))}&context=edit&status=publish,draft,trash&per_page=100`;
  const response = await fetch(`${site.url}/wp-json/wp/v2/pages?${query}`, { headers: { Authorization: `Basic ${auth}` } });
  const body = (await response.json()) as RestPage[];
  return new Map(body.map((page) => [page.meta.omnibridge_key!, page]));
}

/** The same scenario against the real WordPress and the emulator. */
function scenario(site: () => Site) {
  let connector: ConnectorV1;
  const prefix = runPrefix("PROMO");
  const fixed = promotion(`${prefix}-FIX`, { name: { en: `<b>Bold</b> & "deal" ${prefix}` } });
  const percent = promotion(`${prefix}-PCT`, { kind: "automatic", couponCodes: [], reward: { type: "percentage", percent: 10 }, minimumAmount: null });
  const bogo = promotion(`${prefix}-B2G1`, { reward: { type: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getSkus: [], getPercent: 100 }, minimumAmount: null });
  const later = promotion(`${prefix}-LATER`, { validFrom: new Date(Date.now() + 5 * 86_400_000).toISOString() });
  beforeAll(() => {
    connector = createWordpressConnector(site());
  });

  it("declares promotion and campaign writes and archives", () => {
    expect(connector.capabilities.promotion).toMatchObject({ write: true, archive: true, read: false });
    expect(connector.capabilities.campaign).toMatchObject({ write: true, archive: true });
  });

  it("writes promotions as landing pages with the same validity and values; a re-write changes nothing", async () => {
    const all = [fixed, percent, bogo, later];
    expect((await connector.write("promotion", all)).map((o) => o.status)).toEqual(["created", "created", "created", "created"]);
    expect((await connector.write("promotion", all)).map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    const found = await pages(site(), all.map((p) => `promotion:${p.key}`));
    expect(found.size).toBe(4);
    const page = found.get(`promotion:${fixed.key}`)!;
    expect(page.status).toBe("publish");
    expect(page.title.raw).toBe(`&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;deal&quot; ${prefix}`);
    expect(page.content.raw).toContain("€5.00 off orders over €50.00");
    expect(page.content.raw).toContain(`<code>${fixed.couponCodes[0]}</code>`);
    expect(page.content.raw).not.toContain("<b>");
    expect(page.meta).toMatchObject({
      omnibridge_valid_from: fixed.validFrom, omnibridge_valid_to: fixed.validTo, omnibridge_coupon_codes: fixed.couponCodes[0],
      omnibridge_reward: "€5.00 off orders over €50.00", omnibridge_promotion_key: fixed.key, omnibridge_type: "landing_page", omnibridge_channels: "web",
    });
    expect(found.get(`promotion:${percent.key}`)!.meta.omnibridge_reward).toBe("10 % off");
    expect(found.get(`promotion:${bogo.key}`)!.content.raw).toContain("Buy 2 get 1");
    // Not yet valid: the page exists as a draft.
    expect(found.get(`promotion:${later.key}`)!.status).toBe("draft");
  });

  it("writes a campaign page linking its promotions' pages; its URL is the externalId and carries UTM", async () => {
    const winter = campaign(`${prefix}-CMP`, [fixed.key, percent.key, `${prefix}-MISSING`]);
    const [first] = await connector.write("campaign", [winter]);
    expect(first).toMatchObject({ key: winter.key, status: "created" });
    expect(first!.externalId).toMatch(/^https?:\/\//);
    const [again] = await connector.write("campaign", [winter]);
    expect(again).toMatchObject({ status: "unchanged", externalId: first!.externalId });
    const found = await pages(site(), [`campaign:${winter.key}`, `promotion:${fixed.key}`, `promotion:${percent.key}`]);
    const page = found.get(`campaign:${winter.key}`)!;
    expect(page.link).toBe(first!.externalId);
    expect(page.meta.omnibridge_utm_url).toBe(`${page.link}${page.link.includes("?") ? "&" : "?"}utm_source=newsletter&utm_medium=email&utm_campaign=${winter.key.toLowerCase()}`);
    expect(page.meta.omnibridge_promotion_keys).toBe(winter.promotionKeys.join(","));
    expect(page.content.raw).toContain(`href="${found.get(`promotion:${fixed.key}`)!.link.replace(/&/g, "&amp;")}"`);
    expect(page.content.raw).toContain(`data-promotion-key="${percent.key}"`);
    expect(page.content.raw).toContain(`data-promotion-key="${fixed.key}">&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;deal&quot; ${prefix}</a>`);
    expect(page.content.raw).not.toContain(`${prefix}-MISSING`);
    expect(page.status).toBe("publish");
  });

  it("ending a promotion or campaign trashes its page; archive is idempotent", async () => {
    const ended = await connector.write("promotion", [{ ...fixed, status: "ended" }]);
    expect(ended).toMatchObject([{ key: fixed.key, status: "archived" }]);
    expect(await connector.archive("promotion", [percent.key, percent.key, `${prefix}-NEVER`])).toMatchObject([
      { key: percent.key, status: "archived" }, { key: percent.key, status: "archived" }, { key: `${prefix}-NEVER`, status: "archived" },
    ]);
    expect(await connector.write("campaign", [campaign(`${prefix}-CMP`, [], { status: "completed" })])).toMatchObject([{ status: "archived" }]);
    const found = await pages(site(), [`promotion:${fixed.key}`, `promotion:${percent.key}`, `campaign:${prefix}-CMP`, `promotion:${bogo.key}`]);
    expect([...found.values()].map((p) => [p.meta.omnibridge_key, p.status]).sort()).toEqual([
      [`campaign:${prefix}-CMP`, "trash"], [`promotion:${bogo.key}`, "publish"], [`promotion:${fixed.key}`, "trash"], [`promotion:${percent.key}`, "trash"],
    ]);
    // Active again: the same page comes back (no twin).
    const [back] = await connector.write("promotion", [fixed]);
    expect(back!.status).toBe("updated");
    expect((await pages(site(), [`promotion:${fixed.key}`])).get(`promotion:${fixed.key}`)!.status).toBe("publish");
  });

  it("quarantines impossible promotions with their reason while the others are written (unsafe markup only warned)", async () => {
    const outcomes = await connector.write("promotion", [
      promotion(`${prefix}-NEG`, { reward: { type: "percentage", percent: -10 } }),
      promotion(`${prefix}-BACK`, { validFrom: "2026-12-31T00:00:00Z", validTo: "2026-12-01T00:00:00Z" }),
      promotion(`${prefix}-XSS`, { name: { en: "<script>alert(1)</script>" } }),
      promotion(`${prefix}-OK`),
    ]);
    expect(outcomes.map((o) => [o.status, o.issue?.field])).toEqual([
      ["failed", "reward.percent"], ["failed", "validTo"], ["created", "name.en"], ["created", undefined],
    ]);
    // Unsafe markup is removed, not rejected (issue 18 #1): the promotion is written, with a warning naming the field.
    expect(outcomes[2]!.issue).toMatchObject({ recordKey: `${prefix}-XSS`, severity: "warning", message: "removed unsafe markup (<script> element)" });
    expect(outcomes[0]!.issue).toMatchObject({ recordKey: `${prefix}-NEG`, reason: "invalid" });
  });
}

describe("WordPress promotions and campaigns against a real WordPress", () => {
  scenario(() => inject("wordpress"));
});

describe("WordPress promotions and campaigns against the emulator", () => {
  let emulator: WordpressEmulator;
  beforeAll(async () => {
    emulator = await startWordpressEmulator();
  });
  afterAll(async () => emulator.stop());
  scenario(() => emulator.settings);
});
