import { z } from "zod";
import { currencyExponent, currencySchema, type Money } from "@omnibridge/core-model";

/** An exact non-negative decimal as a fraction of integers (`"1.0850"` → 10850 / 10000). */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parse a decimal (`"1.085"`, `0.92`, `3`) into an exact fraction, so conversions never carry
 * binary floating-point drift. Numbers go through their shortest round-trip text (`0.92` → "0.92").
 */
export function toRational(value: string | number): Rational {
  const text = typeof value === "number" ? plain(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(value)}`);
  const fraction = match[2] ?? "";
  return { numerator: BigInt(`${match[1]}${fraction}`), denominator: 10n ** BigInt(fraction.length) };
}

function plain(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative decimal: ${value}`);
  const text = String(value);
  // 1e-7 and the like: expand the exponent form into plain digits.
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** Round `numerator / denominator` to the nearest integer, halves away from zero (both bigint). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/**
 * Exchange rates into one reporting currency: `rates[code]` is how many units of the reporting
 * currency one unit of `code` buys (`{ USD: "0.92" }` with EUR reporting: 1 USD = 0.92 EUR).
 * Decimal strings are exact; numbers are accepted and read by their shortest decimal text.
 */
export const exchangeRatesSchema = z.record(
  currencySchema,
  z.union([z.string().regex(DECIMAL, "must be a non-negative decimal"), z.number().finite().positive("must be positive")]),
);
/** Exchange rates into the reporting currency, keyed by ISO 4217 code. */
export type ExchangeRates = z.infer<typeof exchangeRatesSchema>;

/**
 * Convert money into the reporting currency exactly: minor units × rate, rescaled between the two
 * currencies' exponents (JPY 0, EUR 2, KWD 3), rounded once, halves away from zero. The reporting
 * currency itself converts at 1 without a rate. Throws a RangeError naming `context` when no rate
 * is known, so the caller can report the record.
 */
export function convertMoney(money: Money, reportingCurrency: string, rates: ExchangeRates, context: string): Money {
  if (money.currency === reportingCurrency) return { amount: money.amount, currency: reportingCurrency };
  const rate = rates[money.currency];
  if (rate === undefined) throw new RangeError(`${context}: no exchange rate from ${money.currency} to ${reportingCurrency}`);
  const { numerator, denominator } = toRational(rate);
  const shift = currencyExponent(reportingCurrency) - currencyExponent(money.currency);
  const top = BigInt(money.amount) * numerator * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const bottom = denominator * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  return { amount: Number(divideRounded(top, bottom)), currency: reportingCurrency };
}
