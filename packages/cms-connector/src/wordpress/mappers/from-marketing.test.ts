import { describe, expect, it } from "vitest";
import { campaign, promotion } from "../../shared/marketing-test-helpers";
import { fromCampaign, fromPromotion } from "./from-marketing";

const now = new Date("2026-12-10T00:00:00Z");
const winter = promotion("WINTER", {
  name: { en: `Winter <img src=x onerror=alert(1)> "deal"`, "de-DE": "Winterangebot" }, description: { en: "Save & <b>smile</b>" },
  couponCodes: ["SAVE5", "<CODE>"], validFrom: "2026-12-01T00:00:00.000Z", validTo: "2026-12-31T23:59:59.000Z", skus: ["SKU-1", "SKU-2"],
  channels: ["web", "store"], segmentKeys: ["vip"],
});

describe("WordPress promotion and campaign renderers", () => {
  it("renders the promotion in the site's locale with every value escaped and validity, codes and reward as meta", () => {
    const body = fromPromotion(winter, "en", now);
    expect(body.title).toBe("Winter &lt;img src=x onerror=alert(1)&gt; &quot;deal&quot;");
    expect(body.content).toBe([
      `<p class="omnibridge-promotion-reward">€5.00 off orders over €50.00</p>`,
      `<p class="omnibridge-promotion-description">Save &amp; &lt;b&gt;smile&lt;/b&gt;</p>`,
      `<p class="omnibridge-promotion-validity">Valid from 2026-12-01 until 2026-12-31</p>`,
      `<p class="omnibridge-promotion-codes">Codes: <code>SAVE5</code>, <code>&lt;CODE&gt;</code></p>`,
    ].join("\n"));
    expect(body.excerpt).toBe("€5.00 off orders over €50.00. Valid from 2026-12-01 until 2026-12-31.");
    expect(body).toMatchObject({ slug: "promotion-winter", status: "publish" });
    expect(body.meta).toMatchObject({
      omnibridge_key: "promotion:WINTER", omnibridge_promotion_key: "WINTER", omnibridge_valid_from: "2026-12-01T00:00:00.000Z",
      omnibridge_valid_to: "2026-12-31T23:59:59.000Z", omnibridge_coupon_codes: "SAVE5,<CODE>", omnibridge_linked_skus: "SKU-1,SKU-2",
      omnibridge_channels: "web,store", omnibridge_segment_keys: "vip", omnibridge_reward: "€5.00 off orders over €50.00",
    });
    expect(fromPromotion(winter, "de-DE", now)).toMatchObject({ title: "Winterangebot", meta: { omnibridge_reward: "5,00\u00a0€ off orders over 50,00\u00a0€" } });
  });

  it("keeps pages of pending promotions as drafts", () => {
    expect(fromPromotion({ ...winter, status: "draft" }, "en", now).status).toBe("draft");
    expect(fromPromotion(winter, "en", new Date("2027-01-02T00:00:00Z")).status).toBe("draft");
  });

  it("renders a campaign with its period, channels, escaped links to its promotions and a UTM-tagged URL", () => {
    const spring = campaign("SPRING", ["WINTER"], { name: "Spring & more", startsAt: "2026-03-01T00:00:00.000Z", endsAt: null });
    const body = fromCampaign(spring, "en", "https://shop.example.com/campaign-spring/", [{ key: "WINTER", title: "Winter &lt;b&gt;", link: "https://shop.example.com/?p=1&x=\"" }]);
    expect(body.title).toBe("Spring &amp; more");
    expect(body.content).toContain(`<p class="omnibridge-campaign-period">Runs from 2026-03-01</p>`);
    expect(body.content).toContain(`<p class="omnibridge-campaign-channels">Channels: web, email</p>`);
    expect(body.content).toContain(`<li><a href="https://shop.example.com/?p=1&amp;x=&quot;" data-promotion-key="WINTER">Winter &amp;lt;b&amp;gt;</a></li>`);
    expect(body.meta).toMatchObject({
      omnibridge_key: "campaign:SPRING", omnibridge_campaign_key: "SPRING", omnibridge_promotion_keys: "WINTER", omnibridge_valid_to: "",
      omnibridge_utm_url: "https://shop.example.com/campaign-spring/?utm_source=newsletter&utm_medium=email&utm_campaign=spring",
    });
    expect(fromCampaign({ ...spring, status: "planned" }, "en", undefined, []).meta.omnibridge_utm_url).toBe("");
    expect(fromCampaign({ ...spring, status: "planned" }, "en", undefined, []).status).toBe("draft");
  });
});
