import type { Completeness, ProductInput } from "@omnibridge/core-model";
import type { AkeneoAssociations } from "../akeneo-api";
import type { AkeneoMappingContext } from "./akeneo-context";

type Relation = NonNullable<ProductInput["relations"]>[number];

/**
 * Akeneo's standard association types (https://help.akeneo.com/serenity-take-the-power-over-your-products/serenity-manage-your-associations)
 * → canonical relation types. Custom association types have no canonical counterpart and are not carried.
 */
export const ASSOCIATION_TYPES: Readonly<Record<string, Relation["type"]>> = {
  X_SELL: "cross_sell",
  UPSELL: "up_sell",
  SUBSTITUTION: "replacement",
  PACK: "bundle_part",
};

/**
 * Associations → canonical relations. Product targets are uuids (UUID endpoints) or identifiers
 * (product models) resolved through `targets` to canonical product keys (a variant's key is its
 * root model's code); model targets are model codes. Unresolvable targets (deleted products,
 * `null` entries for products without identifier) are left out. Duplicates and self-links drop.
 */
export function relationsOf(
  key: string, associations: AkeneoAssociations | null | undefined, targets: ReadonlyMap<string, string> | undefined,
  _ctx: AkeneoMappingContext,
): Relation[] {
  const out: Relation[] = [];
  const seen = new Set<string>();
  for (const [code, association] of Object.entries(associations ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const type = ASSOCIATION_TYPES[code];
    if (!type) continue;
    const keys = [
      ...(association.products ?? []).map((ref) => (ref ? targets?.get(ref) : undefined)),
      ...(association.product_models ?? []).map((ref) => (ref ? targets?.get(ref) ?? ref : undefined)),
    ];
    for (const targetKey of keys) {
      if (!targetKey || targetKey === key || seen.has(`${type}:${targetKey}`)) continue;
      seen.add(`${type}:${targetKey}`);
      out.push({ type, targetKey });
    }
  }
  return out;
}

/** Association targets of products and models that need resolving (product uuids or identifiers). */
export function productTargetsOf(associations: AkeneoAssociations | null | undefined): string[] {
  return Object.entries(associations ?? {})
    .flatMap(([code, a]) => (ASSOCIATION_TYPES[code] ? (a.products ?? []).filter((r): r is string => !!r) : []));
}

/**
 * `completenesses` (`with_completenesses=true`: `{scope, locale, data}` with data a percentage)
 * → canonical completeness; entries of locales the mapper cannot express are left out.
 */
export function completenessOf(
  list: ReadonlyArray<{ scope: string; locale: string; data: number }> | null | undefined, ctx: AkeneoMappingContext,
): { completeness?: Completeness[] } {
  if (!list) return {};
  const out: Completeness[] = [];
  for (const entry of list) {
    const locale = ctx.locales.toCanonical(entry.locale);
    if (!locale || out.some((c) => c.channel === entry.scope && c.locale === locale)) continue;
    out.push({ channel: entry.scope, locale, percent: Math.max(0, Math.min(100, Math.round(entry.data))) });
  }
  return { completeness: out };
}
