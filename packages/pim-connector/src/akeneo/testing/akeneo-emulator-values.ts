import type { AkeneoValue, AkeneoValues } from "../akeneo-api";
import type { AkeneoState } from "./akeneo-emulator-state";

/** One validation error as Akeneo lists it in a 422 (`errors[]`). */
export interface ValueError {
  property: string;
  message: string;
  attribute?: string;
  locale?: string | null;
  scope?: string | null;
}

/** Channels, locales and currencies enabled in the PIM. */
export interface Settings {
  channels: Set<string>;
  locales: Set<string>;
  currencies: Set<string>;
}

const numeric = (v: unknown) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v));

function checkData(type: string, data: unknown, code: string, state: AkeneoState, settings: Settings): string | undefined {
  const options = () => new Set((state.options.get(code) ?? []).map((o) => o.code));
  switch (type) {
    case "pim_catalog_identifier": return typeof data === "string" && data.length > 0 && data.length <= 255 ? undefined : "This value should be a non-empty string.";
    case "pim_catalog_text": return typeof data === "string" && data.length <= 255 ? undefined : "This value is too long. It should have 255 characters or less.";
    case "pim_catalog_textarea": return typeof data === "string" && data.length <= 65_535 ? undefined : "This value is too long. It should have 65535 characters or less.";
    case "pim_catalog_number": return numeric(data) ? undefined : "This value should be a valid number.";
    case "pim_catalog_boolean": return typeof data === "boolean" ? undefined : "This value should be a boolean.";
    case "pim_catalog_simpleselect": return typeof data === "string" && options().has(data) ? undefined : `The ${String(data)} value is not in the ${code} attribute option list.`;
    case "pim_catalog_multiselect": return Array.isArray(data) && data.every((d) => options().has(d)) ? undefined : `One or more values are not in the ${code} attribute option list.`;
    case "pim_catalog_metric": {
      const m = data as { amount?: unknown; unit?: unknown } | null;
      return m && typeof m === "object" && numeric(m.amount) && typeof m.unit === "string" ? undefined : "This value should be a metric {amount, unit}.";
    }
    case "pim_catalog_date": return typeof data === "string" && /^\d{4}-\d{2}-\d{2}/.test(data) ? undefined : "This value is not a valid date.";
    case "pim_catalog_price_collection":
      if (!Array.isArray(data)) return "This value should be a price collection.";
      for (const price of data as Array<{ amount?: unknown; currency?: unknown }>) {
        if (!settings.currencies.has(String(price?.currency))) return `The currency "${String(price?.currency)}" is not activated.`;
        if (price.amount !== null && !numeric(price.amount)) return "This value should be a valid number.";
      }
      return undefined;
    default: return typeof data === "string" ? undefined : "This value is not valid.";
  }
}

/** Validate incoming values against attribute types, option lists, locales and channels. */
export function validateValues(values: AkeneoValues, state: AkeneoState, settings: Settings): ValueError[] {
  const errors: ValueError[] = [];
  for (const [code, list] of Object.entries(values)) {
    const attribute = state.attributes.get(code)?.body;
    if (!attribute) {
      errors.push({ property: "values", message: `The ${code} attribute does not exist.`, attribute: code });
      continue;
    }
    for (const value of list) {
      const base = { property: "values", attribute: code, locale: value.locale ?? null, scope: value.scope ?? null };
      if (attribute.localizable ? !settings.locales.has(String(value.locale)) : value.locale != null) {
        errors.push({ ...base, message: attribute.localizable ? `Attribute "${code}" expects an existing and activated locale, "${String(value.locale)}" given.` : `Attribute "${code}" does not expect a locale, "${String(value.locale)}" given.` });
        continue;
      }
      if (attribute.scopable ? !settings.channels.has(String(value.scope)) : value.scope != null) {
        errors.push({ ...base, message: attribute.scopable ? `Attribute "${code}" expects an existing scope, "${String(value.scope)}" given.` : `Attribute "${code}" does not expect a scope, "${String(value.scope)}" given.` });
        continue;
      }
      if (value.data === null) continue;
      const problem = checkData(String(attribute.type), value.data, code, state, settings);
      if (problem) errors.push({ ...base, message: problem });
    }
  }
  return errors;
}

/** PATCH semantics for values: merged per (attribute, locale, scope); `data: null` erases (update.md). */
export function mergeValues(current: AkeneoValues, incoming: AkeneoValues): AkeneoValues {
  const out: AkeneoValues = { ...current };
  for (const [code, list] of Object.entries(incoming)) {
    const merged: AkeneoValue[] = [...(out[code] ?? [])];
    for (const value of list) {
      const at = merged.findIndex((v) => (v.locale ?? null) === (value.locale ?? null) && (v.scope ?? null) === (value.scope ?? null));
      const clean = { locale: value.locale ?? null, scope: value.scope ?? null, data: value.data };
      if (at >= 0) merged.splice(at, 1);
      if (value.data !== null && value.data !== undefined) merged.push(clean);
    }
    if (merged.length) out[code] = merged;
    else delete out[code];
  }
  return out;
}
