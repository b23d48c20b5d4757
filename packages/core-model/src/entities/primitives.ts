import { z } from "zod";
import { hasExecutableMarkup, sanitizeRichText } from "./rich-text";

/**
 * BCP 47 language tag in canonical case (`en`, `de-DE`, `zh-Hant-TW`, `es-419`).
 * Vendors that use other spellings (Akeneo's `en_US`) convert in their mappers.
 */
export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/, "must be a BCP 47 language tag such as en or de-DE");
/** A BCP 47 language tag. */
export type Locale = z.infer<typeof localeSchema>;

/** ISO 8601 timestamp with offset, as produced by `Date.prototype.toISOString`. */
export const timestampSchema = z.iso.datetime({ offset: true });
/** ISO 8601 calendar date (`2026-11-23`). */
export const dateSchema = z.iso.date();

/** Identifier of a connected system instance, e.g. `odoo`, `akeneo`, `hubspot`, `wordpress`. */
export const systemIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "must be a lower-case system id");
/** Identifier of a connected system instance. */
export type SystemId = z.infer<typeof systemIdSchema>;

/** The canonical key of a record: stable across systems (SKU, customer number, our own id). */
export const canonicalKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[\p{L}\p{N}._:@\/-]+$/u, "may only contain letters, digits and . _ : @ / -");

/** External ids per system: `{ odoo: "42", akeneo: "0d6f..." }`. */
export const externalIdsSchema = z.record(systemIdSchema, z.string().min(1));
/** External ids per system. */
export type ExternalIds = z.infer<typeof externalIdsSchema>;

export {
  sanitizeMarkup, sanitizeRichText, sanitizePlainText, hasExecutableMarkup, findUnsafeMarkup, markupWarnings,
  type MarkupPolicy, type SanitizedMarkup, type MarkupFinding,
} from "./rich-text";

/**
 * Plain or rich text that never carries executable content. Markup is reduced to an allowlist
 * (see `sanitizeRichText`): scripts, frames, forms, `meta`/`base`, styles, inline handlers and
 * URLs other than http, https, mailto or relative are removed — not rejected, so a record with a
 * dangerous description still flows, cleaned (`markupWarnings` gives the `warning` issues that
 * name record and field). Text without markup is kept exactly. The old blocklist stays as an independent
 * check on what survives the allowlist; it rejects (naming the field) only if the allowlist regressed.
 */
export function safeText(max: number) {
  const tooLong = `must be at most ${max} characters`;
  return z
    .string()
    .max(max, { error: tooLong, abort: true }) // never parse an oversize value
    .overwrite((value) => sanitizeRichText(value).value)
    .max(max, tooLong)
    .refine((value) => !hasExecutableMarkup(value), "must not contain script tags, inline event handlers or javascript: URLs");
}

/** Text per locale: `{ "en": "Chair", "de-DE": "Stuhl" }`. */
export function localizedTextSchema(max = 65_535) {
  return z.record(localeSchema, safeText(max));
}
/** Text per locale. */
export type LocalizedText = Record<Locale, string>;

/** A quantity with a unit (`{ value: 12.5, unit: "KILOGRAM" }`). */
export const measureSchema = z.object({
  value: z.number().finite(),
  unit: z.string().min(1).max(40),
});
/** A quantity with a unit. */
export type Measure = z.infer<typeof measureSchema>;

/** Fields every canonical record carries. */
export const recordBaseShape = {
  /** Canonical key, stable across systems. */
  key: canonicalKeySchema,
  /** The record's id in each system that holds it. */
  externalIds: externalIdsSchema.default({}),
  /** When the record last changed in the system it was read from. */
  updatedAt: timestampSchema,
};

/** A reference to another canonical record by its key. */
export const refSchema = canonicalKeySchema;
