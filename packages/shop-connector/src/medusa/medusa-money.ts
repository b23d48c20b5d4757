import { currencyExponent, moneyFromDecimal, moneyToDecimal, type Money } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/**
 * Medusa v2 stores money in major units as a decimal (`amount: 19.99` is €19.99) and returns it as a
 * JSON number, plus `raw_amount: { value: "19.99", precision: 20 }` where the route loads it.
 * https://docs.medusajs.com/resources/commerce-modules/pricing/concepts (prices are decimals, not cents)
 * We convert by the currency's ISO 4217 exponent, exactly: the raw decimal string when present, else the
 * number's shortest decimal form. Amounts with more decimals than the currency has (Medusa accepts
 * `12.345` EUR) are not rounded: the record fails naming the field.
 */
export function medusaToMoney(amount: number | null | undefined, currencyCode: string, field: string,
  raw?: { value?: string | number | null } | null): Money {
  const currency = currencyCode.toUpperCase();
  const value = raw?.value ?? amount;
  if (value === null || value === undefined) throw new MappingError(field, `${field} is missing`);
  try {
    currencyExponent(currency);
    return moneyFromDecimal(typeof value === "number" ? value : String(value), currency);
  } catch (error) {
    throw new MappingError(field, `${field} ${String(value)} ${currency}: ${(error as Error).message}`);
  }
}

/**
 * Canonical minor units → Medusa's major-unit amount. `Number("19.99")` serialises back to `19.99`
 * in JSON (shortest round-trip form), so the decimal Medusa receives is exactly the canonical one.
 */
export function moneyToMedusa(money: Money): { amount: number; currency_code: string } {
  const amount = Number(moneyToDecimal(money));
  if (!Number.isFinite(amount) || moneyToDecimal(medusaToMoneyExact(amount, money.currency)) !== moneyToDecimal(money)) {
    throw new RangeError(`${money.amount} ${money.currency} cannot be sent as an exact decimal number`);
  }
  return { amount, currency_code: money.currency.toLowerCase() };
}

function medusaToMoneyExact(amount: number, currency: string): Money {
  return moneyFromDecimal(String(amount), currency);
}
