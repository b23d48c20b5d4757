import type { OdooPricelistItem } from "../odoo-api";
import { floatRound } from "./odoo-values";

/** What the price engine needs to know about one variant. */
export interface PricedVariant {
  id: number;
  templateId: number;
  categoryId: number | null;
  listPrice: number;
  standardPrice: number;
}

/** Lookup functions of the engine (pure: the stream loads the data). */
export interface PricingContext {
  /** Rules of a pricelist that may apply to the variant (variant, template, category and global rules). */
  rulesFor(pricelistId: number, variant: PricedVariant): readonly OdooPricelistItem[];
  /** The category and its ancestors (for `2_product_category` rules, which apply to child categories too). */
  categoryAncestors(categoryId: number): ReadonlySet<number>;
  /** Odoo datetime "now" (rules outside date_start..date_end do not apply). */
  now: string;
}

/** A computed unit price and the rule that produced it (null: the list price applied). */
export interface RulePrice {
  value: number;
  rule: OdooPricelistItem | null;
}

const APPLIED_ORDER = { "0_product_variant": 0, "1_product": 1, "2_product_category": 2, "3_global": 3 } as const;

/** Rule order of `product.pricelist.item` (_order = "applied_on, min_quantity desc, categ_id desc, id desc"). */
export function sortRules(rules: readonly OdooPricelistItem[]): OdooPricelistItem[] {
  return [...rules].sort((a, b) =>
    APPLIED_ORDER[a.applied_on] - APPLIED_ORDER[b.applied_on] || (b.min_quantity ?? 0) - (a.min_quantity ?? 0) ||
    (b.categ_id?.id ?? 0) - (a.categ_id?.id ?? 0) || b.id - a.id);
}

function matches(rule: OdooPricelistItem, variant: PricedVariant, quantity: number, context: PricingContext): boolean {
  if ((rule.min_quantity ?? 0) > quantity) return false;
  if (rule.date_start && rule.date_start > context.now) return false;
  if (rule.date_end && rule.date_end < context.now) return false;
  switch (rule.applied_on) {
    case "0_product_variant": return rule.product_id?.id === variant.id;
    case "1_product": return rule.product_tmpl_id?.id === variant.templateId;
    case "2_product_category": return variant.categoryId !== null && rule.categ_id !== null && context.categoryAncestors(variant.categoryId).has(rule.categ_id.id);
    default: return true;
  }
}

/**
 * Odoo's pricelist computation (`product.pricelist._compute_price_rule` → `product.pricelist.item._compute_price`),
 * done client-side because both are private and cannot be called over RPC (vendor-apis §1):
 * the first applicable rule in rule order wins; fixed → `fixed_price`; percentage → list price
 * less `percent_price` %; formula → base (list price, cost or another pricelist) less
 * `price_discount` %, rounded to `price_round`, plus `price_surcharge`. No rule → list price.
 * https://www.odoo.com/documentation/17.0/applications/sales/sales/products_prices/prices/pricing.html
 */
export function computePrice(pricelistId: number, variant: PricedVariant, quantity: number, context: PricingContext, depth = 0): RulePrice {
  if (depth > 8) throw new Error(`pricelist ${pricelistId}: rules based on other pricelists form a cycle`);
  const rule = sortRules(context.rulesFor(pricelistId, variant)).find((r) => matches(r, variant, quantity, context)) ?? null;
  if (!rule) return { value: variant.listPrice, rule: null };
  if (rule.compute_price === "fixed") return { value: rule.fixed_price ?? 0, rule };
  if (rule.compute_price === "percentage") return { value: variant.listPrice * (1 - (rule.percent_price ?? 0) / 100), rule };
  const base = rule.base === "standard_price" ? variant.standardPrice
    : rule.base === "pricelist" && rule.base_pricelist_id ? computePrice(rule.base_pricelist_id.id, variant, quantity, context, depth + 1).value
    : variant.listPrice;
  let value = base * (1 - (rule.price_discount ?? 0) / 100);
  if (rule.price_round) value = floatRound(value, rule.price_round);
  return { value: value + (rule.price_surcharge ?? 0), rule };
}

/** Quantity breaks of a variant in a pricelist: the distinct `min_quantity` > 1 of rules that could apply. */
export function tierQuantities(pricelistId: number, variant: PricedVariant, context: PricingContext): number[] {
  const quantities = new Set<number>();
  for (const rule of context.rulesFor(pricelistId, variant)) {
    const min = rule.min_quantity ?? 0;
    if (min > 1 && matches(rule, variant, min, context)) quantities.add(Math.ceil(min));
  }
  return [...quantities].sort((a, b) => a - b);
}
