import { MappingError } from "@omnibridge/connector-kit";
import type { ProductInput } from "@omnibridge/core-model";
import type { AkeneoProduct, AkeneoProductModel, AkeneoValues } from "../akeneo-api";
import { identifierCode, RESERVED_CODES, type AkeneoMappingContext } from "./akeneo-context";
import { attributesOf, contentOf, isoTime, measure, plainText } from "./to-content";

/** The product's identifier (SKU): the identifier attribute's value; UUID endpoints may return none. */
export function skuOf(product: AkeneoProduct, ctx: AkeneoMappingContext): string {
  const identifier = plainText(product.values ?? {}, identifierCode(ctx), ctx) ?? (typeof product.identifier === "string" ? product.identifier : null);
  // Since Nov 2022 the identifier is optional (from-identifiers-to-uuid-7x): such a product has no canonical key.
  if (!identifier) throw new MappingError("key", `product ${product.uuid} has no identifier (${identifierCode(ctx)})`);
  return identifier;
}

/** A simple product (no parent) → canonical Product without variants. */
export function toSimpleProduct(product: AkeneoProduct, ctx: AkeneoMappingContext): ProductInput {
  const values: AkeneoValues = product.values ?? {};
  const key = skuOf(product, ctx);
  return {
    key,
    externalIds: { [ctx.system]: product.uuid },
    updatedAt: isoTime(product.updated, "updatedAt"),
    createdAt: product.created ? isoTime(product.created, "createdAt") : null,
    ...contentOf(key, values, ctx),
    gtin: plainText(values, RESERVED_CODES.gtin, ctx),
    status: product.enabled === false ? "inactive" : "active",
    family: product.family ?? null,
    categoryKeys: product.categories ?? [],
    attributes: attributesOf(values, ctx),
    weight: measure(values, RESERVED_CODES.weight, ctx),
  };
}

/** Variant axes and variant-level attribute codes of a model's family variant. */
function variantSetOf(model: AkeneoProductModel, ctx: AkeneoMappingContext): { axes: string[]; codes: Set<string> | undefined } {
  const familyVariant = model.family_variant ? ctx.familyVariants.get(model.family_variant) : undefined;
  if (!familyVariant) throw new MappingError("variantAxes", `unknown family variant ${JSON.stringify(model.family_variant)}`);
  const sets = [...familyVariant.variant_attribute_sets].sort((a, b) => a.level - b.level);
  const axes = sets.flatMap((set) => set.axes);
  const codes = new Set(sets.flatMap((set) => [...set.axes, ...(set.attributes ?? [])]));
  return { axes, codes };
}

/** A product model and its variant products → one canonical Product with `variants`. */
export function toModelProduct(model: AkeneoProductModel, variants: readonly AkeneoProduct[], ctx: AkeneoMappingContext): ProductInput {
  const values: AkeneoValues = model.values ?? {};
  const { axes, codes } = variantSetOf(model, ctx);
  const updated = [model.updated, ...variants.map((v) => v.updated)].map((t, i) => isoTime(t, i === 0 ? "updatedAt" : `variants.${i - 1}.updatedAt`));
  const mapped = [...variants].sort((a, b) => a.uuid.localeCompare(b.uuid)).map((variant, i) => {
    try {
      return toVariant(variant, axes, codes, ctx);
    } catch (error) {
      if (error instanceof MappingError) throw new MappingError(`variants.${i}.${error.field}`, error.message);
      throw error;
    }
  });
  return {
    key: model.code,
    externalIds: { [ctx.system]: model.code },
    updatedAt: updated.reduce((a, b) => (a > b ? a : b)),
    createdAt: model.created ? isoTime(model.created, "createdAt") : null,
    ...contentOf(model.code, values, ctx),
    gtin: null,
    status: variants.some((v) => v.enabled !== false) ? "active" : "inactive",
    family: model.family ?? null,
    categoryKeys: model.categories ?? [],
    attributes: attributesOf(values, ctx),
    weight: measure(values, RESERVED_CODES.weight, ctx),
    variantAxes: axes,
    variants: mapped.sort((a, b) => a.sku.localeCompare(b.sku)),
  };
}

function toVariant(variant: AkeneoProduct, axes: readonly string[], codes: ReadonlySet<string> | undefined, ctx: AkeneoMappingContext) {
  const values: AkeneoValues = variant.values ?? {};
  const attributes = attributesOf(values, ctx, codes);
  const optionValues: Record<string, string> = {};
  for (const axis of axes) {
    const value = attributes[axis]?.[0];
    if (!value) throw new MappingError(`attributes.${axis}`, `variant ${variant.uuid} has no value for axis ${axis}`);
    optionValues[axis] = String(value.value);
  }
  return {
    sku: skuOf(variant, ctx),
    gtin: plainText(values, RESERVED_CODES.gtin, ctx),
    optionValues,
    attributes,
    weight: measure(values, RESERVED_CODES.weight, ctx),
    status: variant.enabled === false ? ("inactive" as const) : ("active" as const),
    externalIds: { [ctx.system]: variant.uuid },
  };
}
