import type { Campaign, ContentEntry, Promotion, Segment } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { customerKey, segmentKey } from "./gen-party";
import { productNameAt } from "./gen-product";
import { productKey, productShape } from "./gen-product-shape";
import { categoryKey } from "./gen-catalog-defs";
import { type Rng, pad, rngFor, STREAM } from "./prng";
import { addDays, baseTime } from "./scale";
import { LOCALES, slugify } from "./vocab";

/** Canonical key of promotion `p`. */
export function promotionKey(p: number): string {
  return `PROMO-${pad(p + 1, 5)}`;
}

/** Canonical key of campaign `k`. */
export function campaignKey(k: number): string {
  return `CMP-${pad(k + 1, 4)}`;
}

/** Canonical key of content entry `e` (document `e / 3` in locale `e % 3`). */
export function contentKey(e: number): string {
  return `CE-${pad(Math.floor(e / 3) + 1, 6)}.${LOCALES[e % 3]}`;
}

function rewardOf(rng: Rng, p: number, ctx: GenContext): Promotion["reward"] {
  switch (p % 4) {
    case 0: return { type: "percentage", percent: rng.pick([10, 15, 20]) };
    case 1: return { type: "fixed_amount", amount: { amount: rng.pick([500, 1_000, 2_500]), currency: "EUR" } };
    case 2: return { type: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getSkus: [productKey(rng.int(0, ctx.layout.products - 1))], getPercent: 100 };
    default: return { type: "free_shipping" };
  }
}

/** Promotion `p` (coupon or automatic), valid around the epoch. */
export function promotionAt(ctx: GenContext, p: number): Promotion {
  const rng = rngFor(ctx.seed, STREAM.promotion, p);
  const coupon = rng.chance(0.4);
  const validFrom = addDays(ctx.epoch, -rng.int(10, 200));
  const status = p % 7 === 6 ? "ended" : "active";
  return {
    key: promotionKey(p), externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.promotion, p, ctx.layout.promotions, ctx.epochMs),
    name: { en: `Deal ${p + 1}`, "de-DE": `Angebot ${p + 1}`, "fr-FR": `Offre ${p + 1}` }, description: {},
    kind: coupon ? "coupon" : "automatic", couponCodes: coupon ? [`SAVE${p + 1}`] : [], reward: rewardOf(rng, p, ctx),
    minimumAmount: rng.chance(0.3) ? { amount: 5_000, currency: "EUR" } : null, minimumQuantity: null,
    skus: rng.chance(0.5) ? [productKey(rng.int(0, ctx.layout.products - 1))] : [],
    categoryKeys: [categoryKey(rng.int(0, ctx.layout.categories - 1))], channels: rng.chance(0.5) ? ["web"] : ["web", "store"],
    segmentKeys: rng.chance(0.3) ? [segmentKey(rng.int(0, ctx.layout.segments - 1))] : [],
    validFrom, validTo: status === "ended" ? addDays(validFrom, 5) : addDays(ctx.epoch, rng.int(10, 90)), status,
  };
}

/** Campaign `k`, linking segments, promotions and content. */
export function campaignAt(ctx: GenContext, k: number): Campaign {
  const rng = rngFor(ctx.seed, STREAM.campaign, k);
  const startsAt = addDays(ctx.epoch, -rng.int(0, 60));
  const name = `Campaign ${k + 1}`;
  return {
    key: campaignKey(k), externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.campaign, k, ctx.layout.campaigns, ctx.epochMs),
    name, status: k % 5 === 4 ? "planned" : "active", startsAt, endsAt: addDays(startsAt, rng.int(7, 60)),
    channels: ["email", "web"], segmentKeys: [segmentKey(rng.int(0, ctx.layout.segments - 1))],
    promotionKeys: [promotionKey(rng.int(0, ctx.layout.promotions - 1))],
    contentKeys: [contentKey(rng.int(0, ctx.layout.contentDocuments * 3 - 1))],
    utm: { source: "newsletter", medium: "email", campaign: slugify(name), term: null, content: null },
    budget: { amount: rng.int(1, 50) * 100_000, currency: "EUR" },
  };
}

/** Segment `s`: rule-based; every other one also lists explicit members. */
export function segmentAt(ctx: GenContext, s: number): Segment {
  const rng = rngFor(ctx.seed, STREAM.segment, s);
  const members: string[] = [];
  if (s % 2 === 0) for (let m = 0; m < 10; m += 1) members.push(customerKey((rng.int(0, ctx.layout.persons - 1))));
  return {
    key: segmentKey(s), externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.segment, s, ctx.layout.segments, ctx.epochMs),
    name: `Segment ${s + 1}`, purpose: s % 3 === 0 ? "analytics" : "marketing",
    rules: [{ field: "lifetime.orderCount", op: "gte", value: rng.int(1, 5) }, { field: "locale", op: "in", value: ["de-DE", "fr-FR"] }],
    memberKeys: [...new Set(members)],
  };
}

/** Content entry `e`: document `e / 3` (a story about one product) in locale `e % 3`. */
export function contentEntryAt(ctx: GenContext, e: number): ContentEntry {
  const doc = Math.floor(e / 3);
  const locale = LOCALES[e % 3]!;
  const rng = rngFor(ctx.seed, STREAM.content, doc);
  const product = rng.int(0, ctx.layout.products - 1);
  const shape = productShape(ctx, product);
  const title = productNameAt(ctx, product, locale);
  const type = rng.pick(["product_story", "product_page", "landing_page", "banner"] as const);
  const updatedAt = baseTime(ctx.seed, STREAM.content, e, ctx.layout.contentDocuments * 3, ctx.epochMs);
  return {
    key: contentKey(e), externalIds: {}, updatedAt, type, locale, title, slug: `${slugify(title)}-${doc + 1}`,
    body: `<h2>${title}</h2><p>${shape.skus.length} ${locale === "en" ? "options" : "Varianten"}</p>`,
    excerpt: title, status: rng.chance(0.85) ? "published" : "draft", linkedSkus: shape.skus.slice(0, 3),
    linkedCategoryKeys: [], promotionKey: null, campaignKey: null, seo: { title, description: null },
    featuredImageUrl: `https://images.example.com/products/${shape.key}/main.jpg`, publishedAt: updatedAt,
  };
}
