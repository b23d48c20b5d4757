import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooLoyaltyCardSchema, odooLoyaltyProgramSchema, odooLoyaltyRewardSchema, odooLoyaltyRuleSchema } from "../odoo-loyalty-api";
import fixture from "../__fixtures__/loyalty.json";
import { channelsOf, endOfDay, toPromotion, type LoyaltyBundle } from "./to-promotion";

const programs = z.array(odooLoyaltyProgramSchema).parse(fixture["loyalty.program"]);
const rules = z.array(odooLoyaltyRuleSchema).parse(fixture["loyalty.rule"]);
const rewards = z.array(odooLoyaltyRewardSchema).parse(fixture["loyalty.reward"]);
const cards = z.array(odooLoyaltyCardSchema).parse(fixture["loyalty.card"]);
const codes = new Map<number, string | null>([[41, "DESK-01"], [42, "DESK-02"], [43, "LAMP-01"], [99, null]]);
const bundles: LoyaltyBundle[] = programs.map((program) => ({
  program,
  rules: rules.filter((r) => r.program_id?.id === program.id),
  rewards: rewards.filter((r) => r.program_id?.id === program.id),
  cards: cards.filter((c) => c.program_id?.id === program.id),
}));
const lookup = (program: number, now = "2024-06-15T12:00:00Z") => ({
  system: "odoo", locale: "en", key: `PROMO-${program}`, now: Date.parse(now), skuOf: (id: number) => codes.get(id) ?? null, categoryKeyOf: (id: number) => `cat-${id}`,
});
const map = (now?: string) => mapRecords("promotion", bundles, (b) => toPromotion(b, lookup(b.program.id, now)), (b) => `PROMO-${b.program.id}`);
const byKey = (now?: string) => new Map(map(now).items.map((p) => [p.key, p]));

describe("loyalty.program → Promotion", () => {
  it("automatic percentage discount: minimum amount in minor units, dates as UTC day bounds, web only", () => {
    expect(byKey().get("PROMO-1")).toMatchObject({
      kind: "automatic", couponCodes: [], reward: { type: "percentage", percent: 10 }, minimumAmount: { amount: 5_000, currency: "EUR" }, minimumQuantity: null,
      validFrom: "2024-06-01T00:00:00.000Z", validTo: "2024-07-01T00:00:00.000Z", channels: ["web"], status: "active", externalIds: { odoo: "1" },
    });
  });

  it("promo code with a fixed amount on specific products: code from the rule, category, minimum quantity; a rule change bumps updatedAt", () => {
    const promo = byKey("2024-05-10T00:00:00Z").get("PROMO-2")!;
    expect(promo).toMatchObject({ kind: "coupon", couponCodes: ["SPRING20"], reward: { type: "fixed_amount", amount: { amount: 2_000, currency: "EUR" } }, skus: ["DESK-01"], categoryKeys: ["cat-8"], minimumQuantity: 3, channels: ["web", "store"], validFrom: null, status: "active" });
    expect(promo.updatedAt).toBe("2024-05-25T07:00:00.000Z");
    expect(byKey("2024-06-01T00:00:00Z").get("PROMO-2")!.status).toBe("ended");
  });

  it("buy x get y: points per unit paid / required points = buy quantity, reward product and quantity; not started yet = draft; PoS only", () => {
    expect(byKey().get("PROMO-3")).toMatchObject({
      reward: { type: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getSkus: ["LAMP-01"], getPercent: 100 }, skus: ["DESK-01", "DESK-02"], minimumQuantity: null, channels: ["store"], status: "active",
    });
    expect(byKey("2024-06-09T23:59:59Z").get("PROMO-3")!.status).toBe("draft");
  });

  it("coupon program with cards and a free-shipping reward; archived → archived; back-office only → phone; USD", () => {
    expect(byKey().get("PROMO-4")).toMatchObject({ kind: "coupon", couponCodes: ["044a-9f3e-4c7b", "0d81-22c1-47aa"], reward: { type: "free_shipping" }, channels: ["phone"], status: "archived", updatedAt: "2024-05-26T15:00:00.000Z" });
  });

  it("impossible rules are issues naming the program's key and field; the valid programs still map", () => {
    const { items, issues } = map();
    expect(items.map((p) => p.key)).toEqual(["PROMO-1", "PROMO-2", "PROMO-3", "PROMO-4"]);
    expect(issues).toEqual([
      expect.objectContaining({ recordKey: "PROMO-5", field: "reward.percent", message: expect.stringContaining("-10") }),
      expect.objectContaining({ recordKey: "PROMO-6", field: "validTo", message: expect.stringContaining("before date_from") }),
      expect.objectContaining({ recordKey: "PROMO-7", field: "skus", message: expect.stringContaining("product.product 99 has no internal reference") }),
    ]);
  });

  it("a discount over 100 % fails the canonical schema; per-point discounts (loyalty payments) are refused by name", () => {
    const bundle = bundles[0]!;
    const over = mapRecords("promotion", [{ ...bundle, rewards: [{ ...bundle.rewards[0]!, discount: 150 }] }], (b) => toPromotion(b, lookup(1)), () => "PROMO-1");
    expect(over.issues).toEqual([expect.objectContaining({ recordKey: "PROMO-1", field: "reward.percent" })]);
    const perPoint = mapRecords("promotion", [{ ...bundle, rewards: [{ ...bundle.rewards[0]!, discount_mode: "per_point" }] }], (b) => toPromotion(b, lookup(1)), () => "PROMO-1");
    expect(perPoint.issues).toEqual([expect.objectContaining({ field: "reward", message: expect.stringContaining("per point") })]);
  });

  it("channel mapping and the end of a validity day", () => {
    const base = programs[0]!;
    expect(channelsOf({ ...base, sale_ok: true, ecommerce_ok: true, pos_ok: true })).toEqual(["web", "store"]);
    expect(channelsOf({ ...base, sale_ok: false, ecommerce_ok: true, pos_ok: false })).toEqual([]);
    expect(endOfDay("2024-12-31")).toBe("2025-01-01T00:00:00.000Z");
  });
});
