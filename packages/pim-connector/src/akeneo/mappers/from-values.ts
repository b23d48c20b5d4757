import { moneyToDecimal, type AttributeValue } from "@omnibridge/core-model";
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
      return value.value.map((money) => ({ amount: moneyToDecimal(money), currency: money.currency }));
    default:
      return value.value;
  }
}

/** An unlocalized, unscoped value. */
export function plainValue(data: unknown): AkeneoValue[] {
  return [{ locale: null, scope: null, data }];
}

/** Localized text → one value per locale (scoped to `scope` when given). */
export function localizedValues(text: Record<string, string>, ctx: AkeneoMappingContext, scope: string | null): AkeneoValue[] {
  return Object.entries(text).map(([tag, data]) => ({ locale: ctx.locales.toAkeneo(tag), scope, data }));
}
