import type { Campaign, Promotion } from "@omnibridge/core-model";

const now = () => new Date().toISOString();
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** A schema-valid, live coupon promotion: €5.00 off orders over €50.00, valid from yesterday for 30 days. */
export function promotion(key: string, overrides: Partial<Promotion> = {}): Promotion {
  return {
    key, externalIds: {}, updatedAt: now(), name: { en: `Winter deal ${key}`, "de-DE": `Winterangebot ${key}` },
    description: { en: "Five euros off your order.", "de-DE": "Fünf Euro Rabatt." }, kind: "coupon", couponCodes: [`${key}-CODE`],
    reward: { type: "fixed_amount", amount: { amount: 500, currency: "EUR" } }, minimumAmount: { amount: 5000, currency: "EUR" },
    minimumQuantity: null, skus: [], categoryKeys: [], channels: ["web"], segmentKeys: [], validFrom: days(-1), validTo: days(30),
    status: "active", ...overrides,
  };
}

/** A schema-valid active campaign linking the given promotions. */
export function campaign(key: string, promotionKeys: string[], overrides: Partial<Campaign> = {}): Campaign {
  return {
    key, externalIds: {}, updatedAt: now(), name: `Winter campaign ${key}`, status: "active", startsAt: days(-1), endsAt: days(30),
    channels: ["web", "email"], segmentKeys: [], promotionKeys, contentKeys: [],
    utm: { source: "newsletter", medium: "email", campaign: key.toLowerCase(), term: null, content: null }, budget: null, ...overrides,
  };
}
