import { currencyExponent, isCurrencyCode, moneyFromDecimal, type Money } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/** Odoo UTC "YYYY-MM-DD HH:MM:SS" → ISO 8601 with Z (Odoo datetimes are naive UTC). */
export function isoFromOdoo(stamp: string): string {
  return `${stamp.slice(0, 19).replace(" ", "T")}.000Z`;
}

/** ISO 8601 → Odoo UTC datetime string. */
export function odooFromIso(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

/** The later of Odoo datetimes (string order is time order for this format). */
export function latest(...stamps: Array<string | null | undefined>): string {
  return stamps.reduce<string>((a, b) => (b && b > a ? b : a), "");
}

/** Key of a record without an external id: `odoo-<model>-<id>`. */
export function fallbackKey(model: string, id: number): string {
  return `odoo-${model}-${id}`;
}

/** ISO code of a `currency_id` many2one (res.currency's display name is its code). */
export function currencyOf(currency: { name: string } | null, field: string): string {
  if (!currency || !isCurrencyCode(currency.name)) throw new MappingError(field, `has no ISO 4217 currency (${JSON.stringify(currency?.name ?? false)})`);
  return currency.name;
}

/** Exact money from an Odoo float (core-model `moneyFromDecimal`); more decimals than the currency has is an error. */
export function moneyOf(value: number, currency: string, field: string): Money {
  try {
    return moneyFromDecimal(value, currency);
  } catch (error) {
    throw new MappingError(field, `is not an exact ${currency} amount: ${(error as Error).message}`);
  }
}

/**
 * Round a computed price to the currency's minor unit the way Odoo's `float_round` does:
 * half away from zero, after nudging by one ulp-scaled epsilon so 1.005 rounds to 1.01.
 */
export function roundToMinor(value: number, currency: string): Money {
  const amount = roundHalfUp(value * 10 ** currencyExponent(currency));
  return { amount: amount === 0 ? 0 : amount, currency };
}

/** `float_round(value, precision_rounding=rounding)` (odoo/tools/float_utils.py): half away from zero, epsilon-corrected. */
export function floatRound(value: number, rounding: number): number {
  return roundHalfUp(value / rounding) * rounding;
}

function roundHalfUp(normalized: number): number {
  if (normalized === 0) return 0;
  const epsilon = 2 ** (Math.log2(Math.abs(normalized)) - 52);
  const nudged = normalized + Math.sign(normalized) * epsilon;
  return Math.sign(nudged) * Math.round(Math.abs(nudged));
}

/** Odoo lang code → BCP 47 (`de_DE` → `de-DE`, `en_US` → `en-US`); null when not mappable. */
export function localeFromLang(lang: string | null): string | null {
  if (!lang) return null;
  const match = /^([a-z]{2,3})(?:_([A-Z]{2}))?(?:@.*)?$/.exec(lang);
  return match ? (match[2] ? `${match[1]}-${match[2]}` : match[1]!) : null;
}
