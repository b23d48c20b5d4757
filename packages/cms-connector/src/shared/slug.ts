/** A URL slug from any text (`Oak Desk 120` → `oak-desk-120`), never empty. */
export function slugify(text: string, fallback = "entry"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 180)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** Text of a localized value in `locale`, else its first value, else undefined. */
export function pickLocale(values: Record<string, string> | null | undefined, locale: string): string | undefined {
  if (!values) return undefined;
  return values[locale] ?? Object.values(values)[0];
}
