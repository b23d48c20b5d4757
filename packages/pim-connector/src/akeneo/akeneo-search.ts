/**
 * Search filter builders. Akeneo wants different `updated` formats per resource
 * (https://api.akeneo.com/documentation/filter.html): products and product models
 * `YYYY-MM-DD hh:mm:ss` (server time zone, UTC on SaaS); attributes, families and categories
 * ISO 8601 with `>` only.
 */

/** ISO instant → `YYYY-MM-DD hh:mm:ss` (UTC), the products / product models filter format. */
export function productFilterTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

/** ISO instant → `YYYY-MM-DDThh:mm:ssZ`, the attributes / categories filter format. */
export function isoFilterTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** `search` parameter: `{"updated":[{"operator":">","value":…}]}`. */
export function updatedSince(value: string): string {
  return JSON.stringify({ updated: [{ operator: ">", value }] });
}

/** `search` parameter selecting by a property with IN (`parent`, `identifier`). */
export function inFilter(property: string, values: readonly string[]): string {
  return JSON.stringify({ [property]: [{ operator: "IN", value: values }] });
}

/** Whole second of an ISO instant, in ms. */
export function secondOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000) * 1000;
}
