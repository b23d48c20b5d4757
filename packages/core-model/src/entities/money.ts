import { z } from "zod";

/**
 * ISO 4217 active codes with their minor-unit exponent (default 2). Codes with another
 * exponent are listed explicitly.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0, BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};
const TWO_DIGIT =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
  "CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF " +
  "IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR " +
  "MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD " +
  "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UZS VES WST XCD YER ZAR ZMW ZWG";
for (const code of TWO_DIGIT.split(" ")) EXPONENTS[code] ??= 2;

/** True when `code` is an active ISO 4217 currency code. */
export function isCurrencyCode(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code);
}

/** Number of minor-unit digits of a currency (EUR 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  const exponent = Object.hasOwn(EXPONENTS, code) ? EXPONENTS[code] : undefined;
  if (exponent === undefined) throw new RangeError(`unknown ISO 4217 currency code ${JSON.stringify(code)}`);
  return exponent;
}

/** ISO 4217 currency code. */
export const currencySchema = z.string().refine(isCurrencyCode, "must be an ISO 4217 currency code");

/** Money as integer minor units plus currency: `{ amount: 1999, currency: "EUR" }` is €19.99. */
export const moneySchema = z.object({
  amount: z.int().refine(Number.isSafeInteger, "must be a safe integer of minor units"),
  currency: currencySchema,
});
/** Money as integer minor units plus an ISO 4217 currency code. */
export type Money = z.infer<typeof moneySchema>;

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

/** Sum of money values in one currency. */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

/** Difference `a - b` of money values in one currency. */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** Money times an integer quantity. */
export function multiplyMoney(a: Money, quantity: number): Money {
  if (!Number.isInteger(quantity)) throw new RangeError("quantity must be an integer");
  return { amount: a.amount * quantity, currency: a.currency };
}

/**
 * Split money into parts proportional to `weights` without losing a minor unit: the parts
 * always sum to the original amount (largest-remainder method).
 */
export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0 || weights.some((w) => !(w >= 0 && w < Infinity)) || weights.every((w) => w === 0)) {
    throw new RangeError("weights must be finite, non-negative and not all zero");
  }
  if (!Number.isSafeInteger(total.amount)) throw new RangeError("amount must be a safe integer of minor units");
  // Scale by the largest weight first so huge weights cannot overflow to Infinity (NaN shares).
  const max = Math.max(...weights);
  const scaled = weights.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  const raw = scaled.map((w) => (w === 0 ? 0 : (total.amount * w) / sum));
  const parts = raw.map((r) => Math.trunc(r));
  let rest = total.amount - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = Math.sign(rest);
  for (let k = 0; rest !== 0; k = (k + 1) % order.length) {
    parts[order[k]!.i]! += step;
    rest -= step;
  }
  return parts.map((amount) => ({ amount, currency: total.currency }));
}

/**
 * Parse a decimal amount ("19.99", 19.99) into minor units, exactly: no binary floating
 * point drift. Throws when the value has more decimals than the currency allows.
 */
export function moneyFromDecimal(value: string | number, currency: string): Money {
  const exponent = currencyExponent(currency);
  const text = typeof value === "number" ? numberToPlainString(value, exponent) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ""] = match;
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > exponent) throw new RangeError(`${text} has more than ${exponent} decimals for ${currency}`);
  const amount = Number(`${whole}${fraction.padEnd(exponent, "0").slice(0, exponent)}`) * (sign ? -1 : 1);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${text} ${currency} exceeds the safe integer range`);
  return { amount: amount === 0 ? 0 : amount, currency };
}

function numberToPlainString(value: number, exponent: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  // Floats such as 0.1 + 0.2 carry representation noise: round that away, but reject a number
  // that really has more decimals than the currency allows (19.999 EUR).
  const scaled = value * 10 ** exponent;
  const noise = Math.max(1e-6, Math.abs(scaled) * 8 * Number.EPSILON);
  if (Math.abs(scaled - Math.round(scaled)) > noise) throw new RangeError(`${value} has more than ${exponent} decimals`);
  return value.toFixed(exponent);
}

/** Render minor units as a decimal string ("19.99"). */
export function moneyToDecimal(money: Money): string {
  const exponent = currencyExponent(money.currency);
  if (!Number.isSafeInteger(money.amount)) throw new RangeError("amount must be a safe integer of minor units");
  const negative = money.amount < 0;
  const digits = Math.abs(money.amount).toString().padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
