import { currencyExponent, type Money } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/**
 * A Shopware decimal amount (a JSON number: `19.99`) → integer minor units of `currency`. Floats
 * that stand for an exact amount (`19.99` is 1998.9999… cents) round to it; a value with more
 * digits than the currency has (`19.999` EUR), NaN or Infinity is a MappingError naming `field`,
 * never a silently rounded amount. `round: true` is for amounts Shopware computed itself (the net
 * side of a linked price, `252.94117647058826`): they are rounded half away from zero.
 */
export function toMinorUnits(value: number, currency: string, field: string, options: { round?: boolean } = {}): Money {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new MappingError(field, `is not a finite amount (${String(value)})`);
  const exponent = currencyExponent(currency);
  const scaled = value * 10 ** exponent;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  if (!options.round && Math.abs(scaled - rounded) > Math.max(1e-6, Math.abs(scaled) * 1e-12)) {
    throw new MappingError(field, `has more decimals than ${currency} allows (${value}; ${exponent} digits)`);
  }
  if (!Number.isSafeInteger(rounded)) throw new MappingError(field, `is out of range (${value})`);
  return { amount: rounded === 0 ? 0 : rounded, currency };
}

/** Integer minor units → the decimal number Shopware expects (`1999` EUR → `19.99`). */
export function toDecimal(money: Money): number {
  const exponent = currencyExponent(money.currency);
  return Number((money.amount / 10 ** exponent).toFixed(exponent));
}

/**
 * The other side of a price given one side and the tax rate in percent, rounded to the currency:
 * net = gross / (1 + rate/100), gross = net × (1 + rate/100). Integer arithmetic on minor units.
 */
export function otherSide(amount: Money, from: "gross" | "net", taxRatePercent: number): Money {
  const factor = 1 + taxRatePercent / 100;
  const value = from === "gross" ? amount.amount / factor : amount.amount * factor;
  return { amount: Math.round(value), currency: amount.currency };
}
