import { common, f, m2o, o2m, type OdooModelDef } from "./odoo-model-defs";

const m2m = (relation: string) => f("many2many", { relation });

/**
 * Discount & Loyalty (Odoo 17+ `loyalty`, with sale_loyalty `sale_ok`, pos_loyalty `pos_ok`,
 * website_sale_loyalty `ecommerce_ok`, sale_loyalty_delivery reward type `shipping`).
 * https://github.com/odoo/odoo/blob/17.0/addons/loyalty/models/loyalty_program.py
 * https://github.com/odoo/odoo/blob/17.0/addons/loyalty/models/loyalty_rule.py
 * https://github.com/odoo/odoo/blob/17.0/addons/loyalty/models/loyalty_reward.py
 */
export function loyaltyModels(): Record<string, OdooModelDef> {
  return {
    "loyalty.program": { description: "Loyalty Program", order: "sequence", fields: {
      ...common, name: f("char", { required: true }), active: f("boolean", { default: true }), sequence: f("integer", { default: 0 }),
      program_type: f("selection", { default: "promotion" }), trigger: f("selection", { default: "auto" }), applies_on: f("selection", { default: "current" }),
      // 17+: Date fields, both ends included in the validity period.
      date_from: f("date"), date_to: f("date"), currency_id: m2o("res.currency"), pricelist_ids: m2m("product.pricelist"),
      rule_ids: o2m("loyalty.rule", "program_id"), reward_ids: o2m("loyalty.reward", "program_id"), coupon_ids: o2m("loyalty.card", "program_id"),
      limit_usage: f("boolean", { default: false }), max_usage: f("integer", { default: 0 }),
      sale_ok: f("boolean", { default: true }), pos_ok: f("boolean", { default: true }), ecommerce_ok: f("boolean", { default: true }),
    } },
    "loyalty.rule": { description: "Loyalty Rule", order: "id", fields: {
      ...common, program_id: m2o("loyalty.program", { required: true }), active: f("boolean", { default: true }),
      product_ids: m2m("product.product"), product_category_id: m2o("product.category"), product_domain: f("char", { default: "[]" }),
      reward_point_amount: f("float", { default: 1 }), reward_point_mode: f("selection", { default: "order" }),
      minimum_qty: f("integer", { default: 1 }), minimum_amount: f("float", { default: 0 }), minimum_amount_tax_mode: f("selection", { default: "incl" }),
      mode: f("selection", { default: "auto" }), code: f("char"),
    } },
    "loyalty.reward": { description: "Loyalty Reward", order: "required_points asc", fields: {
      ...common, program_id: m2o("loyalty.program", { required: true }), active: f("boolean", { default: true }), description: f("char"),
      reward_type: f("selection", { default: "discount" }), discount: f("float", { default: 10 }), discount_mode: f("selection", { default: "percent" }),
      discount_applicability: f("selection", { default: "order" }), discount_product_ids: m2m("product.product"),
      discount_product_category_id: m2o("product.category"), discount_max_amount: f("float", { default: 0 }),
      reward_product_id: m2o("product.product"), reward_product_qty: f("integer", { default: 1 }), required_points: f("float", { default: 1 }),
    } },
    "loyalty.card": { description: "Loyalty Coupon", order: "id", fields: {
      ...common, program_id: m2o("loyalty.program", { required: true }), code: f("char", { required: true }), partner_id: m2o("res.partner"),
      points: f("float", { default: 0 }), expiration_date: f("date"), active: f("boolean", { default: true }),
    } },
  };
}
