import type { EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooProductVariant } from "../odoo-api";
import { computePrice, tierQuantities, type PricedVariant, type PricingContext, type RulePrice } from "./odoo-pricing";
import { isoFromOdoo, latest, roundToMinor } from "./odoo-values";

/** A pricelist as the price mapper sees it. */
export interface PriceListView {
  id: number;
  /** Canonical key of the emitted prices' list (a customer pricelist reports its base list). */
  priceListKey: string;
  currency: string;
  /** Set for a customer pricelist (assigned to exactly one partner): that partner's key. */
  customerKey: string | null;
}

/** One (pricelist, variant) pair to price. */
export interface PriceUnit {
  list: PriceListView;
  variant: OdooProductVariant;
  /** Currency of the variant's list price (company currency). */
  productCurrency: string;
}

/** Canonical key of a price: `<list>:<sku>` or `<list>:<sku>:<customer>` (same convention as the testkit world). */
export function priceKey(listKey: string, sku: string, customerKey: string | null): string {
  return customerKey ? `${listKey}:${sku}:${customerKey}` : `${listKey}:${sku}`;
}

/** The engine's view of a variant. */
export function pricedVariant(variant: OdooProductVariant): PricedVariant {
  return {
    id: variant.id, templateId: variant.product_tmpl_id?.id ?? 0, categoryId: variant.categ_id?.id ?? null,
    listPrice: variant.lst_price ?? 0, standardPrice: variant.standard_price ?? 0,
  };
}

function usesListPrice(result: RulePrice): boolean {
  const rule = result.rule;
  return !rule || rule.compute_price === "percentage" || (rule.compute_price === "formula" && rule.base !== "pricelist");
}

/**
 * Map one (pricelist, variant) to a canonical Price computed from the pricelist rules: unit
 * price at quantity 1, `tiers` at each min_quantity break, `compareAt` = list price when a
 * discount rule applies, validity from the winning rule's dates.
 */
export function toPrice(unit: PriceUnit, context: PricingContext): EntityInputOf<"price"> {
  const { list, variant } = unit;
  const sku = variant.default_code;
  if (!sku) throw new MappingError("sku", `product.product ${variant.id} has no default_code (internal reference), so its price has no SKU`);
  const engine = pricedVariant(variant);
  const base = computePrice(list.id, engine, 1, context);
  if (usesListPrice(base) && unit.productCurrency !== list.currency) {
    throw new MappingError("price.currency", `pricelist is in ${list.currency} but the list price is in ${unit.productCurrency}: Odoo would convert at a rate the connector does not read; add a fixed rule`);
  }
  const price = roundToMinor(base.value, list.currency);
  const tiers: Array<{ minQuantity: number; price: { amount: number; currency: string } }> = [];
  const stamps = [variant.write_date, base.rule?.write_date];
  for (const quantity of tierQuantities(list.id, engine, context)) {
    const tier = computePrice(list.id, engine, quantity, context);
    const money = roundToMinor(tier.value, list.currency);
    if (money.amount !== (tiers.at(-1)?.price ?? price).amount) tiers.push({ minQuantity: quantity, price: money });
    stamps.push(tier.rule?.write_date);
  }
  const discounted = base.rule && base.rule.compute_price !== "fixed" && base.rule.base !== "pricelist" && engine.listPrice > base.value;
  return {
    key: priceKey(list.priceListKey, sku, list.customerKey), externalIds: {}, updatedAt: isoFromOdoo(latest(...stamps)),
    priceListKey: list.priceListKey, sku, price, tiers, customerKey: list.customerKey,
    compareAt: discounted ? roundToMinor(engine.listPrice, list.currency) : null,
    validFrom: base.rule?.date_start ? isoFromOdoo(base.rule.date_start) : null,
    validTo: base.rule?.date_end ? isoFromOdoo(base.rule.date_end) : null,
  };
}
