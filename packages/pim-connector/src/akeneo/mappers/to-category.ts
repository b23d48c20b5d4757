import { MappingError } from "@omnibridge/connector-kit";
import type { EntityInputOf } from "@omnibridge/core-model";
import type { AkeneoAttribute, AkeneoAttributeOption, AkeneoCategory } from "../akeneo-api";
import type { AkeneoMappingContext } from "./akeneo-context";
import { isoTime } from "./to-content";

/** Akeneo `labels` (`{en_US: "Shoes"}`) → canonical localized text; empty labels are dropped. */
export function labelsOf(
  labels: Record<string, string | null> | null | undefined, field: string, ctx: AkeneoMappingContext,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, text] of Object.entries(labels ?? {})) {
    if (text === null || text === "") continue;
    const locale = ctx.locales.toCanonical(code);
    if (!locale) throw new MappingError(`${field}.${code}`, `unknown locale ${JSON.stringify(code)}`);
    out[locale] = text;
  }
  return out;
}

/**
 * Category → canonical node; the tree is `parent` (null for a tree root).
 * https://api.akeneo.com/concepts/catalogs.html#category
 */
export function toCategory(category: AkeneoCategory, ctx: AkeneoMappingContext): EntityInputOf<"category"> {
  return {
    key: category.code,
    externalIds: { [ctx.system]: category.code },
    updatedAt: isoTime(category.updated, "updatedAt"),
    parentKey: category.parent ?? null,
    name: labelsOf(category.labels, "name", ctx),
    position: Math.max(0, (category.position ?? 1) - 1),
  };
}

const TYPES: Record<string, EntityInputOf<"attribute">["type"]> = {
  pim_catalog_text: "text", pim_catalog_textarea: "text", pim_catalog_number: "number", pim_catalog_boolean: "boolean",
  pim_catalog_simpleselect: "select", pim_catalog_multiselect: "multiselect", pim_catalog_metric: "measure",
  pim_catalog_date: "date", pim_catalog_price_collection: "price",
};

/** True when the attribute type has a canonical counterpart (media and identifier attributes do not). */
export function isCanonicalAttributeType(type: string): boolean {
  return type in TYPES;
}

/**
 * Attribute (+ its options for select types) → canonical attribute definition.
 * https://api.akeneo.com/concepts/catalog-structure.html#attribute
 */
export function toAttribute(attribute: AkeneoAttribute, options: readonly AkeneoAttributeOption[], ctx: AkeneoMappingContext, fallbackUpdated: string): EntityInputOf<"attribute"> {
  const type = TYPES[attribute.type];
  if (!type) throw new MappingError("type", `attribute type ${attribute.type} has no canonical counterpart`);
  return {
    key: attribute.code,
    externalIds: { [ctx.system]: attribute.code },
    updatedAt: attribute.updated ? isoTime(attribute.updated, "updatedAt") : fallbackUpdated,
    type,
    label: labelsOf(attribute.labels, "label", ctx),
    localizable: attribute.localizable ?? false,
    scopable: attribute.scopable ?? false,
    options: [...options].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0)).map((o, i) => ({ code: o.code, label: labelsOf(o.labels, `options.${i}.label`, ctx) })),
    unit: attribute.default_metric_unit ?? null,
  };
}
