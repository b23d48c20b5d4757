import { z } from "zod";
import {
  localizedTextSchema, localeSchema, recordBaseShape, refSchema, safeText, timestampSchema,
} from "./primitives";
import { moneySchema } from "./money";
import { salesChannelSchema } from "./commerce";
import { isBeforeInstant } from "./instant";

/** What a promotion gives. */
export const promotionRewardSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("percentage"), percent: z.number().gt(0, "must be positive").max(100, "must be at most 100") }),
  z.object({ type: z.literal("fixed_amount"), amount: moneySchema.refine((m) => m.amount > 0, "must be positive") }),
  z.object({
    type: z.literal("buy_x_get_y"),
    buyQuantity: z.int().positive(),
    getQuantity: z.int().positive(),
    getSkus: z.array(refSchema).default([]),
    getPercent: z.number().gt(0).max(100).default(100),
  }),
  z.object({ type: z.literal("free_shipping") }),
]);
/** Promotion reward. */
export type PromotionReward = z.infer<typeof promotionRewardSchema>;

/** Promotion: coupon or automatic discount with conditions and validity. */
export const promotionSchema = z
  .object({
    ...recordBaseShape,
    name: localizedTextSchema(255),
    description: localizedTextSchema().default({}),
    kind: z.enum(["automatic", "coupon"]),
    couponCodes: z.array(z.string().min(1).max(64)).default([]),
    reward: promotionRewardSchema,
    minimumAmount: moneySchema.nullish(),
    minimumQuantity: z.int().positive().nullish(),
    skus: z.array(refSchema).default([]),
    categoryKeys: z.array(refSchema).default([]),
    channels: z.array(salesChannelSchema).default([]),
    segmentKeys: z.array(refSchema).default([]),
    validFrom: timestampSchema.nullish(),
    validTo: timestampSchema.nullish(),
    status: z.enum(["draft", "active", "ended", "archived"]),
  })
  .superRefine((value, ctx) => {
    if (value.validFrom && value.validTo && isBeforeInstant(value.validTo, value.validFrom)) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "must not be before validFrom" });
    }
    if (value.kind === "coupon" && value.couponCodes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["couponCodes"], message: "a coupon promotion needs at least one code" });
    }
  });
/** Promotion. */
export type Promotion = z.infer<typeof promotionSchema>;

/** UTM tracking parameters. */
export const utmSchema = z.object({
  source: z.string().min(1).max(100),
  medium: z.string().min(1).max(100),
  campaign: z.string().min(1).max(100),
  term: z.string().max(100).nullish(),
  content: z.string().max(100).nullish(),
});

/** Campaign: links a period, channels, target segments, promotions and content. */
export const campaignSchema = z.object({
  ...recordBaseShape,
  name: safeText(255).min(1),
  status: z.enum(["planned", "active", "completed", "cancelled"]),
  startsAt: timestampSchema,
  endsAt: timestampSchema.nullish(),
  channels: z.array(z.string().min(1)).default([]),
  segmentKeys: z.array(refSchema).default([]),
  promotionKeys: z.array(refSchema).default([]),
  contentKeys: z.array(refSchema).default([]),
  utm: utmSchema.nullish(),
  budget: moneySchema.nullish(),
});
/** Campaign. */
export type Campaign = z.infer<typeof campaignSchema>;

/** A rule over canonical customer fields (e.g. `lifetime.orderCount >= 3`). */
export const segmentRuleSchema = z.object({
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/, "must be a dotted field path"),
  op: z.enum(["eq", "neq", "gt", "gte", "lt", "lte", "in", "contains", "exists", "within_days"]),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).nullish(),
});
/** Segment rule. */
export type SegmentRule = z.infer<typeof segmentRuleSchema>;

/** Segment: a rule definition and/or an explicit member list. */
export const segmentSchema = z.object({
  ...recordBaseShape,
  name: safeText(255).min(1),
  purpose: z.enum(["marketing", "service", "analytics"]),
  /** All rules must hold (AND); marketing segments also require consent. */
  rules: z.array(segmentRuleSchema).default([]),
  memberKeys: z.array(refSchema).default([]),
});
/** Segment. */
export type Segment = z.infer<typeof segmentSchema>;

/** CMS content entry: page, landing page, product story. */
export const contentEntrySchema = z.object({
  ...recordBaseShape,
  type: z.enum(["page", "landing_page", "product_page", "category_page", "product_story", "banner"]),
  locale: localeSchema,
  title: safeText(255).min(1),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a URL slug"),
  body: safeText(1_000_000).default(""),
  excerpt: safeText(2_000).nullish(),
  status: z.enum(["draft", "published", "archived"]),
  linkedSkus: z.array(refSchema).default([]),
  linkedCategoryKeys: z.array(refSchema).default([]),
  promotionKey: refSchema.nullish(),
  campaignKey: refSchema.nullish(),
  seo: z.object({ title: safeText(255).nullish(), description: safeText(1000).nullish() }).nullish(),
  featuredImageUrl: z.url({ protocol: /^https?$/ }).nullish(),
  publishedAt: timestampSchema.nullish(),
});
/** Content entry. */
export type ContentEntry = z.infer<typeof contentEntrySchema>;
