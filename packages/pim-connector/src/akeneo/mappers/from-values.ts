import { isCurrencyCode, moneyToDecimal, type AttributeValue, type Money } from "@omnibridge/core-model";
import type { AkeneoValue } from "../akeneo-api";
import type { AkeneoMappingContext } from "./akeneo-context";

/**
 * Canonical typed value → Akeneo `{locale, scope, data}` (data format per type:
 * https://api.akeneo.com/concepts/products.html#the-data-format). Prices become decimal strings.
 */
export function fromAttributeValue(value: AttributeValue, ctx: AkeneoMappingContext): AkeneoValue {
  const locale = value.locale ? ctx.locales.toAkeneo(value.locale) : null;
  const scope = value.channel ?? null;
  return { locale, scope, data: dataOf(value) };
}

function dataOf(value: AttributeValue): unknown {
  switch (value.type) {
    case "measure":
      return { amount: value.value.value, unit: value.value.unit };
    case "price":
      return value.value.map((money) => ({ amount: decimalOf(money), currency: money.currency }));
    default:
      return value.value;
  }
}

/**
 * Exact decimal of minor units. A currency ISO 4217 does not know (only deliberately broken
 * records carry one, e.g. the testkit world's "EURO") is passed on with two decimals, so the PIM
 * holds it as given and the reader reports it per record instead of the writer crashing.
 */
function decimalOf(money: Money): string {
  return isCurrencyCode(money.currency) ? moneyToDecimal(money) : (money.amount / 100).toFixed(2);
}

/** An unlocalized, unscoped value. */
export function plainValue(data: unknown): AkeneoValue[] {
  return [{ locale: null, scope: null, data }];
}

/** Localized text → one value per locale (scoped to `scope` when given). */
export function localizedValues(text: Record<string, string>, ctx: AkeneoMappingContext, scope: string | null): AkeneoValue[] {
  return Object.entries(text).map(([tag, data]) => ({ locale: ctx.locales.toAkeneo(tag), scope, data }));
}
