import { canonicalKeySchema, moneyFromDecimal, moneyToDecimal, type Money } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/**
 * HubSpot datetime property values are ms-epoch strings or ISO strings; canonical is ISO.
 * https://developers.hubspot.com/docs/guides/api/crm/properties#date-and-datetime-properties
 */
export function toIso(value: string | null | undefined): string | undefined {
  if (value == null || value === "") return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** A decimal property in a currency → integer minor units; names the field when it does not fit. */
export function toMoney(value: string | null | undefined, currency: string, field: string): Money | undefined {
  if (value == null || value === "") return undefined;
  try {
    return moneyFromDecimal(value, currency);
  } catch (error) {
    throw new MappingError(field, error instanceof Error ? error.message : `not an amount in ${currency}`);
  }
}

/** Minor units → the decimal string HubSpot number properties take. */
export function toDecimal(money: Money): string {
  return moneyToDecimal(money);
}

/** A number property (quantity, counts); names the field when it is not a finite number. */
export function toNumber(value: string | null | undefined, field: string): number | undefined {
  if (value == null || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new MappingError(field, `is not a number: ${JSON.stringify(value.slice(0, 40))}`);
  return number;
}

/** True when `value` is usable as a canonical key as is. */
export function isKey(value: string | null | undefined): value is string {
  return value != null && canonicalKeySchema.safeParse(value).success;
}

/** Lower-case URL-ish slug of a name (list names → segment keys). */
export function slug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 128);
}

/** HubSpot's `hs_language` (`de`, `de-de`, `pt_BR`) → BCP 47 (`de`, `de-DE`, `pt-BR`); undefined when unusable. */
export function toLocale(value: string | null | undefined): string | undefined {
  const match = value ? /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(value.trim()) : null;
  if (!match) return undefined;
  return match[2] ? `${match[1]!.toLowerCase()}-${match[2].toUpperCase()}` : match[1]!.toLowerCase();
}
