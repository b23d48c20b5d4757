import type { Promotion } from "@omnibridge/core-model";
import { decimal, type SeedState } from "./odoo-seed-base";

/** ISO instant → the UTC day containing it. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Variant ids of a canonical product key or SKU: the SKU's product.product, else every variant of a family's template. */
export function variantIds(state: SeedState, key: string): number[] {
  const direct = state.idOf("product.product", key);
  if (direct) return [direct];
  const template = state.idOf("product.template", key);
  if (!template) return [];
  return [...state.orm.table("product.product").values()].filter((v) => v.product_tmpl_id === template).map((v) => v.id).sort((a, b) => a - b);
}

function rewardVals(state: SeedState, promotion: Promotion): Record<string, unknown> {
  const reward = promotion.reward;
  switch (reward.type) {
    case "percentage": return { reward_type: "discount", discount_mode: "percent", discount: reward.percent };
    case "fixed_amount": return { reward_type: "discount", discount_mode: "per_order", discount: decimal(reward.amount.amount) };
    // Odoo's free-product reward is always 100 % off the reward product (getPercent is not representable).
    case "buy_x_get_y": return { reward_type: "product", reward_product_id: variantIds(state, reward.getSkus[0] ?? "")[0] ?? false, reward_product_qty: reward.getQuantity, required_points: reward.buyQuantity };
    default: return { reward_type: "shipping", discount: 0 };
  }
}

function programVals(state: SeedState, promotion: Promotion): Record<string, unknown> {
  const codes = promotion.kind === "coupon" ? promotion.couponCodes : [];
  const bxgy = promotion.reward.type === "buy_x_get_y";
  const programType = codes.length > 1 ? "coupons" : codes.length === 1 ? "promo_code" : bxgy ? "buy_x_get_y" : "promotion";
  const currency = promotion.reward.type === "fixed_amount" ? promotion.reward.amount.currency : promotion.minimumAmount?.currency ?? "EUR";
  const web = promotion.channels.length === 0 || promotion.channels.includes("web");
  const backOffice = web || promotion.channels.includes("phone");
  return {
    name: promotion.name.en ?? Object.values(promotion.name)[0] ?? promotion.key, program_type: programType, trigger: codes.length ? "with_code" : "auto", applies_on: "current",
    active: promotion.status !== "archived", currency_id: state.idOf("res.currency", currency) ?? false,
    date_from: promotion.validFrom ? dayOf(Date.parse(promotion.validFrom)) : false,
    // date_to is the last day included: the day before an instant at midnight, else the instant's day.
    date_to: promotion.validTo ? dayOf(Date.parse(promotion.validTo) - 1) : false,
    sale_ok: backOffice, ecommerce_ok: web, pos_ok: promotion.channels.length === 0 || promotion.channels.includes("store"),
  };
}

/**
 * loyalty.program + loyalty.rule + loyalty.reward (+ loyalty.card per code when there are
 * several) of a canonical promotion, with the external id `omnibridge.<key>`. One code → a
 * promo_code program whose rule carries the code; buy-x-get-y → points per unit paid with
 * required_points = buyQuantity.
 */
export function seedPromotion(state: SeedState, promotion: Promotion): void {
  const at = promotion.updatedAt;
  const program = state.upsert("loyalty.program", promotion.key, programVals(state, promotion), at);
  state.xmlid("loyalty.program", promotion.key, program.id, at);
  const bxgy = promotion.reward.type === "buy_x_get_y" ? promotion.reward : null;
  const codes = promotion.kind === "coupon" ? promotion.couponCodes : [];
  state.upsert("loyalty.rule", `${promotion.key}|rule`, {
    program_id: program.id, product_ids: promotion.skus.flatMap((sku) => variantIds(state, sku)),
    product_category_id: promotion.categoryKeys[0] ? state.idOf("product.category", promotion.categoryKeys[0]) ?? false : false,
    reward_point_mode: bxgy ? "unit" : "order", reward_point_amount: 1, minimum_qty: bxgy ? bxgy.buyQuantity : promotion.minimumQuantity ?? 0,
    minimum_amount: promotion.minimumAmount ? decimal(promotion.minimumAmount.amount) : 0,
    mode: codes.length === 1 ? "with_code" : "auto", code: codes.length === 1 ? codes[0] : false,
  }, at);
  state.upsert("loyalty.reward", `${promotion.key}|reward`, { program_id: program.id, required_points: 1, discount_applicability: "order", ...rewardVals(state, promotion) }, at);
  if (codes.length > 1) for (const code of codes) state.upsert("loyalty.card", `${promotion.key}|${code}`, { program_id: program.id, code, points: 1 }, at);
}

/** Archive a program as a user would (active = false) at `at`. */
export function archivePromotion(state: SeedState, key: string, at: string): void {
  const id = state.idOf("loyalty.program", key);
  if (id) state.upsert("loyalty.program", key, { active: false }, at);
}
