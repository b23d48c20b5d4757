import { describe, expect, it } from "vitest";
import { promotionSchema } from "@omnibridge/core-model";
import { covers, escapeHtml, unescapeHtml, formatMoney, periodText, promotionPhase, rewardText, utmUrl } from "./marketing-text";
import { promotion } from "./marketing-test-helpers";

describe("marketing texts", () => {
  it("renders each reward in words with exact money from minor units", () => {
    const eur = (amount: number) => ({ amount, currency: "EUR" });
    expect(rewardText({ reward: { type: "percentage", percent: 10 }, minimumAmount: null, minimumQuantity: null }, "en")).toBe("10 % off");
    expect(rewardText({ reward: { type: "percentage", percent: 12.5 }, minimumAmount: null, minimumQuantity: null }, "en")).toBe("12.5 % off");
    expect(rewardText({ reward: { type: "fixed_amount", amount: eur(500) }, minimumAmount: eur(5000), minimumQuantity: null }, "en")).toBe("€5.00 off orders over €50.00");
    expect(rewardText({ reward: { type: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getSkus: [], getPercent: 100 }, minimumAmount: null, minimumQuantity: null }, "en")).toBe("Buy 2 get 1");
    expect(rewardText({ reward: { type: "buy_x_get_y", buyQuantity: 3, getQuantity: 1, getSkus: [], getPercent: 50 }, minimumAmount: null, minimumQuantity: null }, "en")).toBe("Buy 3 get 1 at 50 % off");
    expect(rewardText({ reward: { type: "free_shipping" }, minimumAmount: eur(2999), minimumQuantity: 2 }, "en")).toBe("Free shipping on orders over €29.99 when buying at least 2 items");
  });

  it("formats money exactly, in the locale, for any currency exponent", () => {
    expect(formatMoney({ amount: 123456789012345, currency: "EUR" }, "en")).toBe("€1,234,567,890,123.45");
    expect(formatMoney({ amount: 500, currency: "EUR" }, "de-DE")).toBe("5,00\u00a0€");
    expect(formatMoney({ amount: 500, currency: "JPY" }, "en")).toBe("¥500");
    expect(formatMoney({ amount: 1005, currency: "KWD" }, "en")).toBe("KWD\u00a01.005");
  });

  it("escapes markup so nothing from a record is HTML", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    expect(unescapeHtml(escapeHtml(`a &lt; <b> "c" 'd'`))).toBe(`a &lt; <b> "c" 'd'`);
  });

  it("decides live, pending and ended from status and validity", () => {
    const now = new Date("2026-12-10T00:00:00Z");
    const base = { validFrom: "2026-12-01T00:00:00Z", validTo: "2026-12-31T23:59:59Z" };
    expect(promotionPhase({ ...base, status: "active" }, now)).toBe("live");
    expect(promotionPhase({ ...base, status: "draft" }, now)).toBe("pending");
    expect(promotionPhase({ ...base, status: "active" }, new Date("2027-01-01T00:00:00Z"))).toBe("pending");
    expect(promotionPhase({ ...base, status: "ended" }, now)).toBe("ended");
    expect(covers(null, null, now)).toBe(true);
    expect(periodText(base.validFrom, base.validTo)).toBe("Valid from 2026-12-01 until 2026-12-31");
  });

  it("tags URLs with UTM parameters, keeping their query", () => {
    expect(utmUrl("https://shop.example.com/winter/?lang=en", { source: "newsletter", medium: "email", campaign: "winter 26", term: null, content: "a&b" }))
      .toBe("https://shop.example.com/winter/?lang=en&utm_source=newsletter&utm_medium=email&utm_campaign=winter+26&utm_content=a%26b");
  });

  it("the canonical schema rejects impossible promotions before any connector sees them", () => {
    expect(promotionSchema.safeParse(promotion("P1")).success).toBe(true);
    const negative = promotionSchema.safeParse(promotion("P2", { reward: { type: "percentage", percent: -5 } }));
    expect(negative.error?.issues[0]?.path).toEqual(["reward", "percent"]);
    const backwards = promotionSchema.safeParse(promotion("P3", { validFrom: "2026-12-31T00:00:00Z", validTo: "2026-12-01T00:00:00Z" }));
    expect(backwards.error?.issues[0]?.path).toEqual(["validTo"]);
  });
});
