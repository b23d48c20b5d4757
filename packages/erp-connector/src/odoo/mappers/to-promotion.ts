import type { EntityInputOf, PromotionReward, SalesChannel } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooLoyaltyCard, OdooLoyaltyProgram, OdooLoyaltyReward, OdooLoyaltyRule } from "../odoo-loyalty-api";
import { currencyOf, isoFromOdoo, latest, moneyOf } from "./odoo-values";

/** A program with its rules, rewards and coupon cards. */
export interface LoyaltyBundle {
  program: OdooLoyaltyProgram;
  rules: OdooLoyaltyRule[];
  rewards: OdooLoyaltyReward[];
  cards: OdooLoyaltyCard[];
}

/** What the mapper needs resolved: keys, product codes, locale and the clock. */
export interface PromotionLookup {
  system: string;
  locale: string;
  /** Canonical key of the program (external id or fallback). */
  key: string;
  /** default_code of a product.product; null when it has none (or is unknown). */
  skuOf(productId: number): string | null;
  categoryKeyOf(categoryId: number): string;
  /** Current time (ms) that validity is evaluated at. */
  now: number;
}

/** Program types that are promotions (gift cards, eWallets and loyalty cards are means of payment/points). */
export const PROMOTION_PROGRAM_TYPES = ["promotion", "coupons", "promo_code", "buy_x_get_y", "next_order_coupons"];
const CODE_PROGRAM_TYPES = new Set(["coupons", "promo_code", "next_order_coupons"]);

/** Odoo date D → the instant D starts (UTC). */
export const startOfDay = (date: string) => `${date}T00:00:00.000Z`;
/** Odoo date D (last day included) → the instant the day after D starts (UTC): when the promotion stops. */
export const endOfDay = (date: string) => new Date(Date.parse(startOfDay(date)) + 86_400_000).toISOString();

function skuList(ids: readonly number[], lookup: PromotionLookup, field: string): string[] {
  return ids.map((id) => {
    const sku = lookup.skuOf(id);
    if (!sku) throw new MappingError(field, `product.product ${id} has no internal reference (default_code), so it has no SKU`);
    return sku;
  });
}

function buyQuantity(rule: OdooLoyaltyRule | undefined, reward: OdooLoyaltyReward): number {
  // Points per unit paid: buying required_points / points-per-unit units earns the reward (Odoo's buy_x_get_y default).
  const perUnit = rule?.reward_point_mode === "unit" && (rule.reward_point_amount ?? 0) > 0 ? rule.reward_point_amount! : null;
  const quantity = perUnit ? Math.ceil((reward.required_points ?? 1) / perUnit) : rule?.minimum_qty ?? 0;
  if (!Number.isInteger(quantity) || quantity < 1) throw new MappingError("reward.buyQuantity", `must be a positive whole quantity, got ${quantity}`);
  return quantity;
}

function toReward(bundle: LoyaltyBundle, reward: OdooLoyaltyReward, currency: () => string, lookup: PromotionLookup): PromotionReward {
  if (reward.reward_type === "shipping") return { type: "free_shipping" };
  if (reward.reward_type === "product") {
    if (!reward.reward_product_id) throw new MappingError("reward.getSkus", "free-product reward has no product");
    const [sku] = skuList([reward.reward_product_id.id], lookup, "reward.getSkus");
    const quantity = reward.reward_product_qty ?? 0;
    if (!Number.isInteger(quantity) || quantity < 1) throw new MappingError("reward.getQuantity", `must be a positive whole quantity, got ${quantity}`);
    return { type: "buy_x_get_y", buyQuantity: buyQuantity(bundle.rules[0], reward), getQuantity: quantity, getSkus: [sku!], getPercent: 100 };
  }
  if (reward.reward_type !== "discount") throw new MappingError("reward", `reward type ${JSON.stringify(reward.reward_type)} has no canonical equivalent`);
  const discount = reward.discount ?? 0;
  const field = reward.discount_mode === "percent" ? "reward.percent" : "reward.amount";
  if (!(discount > 0)) throw new MappingError(field, `discount must be positive, got ${discount}`);
  if (reward.discount_mode === "percent") return { type: "percentage", percent: discount };
  if (reward.discount_mode === "per_order") return { type: "fixed_amount", amount: moneyOf(discount, currency(), "reward.amount") };
  throw new MappingError("reward", `discount mode ${JSON.stringify(reward.discount_mode)} (per point) is a loyalty payment, not a promotion`);
}

/** Channels: website (sale_ok ∧ ecommerce_ok) → web; PoS (pos_ok) → store; back-office sales only (sale_ok ∧ ¬ecommerce_ok) → phone. */
export function channelsOf(program: OdooLoyaltyProgram): SalesChannel[] {
  const sale = program.sale_ok ?? true;
  const web = sale && (program.ecommerce_ok ?? true);
  const channels: SalesChannel[] = [];
  if (web) channels.push("web");
  if (program.pos_ok ?? false) channels.push("store");
  if (sale && !web) channels.push("phone");
  return channels;
}

function statusOf(program: OdooLoyaltyProgram, validFrom: string | null, validTo: string | null, now: number) {
  if (!program.active) return "archived" as const;
  if (validTo && Date.parse(validTo) <= now) return "ended" as const;
  if (validFrom && Date.parse(validFrom) > now) return "draft" as const;
  return "active" as const;
}

const unique = <T>(values: T[]) => [...new Set(values)];
const smallestPositive = (values: Array<number | null>) => values.filter((v): v is number => typeof v === "number" && v > 0).sort((a, b) => a - b)[0];

/**
 * loyalty.program (+ rules, rewards, cards) → Promotion. The first reward (Odoo's order:
 * required_points, then id) is the promotion's reward; rules are alternatives, so minimums are
 * the smallest over the rules and products/categories their union.
 */
export function toPromotion(bundle: LoyaltyBundle, lookup: PromotionLookup): EntityInputOf<"promotion"> {
  const { program, rules, rewards, cards } = bundle;
  const reward = rewards[0];
  if (!reward) throw new MappingError("reward", "program has no reward");
  const currency = () => currencyOf(program.currency_id, "currency");
  const mapped = toReward(bundle, reward, currency, lookup);
  if (program.date_from && program.date_to && program.date_to < program.date_from) throw new MappingError("validTo", `date_to ${program.date_to} is before date_from ${program.date_from}`);
  const minimumAmount = rules.find((r) => (r.minimum_amount ?? 0) < 0);
  if (minimumAmount) throw new MappingError("minimumAmount", `must not be negative, got ${minimumAmount.minimum_amount}`);
  const amount = smallestPositive(rules.map((r) => r.minimum_amount));
  const quantity = mapped.type === "buy_x_get_y" ? undefined : smallestPositive(rules.map((r) => r.minimum_qty));
  const specific = reward.discount_applicability === "specific";
  const codes = unique([...rules.flatMap((r) => (r.mode === "with_code" && r.code ? [r.code] : [])), ...cards.map((c) => c.code)]);
  const coupon = program.trigger === "with_code" || CODE_PROGRAM_TYPES.has(program.program_type) || program.applies_on === "future" || codes.length > 0;
  const validFrom = program.date_from ? startOfDay(program.date_from) : null;
  const validTo = program.date_to ? endOfDay(program.date_to) : null;
  const writeDates = [...rules.map((r) => r.write_date), ...rewards.map((r) => r.write_date), ...cards.map((c) => c.write_date)];
  const categoryIds = unique([
    ...rules.flatMap((r) => (r.product_category_id ? [r.product_category_id.id] : [])),
    ...(specific && reward.discount_product_category_id ? [reward.discount_product_category_id.id] : []),
  ]);
  return {
    key: lookup.key, externalIds: { [lookup.system]: String(program.id) },
    updatedAt: isoFromOdoo(latest(program.write_date, ...writeDates)),
    name: { [lookup.locale]: program.name }, description: {}, kind: coupon ? "coupon" : "automatic", couponCodes: coupon ? codes : [], reward: mapped,
    minimumAmount: amount ? moneyOf(amount, currency(), "minimumAmount") : null, minimumQuantity: quantity && quantity > 1 ? quantity : null,
    skus: unique(skuList([...rules.flatMap((r) => r.product_ids), ...(specific ? reward.discount_product_ids : [])], lookup, "skus")),
    categoryKeys: categoryIds.map((id) => lookup.categoryKeyOf(id)),
    channels: channelsOf(program), segmentKeys: [], validFrom, validTo, status: statusOf(program, validFrom, validTo, lookup.now),
  };
}
