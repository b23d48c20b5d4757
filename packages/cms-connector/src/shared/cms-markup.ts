import { sanitizePlainText, sanitizeRichText, type RecordIssue, type SanitizedMarkup } from "@omnibridge/core-model";

/**
 * Renders canonical text for a CMS that stores and serves it as HTML (WordPress stores an
 * administrator's markup unfiltered; Contentful hands it to the site as is). Canonical records are
 * already sanitised by the core-model schema; this second pass guards records that bypassed it
 * and applies the stricter policy for places that should hold no markup at all (titles). Every
 * field it changes becomes a `warning` issue naming record and field; the record is still written.
 */
export interface CmsMarkup {
  /** Rich text (body, description): allowlisted markup and http, https, mailto or relative URLs only. */
  rich(field: string, html: string): string;
  /** Text a CMS renders as HTML but that should carry none (titles, excerpts built from a body). */
  plain(field: string, text: string): string;
  /** Warnings collected so far, one per field changed. */
  readonly warnings: RecordIssue[];
}

/** A renderer for one record, collecting its warnings. */
export function cmsMarkup(recordKey: string): CmsMarkup {
  const warnings: RecordIssue[] = [];
  const collect = (field: string, result: SanitizedMarkup): string => {
    if (result.removed.length > 0) {
      warnings.push({ recordKey, field, reason: "invalid", severity: "warning", message: `removed markup the CMS must not store (${result.removed.join(", ")})` });
    }
    return result.value;
  };
  return {
    rich: (field, html) => collect(field, sanitizeRichText(html)),
    plain: (field, text) => collect(field, sanitizePlainText(text)),
    warnings,
  };
}

/**
 * Plain text of rich text, whitespace collapsed and cut at a word boundary (an excerpt derived from a
 * body: removing its tags is the point, so no warning). The result stays HTML-safe: markup removed,
 * `&` `<` `>` kept escaped, never cut inside an entity.
 */
export function plainExcerpt(html: string, max = 300): string {
  const spaced = html.replace(/<\/?(?:p|br|li|h[1-6]|div|td|th)\b[^>]*>/gi, " ");
  const plain = sanitizePlainText(spaced).value.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40)).replace(/&[#a-zA-Z0-9]*$/, "")}…`;
}
