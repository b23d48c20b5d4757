import type { Money, Price } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwarePrice } from "../shopware-api";
import { otherSide, toDecimal } from "../shopware-money";
import type { ShopwarePriceListTarget } from "../shopware-settings";

/** A Shopware price entry for one currency from a canonical amount and the product's tax rate. */
export function priceEntry(
  amount: Money, compareAt: Money | null | undefined, currencyId: string, target: ShopwarePriceListTarget, taxRate: number,
): ShopwarePrice {
  const sides = (money: Money) => {
    const other = otherSide(money, target.taxMode, taxRate);
    const [gross, net] = target.taxMode === "gross" ? [money, other] : [other, money];
    return { gross: toDecimal(gross), net: toDecimal(net) };
  };
  return {
    currencyId, ...sides(amount), linked: true,
    ...(compareAt ? { listPrice: { currencyId, ...sides(compareAt), linked: true } } : {}),
  };
}

/** Replace (or add) the entry of one currency in a Shopware price array; Shopware replaces the array as a whole. */
export function mergePriceArray(existing: readonly ShopwarePrice[], entry: ShopwarePrice): ShopwarePrice[] {
  return [...existing.filter((p) => p.currencyId !== entry.currencyId), entry];
}

/**
 * What Shopware core cannot hold, as errors naming the field: customer-specific prices (core prices are
 * per rule, i.e. per customer group — map the customer to a group), validity windows that are not open
 * now (core prices have no dates; a rule with a date condition would), and graduated tiers on the retail
 * price (advanced prices need a rule).
 */
export function checkPriceSupported(price: Price, target: ShopwarePriceListTarget, now = Date.now()): void {
  if (price.customerKey) throw new MappingError("customerKey", "customer-specific prices are not supported by Shopware core; use a customer-group price list (rule)");
  if (price.validFrom && Date.parse(price.validFrom) > now) throw new MappingError("validFrom", "is in the future; Shopware prices have no validity dates");
  if (price.validTo) throw new MappingError("validTo", "Shopware prices have no end date; write the price when it applies");
  if (!target.ruleId && price.tiers.length > 0) throw new MappingError("tiers", "graduated prices need a rule (settings.priceLists[…].ruleId); the retail price has one quantity");
}
