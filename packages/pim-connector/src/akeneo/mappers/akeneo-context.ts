import type { AkeneoAttribute, AkeneoFamily, AkeneoFamilyVariant } from "../akeneo-api";
import type { LocaleMapper } from "../akeneo-locales";

/** What mappers need to know about the PIM's schema; built once per read or write. */
export interface AkeneoMappingContext {
  /** System id for `externalIds`. */
  system: string;
  /** Channel (scope) whose scopable values map to canonical fields. */
  channel: string;
  locales: LocaleMapper;
  /** Attribute definitions by code (types drive value conversion). */
  attributes: ReadonlyMap<string, AkeneoAttribute>;
  /** Family variants by code (axes of product models). */
  familyVariants: ReadonlyMap<string, AkeneoFamilyVariant>;
  /** Families by code (label and image attribute, requirements). Absent in older contexts: `name` labels everything. */
  families?: ReadonlyMap<string, AkeneoFamily>;
  /** Base URL, for media download links missing from a payload. */
  baseUrl: string;
}

/**
 * Akeneo attribute codes that map to first-class canonical fields instead of `attributes`.
 * Akeneo has no fixed product fields beyond `enabled`, `family`, `categories`, `parent`
 * (https://api.akeneo.com/concepts/products.html), so these codes are our catalogue convention.
 */
export const RESERVED_CODES = {
  identifier: "sku",
  name: "name",
  description: "description",
  brand: "brand",
  gtin: "ean",
  weight: "weight",
} as const;

/** Image attributes that become canonical assets: `image` (main) and `gallery_<n>`. */
export const IMAGE_CODE = /^(image|gallery_\d+)$/;

const reserved = new Set<string>(Object.values(RESERVED_CODES));

/** True for codes mapped to canonical fields (or assets) rather than `attributes`. */
export function isReservedCode(code: string, ctx: AkeneoMappingContext): boolean {
  return reserved.has(code) || IMAGE_CODE.test(code) || ctx.attributes.get(code)?.type === "pim_catalog_identifier";
}

/**
 * The attribute a family labels its products with (`attribute_as_label`: a text attribute or the
 * identifier; https://api.akeneo.com/api-reference.html#get_families). `name` when the product
 * has no family or the family is unknown.
 */
export function labelCodeOf(family: string | null | undefined, ctx: AkeneoMappingContext): string {
  return (family ? ctx.families?.get(family)?.attribute_as_label : undefined) || RESERVED_CODES.name;
}

/** The family's main image attribute (`attribute_as_image`), if any. */
export function imageCodeOf(family: string | null | undefined, ctx: AkeneoMappingContext): string | undefined {
  return (family ? ctx.families?.get(family)?.attribute_as_image : undefined) ?? undefined;
}

/** The code of the identifier attribute (`pim_catalog_identifier`), `sku` by default. */
export function identifierCode(ctx: AkeneoMappingContext): string {
  // Asked for every product and variant: found once per attribute map.
  const known = identifierCodes.get(ctx.attributes);
  if (known) return known;
  let code: string = RESERVED_CODES.identifier;
  for (const attribute of ctx.attributes.values()) {
    if (attribute.type === "pim_catalog_identifier") {
      code = attribute.code;
      break;
    }
  }
  identifierCodes.set(ctx.attributes, code);
  return code;
}

const identifierCodes = new WeakMap<ReadonlyMap<string, AkeneoAttribute>, string>();
