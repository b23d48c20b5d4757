import type { ContentfulFieldDefinition, ContentfulSpaceState, LocalizedFields, StoredContentType } from "./contentful-emulator-state";
import { defaultLocale } from "./contentful-emulator-state";

/** One entry of `details.errors` in a 422. */
export interface ContentfulValidationError {
  name: string;
  path: Array<string>;
  details: string;
  value?: unknown;
  max?: number;
}

function typeOk(field: ContentfulFieldDefinition, value: unknown): boolean {
  switch (field.type) {
    case "Symbol": return typeof value === "string" && value.length <= 256;
    case "Text": return typeof value === "string" && value.length <= 50_000;
    case "Integer": return Number.isInteger(value);
    case "Number": return typeof value === "number" && Number.isFinite(value);
    case "Boolean": return typeof value === "boolean";
    case "Date": return typeof value === "string" && !Number.isNaN(Date.parse(value));
    case "Object": return typeof value === "object" && value !== null && !Array.isArray(value);
    case "Array": return Array.isArray(value) && value.every((item) => typeof item === "string" && item.length <= 256);
  }
}

/**
 * Checks made on save (PUT): unknown fields, unknown locales, localized values on a
 * non-localized field, and value types. Contentful answers 422 `InvalidEntry`.
 */
export function validateOnSave(state: ContentfulSpaceState, type: StoredContentType, fields: LocalizedFields): ContentfulValidationError[] {
  const errors: ContentfulValidationError[] = [];
  const codes = new Set(state.locales.map((locale) => locale.code));
  const main = defaultLocale(state);
  for (const [id, values] of Object.entries(fields)) {
    const field = type.fields.find((candidate) => candidate.id === id);
    if (!field) {
      errors.push({ name: "unknown", path: ["fields", id], details: "The property \"" + id + "\" is not allowed here." });
      continue;
    }
    for (const [locale, value] of Object.entries(values ?? {})) {
      if (!codes.has(locale) || (!field.localized && locale !== main)) errors.push({ name: "unknown", path: ["fields", id, locale], details: `Locale ${locale} is not allowed here.` });
      else if (value !== null && !typeOk(field, value)) errors.push({ name: "type", path: ["fields", id, locale], details: `The type of "${id}" is incorrect, expected type: ${field.type}`, value });
    }
  }
  return errors;
}

/** Checks made on publish: required fields in the default locale, `size` and `regexp` validations. 422 `ValidationFailed`. */
export function validateOnPublish(
  state: ContentfulSpaceState,
  type: StoredContentType,
  fields: LocalizedFields,
): ContentfulValidationError[] {
  const errors: ContentfulValidationError[] = [];
  const main = defaultLocale(state);
  for (const field of type.fields) {
    const values = fields[field.id] ?? {};
    if (field.required && (values[main] === undefined || values[main] === null || values[main] === "")) {
      errors.push({ name: "required", path: ["fields", field.id, main], details: "Required field is missing" });
    }
    for (const [locale, value] of Object.entries(values)) {
      for (const validation of field.validations ?? []) {
        const length = typeof value === "string" || Array.isArray(value) ? value.length : undefined;
        if (validation.size?.max !== undefined && length !== undefined && length > validation.size.max) {
          errors.push({ name: "size", path: ["fields", field.id, locale], details: `Size must be at most ${validation.size.max}`, value, max: validation.size.max });
        }
        if (validation.regexp && typeof value === "string" && !new RegExp(validation.regexp.pattern).test(value)) {
          errors.push({ name: "regexp", path: ["fields", field.id, locale], details: "Does not match the expected format", value });
        }
      }
    }
  }
  return errors;
}
