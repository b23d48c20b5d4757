import { MappingError } from "@omnibridge/connector-kit";
import { moneyFromDecimal, type AttributeValue, type Money } from "@omnibridge/core-model";
import type { AkeneoAttribute, AkeneoValue } from "../akeneo-api";
import type { AkeneoMappingContext } from "./akeneo-context";

/**
 * Akeneo value data per attribute type → canonical typed value. Data shapes per type:
 * https://api.akeneo.com/concepts/products.html#the-data-format
 */
type Converter = (data: unknown, field: string, attribute: AkeneoAttribute) => Omit<AttributeValue, "locale" | "channel"> | undefined;

const asNumber = (data: unknown, field: string): number => {
  // Numbers with decimals come back as strings ("12.5000"), integers as numbers.
  const value = typeof data === "string" && data.trim() !== "" ? Number(data) : data;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new MappingError(field, `expected a number, got ${JSON.stringify(data)}`);
  return value;
};
const asString = (data: unknown, field: string): string => {
  if (typeof data !== "string") throw new MappingError(field, `expected a string, got ${typeof data}`);
  return data;
};

const CONVERTERS: Record<string, Converter> = {
  pim_catalog_text: (data, field) => ({ type: "text", value: asString(data, field) }),
  pim_catalog_textarea: (data, field) => ({ type: "text", value: asString(data, field) }),
  pim_catalog_number: (data, field) => ({ type: "number", value: asNumber(data, field) }),
  pim_catalog_boolean: (data, field) => {
    if (typeof data !== "boolean") throw new MappingError(field, "expected a boolean");
    return { type: "boolean", value: data };
  },
  pim_catalog_simpleselect: (data, field) => ({ type: "select", value: asString(data, field) }),
  pim_catalog_multiselect: (data, field) => {
    if (!Array.isArray(data)) throw new MappingError(field, "expected a list of option codes");
    return { type: "multiselect", value: data.map((code, i) => asString(code, `${field}.${i}`)) };
  },
  pim_catalog_metric: (data, field) => {
    const metric = data as { amount?: unknown; unit?: unknown } | null;
    if (!metric || typeof metric !== "object") throw new MappingError(field, "expected {amount, unit}");
    return { type: "measure", value: { value: asNumber(metric.amount, `${field}.amount`), unit: asString(metric.unit, `${field}.unit`) } };
  },
  pim_catalog_date: (data, field) => {
    const text = asString(data, field);
    if (!/^\d{4}-\d{2}-\d{2}/.test(text)) throw new MappingError(field, `expected a date, got ${JSON.stringify(text)}`);
    return { type: "date", value: text.slice(0, 10) };
  },
  pim_catalog_price_collection: (data, field) => {
    if (!Array.isArray(data)) throw new MappingError(field, "expected a list of prices");
    return { type: "price", value: data.flatMap((price, i) => toMoney(price, `${field}.${i}`)) };
  },
};

function toMoney(price: unknown, field: string): Money[] {
  const entry = price as { amount?: unknown; currency?: unknown } | null;
  if (!entry || typeof entry !== "object") throw new MappingError(field, "expected {amount, currency}");
  if (entry.amount === null || entry.amount === undefined || entry.amount === "") return [];
  const currency = asString(entry.currency, `${field}.currency`);
  try {
    return [moneyFromDecimal(typeof entry.amount === "number" ? entry.amount : asString(entry.amount, `${field}.amount`), currency)];
  } catch (error) {
    throw new MappingError(`${field}.amount`, error instanceof Error ? error.message : "invalid amount");
  }
}

/** True when Akeneo's attribute type has a canonical value type (media, identifier, reference data do not). */
export function isConvertibleType(type: string): boolean {
  return type in CONVERTERS;
}

/** Convert every value of one attribute; `null` data (an empty value) is dropped. */
export function toAttributeValues(
  code: string, values: readonly AkeneoValue[], attribute: AkeneoAttribute, ctx: AkeneoMappingContext,
): AttributeValue[] {
  const convert = CONVERTERS[attribute.type];
  if (!convert) return [];
  const out: AttributeValue[] = [];
  const prefix = `attributes.${code}.`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value.data === null || value.data === undefined) continue;
    const converted = convert(value.data, prefix + i, attribute);
    if (!converted) continue;
    const locale = value.locale ? ctx.locales.toCanonical(value.locale) : null;
    if (value.locale && !locale) throw new MappingError(`${prefix}${i}.locale`, `unknown locale ${JSON.stringify(value.locale)}`);
    // Built field by field: an object spread per value was the mapper's costliest line.
    out.push({ type: converted.type, value: converted.value, locale, channel: value.scope ?? null } as AttributeValue);
  }
  return out;
}
