import { z } from "zod";
import { odooBool, odooDatetime, odooIds, odooMany2one, odooNumber, odooText } from "./odoo-api";

/*
 * Discount & Loyalty models as read over the external API (Odoo 17+). Field names from the
 * model sources: addons/loyalty/models/loyalty_{program,rule,reward,card}.py, plus sale_ok
 * (sale_loyalty), pos_ok (pos_loyalty), ecommerce_ok (website_sale_loyalty) and the reward
 * type `shipping` (sale_loyalty_delivery). Date fields read as "YYYY-MM-DD" or false.
 * https://github.com/odoo/odoo/tree/17.0/addons/loyalty/models
 */

/** A Date field: "YYYY-MM-DD" or false → string or null. */
export const odooDate = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an Odoo date"), z.literal(false), z.null()]).optional().transform((v) => v || null);

const base = { id: z.number().int().positive(), write_date: odooDatetime };

/** loyalty.program (only the promotion-like program types are read). */
export const odooLoyaltyProgramSchema = z.object({
  ...base, name: z.string(), active: odooBool, program_type: z.string(), trigger: odooText, applies_on: odooText,
  date_from: odooDate, date_to: odooDate, currency_id: odooMany2one,
  sale_ok: z.boolean().optional(), pos_ok: z.boolean().optional(), ecommerce_ok: z.boolean().optional(),
});
/** loyalty.program as read. */
export type OdooLoyaltyProgram = z.infer<typeof odooLoyaltyProgramSchema>;

/** loyalty.rule: the conditions (products, category, minimums) and the promo code. */
export const odooLoyaltyRuleSchema = z.object({
  ...base, program_id: odooMany2one, product_ids: odooIds, product_category_id: odooMany2one, reward_point_mode: odooText,
  reward_point_amount: odooNumber, minimum_qty: odooNumber, minimum_amount: odooNumber, mode: odooText, code: odooText,
});
/** loyalty.rule as read. */
export type OdooLoyaltyRule = z.infer<typeof odooLoyaltyRuleSchema>;

/** loyalty.reward: discount (percent / per_order / per_point), product, or shipping. */
export const odooLoyaltyRewardSchema = z.object({
  ...base, program_id: odooMany2one, reward_type: z.string(), discount: odooNumber, discount_mode: odooText,
  discount_applicability: odooText, discount_product_ids: odooIds, discount_product_category_id: odooMany2one,
  reward_product_id: odooMany2one, reward_product_qty: odooNumber, required_points: odooNumber,
});
/** loyalty.reward as read. */
export type OdooLoyaltyReward = z.infer<typeof odooLoyaltyRewardSchema>;

/** loyalty.card: a coupon code of a coupons / next-order program. */
export const odooLoyaltyCardSchema = z.object({ ...base, program_id: odooMany2one, code: z.string().min(1) });
/** loyalty.card as read. */
export type OdooLoyaltyCard = z.infer<typeof odooLoyaltyCardSchema>;
