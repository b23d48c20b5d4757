import { MappingError } from "@omnibridge/connector-kit";
import type { ProductInput, RecordIssue } from "@omnibridge/core-model";
import type { AkeneoProduct, AkeneoProductModel, AkeneoValues } from "../akeneo-api";
import { identifierCode, RESERVED_CODES, type AkeneoMappingContext } from "./akeneo-context";
import { completenessOf, relationsOf } from "./to-relations";
import { attributesOf, contentOf, isoTime, measure, plainText } from "./to-content";

/** What a product mapping may use besides the payload. */
export interface ProductExtras {
  /** Receives warnings about records that still flow. */
  warn?: (issue: RecordIssue) => void;
  /** Association targets (product uuid or identifier) → canonical product key. */
  targets?: ReadonlyMap<string, string>;
}

/** The product's identifier (SKU): the identifier attribute's value; UUID endpoints may return none. */
export function skuOf(product: AkeneoProduct, ctx: AkeneoMappingContext, values: AkeneoValues = product.values ?? {}): string {
  const identifier = plainText(values, identifierCode(ctx), ctx) ?? (typeof product.identifier === "string" ? product.identifier : null);
  // Since Nov 2022 the identifier is optional (from-identifiers-to-uuid-7x): such a product has no canonical key.
  if (!identifier) throw new MappingError("key", `product ${product.uuid} has no identifier (${identifierCode(ctx)})`);
  return identifier;
}

/** A simple product (no parent) → canonical Product without variants. */
export function toSimpleProduct(product: AkeneoProduct, ctx: AkeneoMappingContext, extras: ProductExtras = {}): ProductInput {
  const values: AkeneoValues = product.values ?? {};
  const key = skuOf(product, ctx);
  const enabled = product.enabled !== false;
  return {
    key,
    externalIds: { [ctx.system]: product.uuid },
    updatedAt: isoTime(product.updated, "updatedAt"),
    createdAt: product.created ? isoTime(product.created, "createdAt") : null,
    ...contentOf(key, values, ctx, { family: product.family, enabled, warn: extras.warn }),
    gtin: plainText(values, RESERVED_CODES.gtin, ctx),
    status: enabled ? "active" : "inactive",
    family: product.family ?? null,
    categoryKeys: product.categories ?? [],
    attributes: attributesOf(values, ctx, undefined, product.family),
    weight: measure(values, RESERVED_CODES.weight, ctx),
    relations: relationsOf(key, product.associations, extras.targets, ctx),
    ...completenessOf(product.completenesses, ctx),
  };
}

/** Variant axes (every level) and variant-level attribute codes of a model's family variant. */
function variantSetOf(model: AkeneoProductModel, ctx: AkeneoMappingContext): { axes: string[]; codes: Set<string>; read: string[] } {
  const familyVariant = model.family_variant ? ctx.familyVariants.get(model.family_variant) : undefined;
  if (!familyVariant) throw new MappingError("variantAxes", `unknown family variant ${JSON.stringify(model.family_variant)}`);
  const sets = [...familyVariant.variant_attribute_sets].sort((a, b) => a.level - b.level);
  const axes = sets.flatMap((set) => set.axes);
  const codes = new Set(sets.flatMap((set) => [...set.axes, ...(set.attributes ?? [])]));
  // Every code a variant's mapping reads: its level's attributes, its identifier, GTIN and weight.
  const read = [...new Set([...codes, identifierCode(ctx), RESERVED_CODES.gtin, RESERVED_CODES.weight])];
  return { axes, codes, read };
}

/**
 * Every attribute code the mapping of a variant of `model` reads, or undefined when the model's
 * family variant is unknown. A read may ask Akeneo for these values only (`attributes`): the rest is
 * inherited from the models, which the mapping has.
 */
export function variantValueCodes(model: AkeneoProductModel, ctx: AkeneoMappingContext): string[] | undefined {
  try {
    return variantSetOf(model, ctx).read;
  } catch (error) {
    if (error instanceof MappingError) return undefined;
    throw error;
  }
}

/**
 * The values a variant's mapping reads, inherited along the chain: the variant's own over its
 * sub-model's over the root's. Only the codes the mapping reads are looked up (spreading every
 * inherited value into a new object per variant was the mapper's costliest step).
 */
function chainValues(codes: readonly string[], levels: ReadonlyArray<AkeneoValues | null | undefined>): AkeneoValues {
  const out: AkeneoValues = {};
  for (const code of codes) {
    for (const level of levels) {
      if (level && Object.hasOwn(level, code)) {
        out[code] = level[code]!;
        break;
      }
    }
  }
  return out;
}

/**
 * A root product model, its sub-models (two-level family variants: root → sub-model → variant)
 * and its variant products → one canonical Product with `variants`. Values inherit along the
 * chain: a variant carries its own values over its sub-model's over the root's
 * (https://api.akeneo.com/concepts/products.html#focus-on-the-product-models).
 */
export function toModelProduct(
  model: AkeneoProductModel, subModels: readonly AkeneoProductModel[], variants: readonly AkeneoProduct[],
  ctx: AkeneoMappingContext, extras: ProductExtras = {},
): ProductInput {
  const values: AkeneoValues = model.values ?? {};
  const { axes, codes, read } = variantSetOf(model, ctx);
  const subs = new Map(subModels.map((sub) => [sub.code, sub]));
  const times = [model.updated, ...subModels.map((m) => m.updated), ...variants.map((v) => v.updated)];
  const updated = times.map((t, i) => isoTime(t, i === 0 ? "updatedAt" : "variants.updatedAt"));
  const mapped = [...variants].sort((a, b) => a.uuid.localeCompare(b.uuid)).map((variant, i) => {
    try {
      const sub = variant.parent && variant.parent !== model.code ? subs.get(variant.parent) : undefined;
      if (variant.parent && variant.parent !== model.code && !sub) throw new MappingError("parent", `sub product model ${variant.parent} of variant ${variant.uuid} was not found under ${model.code}`);
      return toVariant(variant, chainValues(read, [variant.values, sub?.values, values]), axes, codes, model.family, ctx);
    } catch (error) {
      if (error instanceof MappingError) throw new MappingError(`variants.${i}.${error.field}`, error.message);
      throw error;
    }
  });
  const enabled = variants.some((v) => v.enabled !== false);
  return {
    key: model.code,
    externalIds: { [ctx.system]: model.code },
    updatedAt: updated.reduce((a, b) => (a > b ? a : b)),
    createdAt: model.created ? isoTime(model.created, "createdAt") : null,
    ...contentOf(model.code, values, ctx, { family: model.family, enabled, warn: extras.warn }),
    gtin: null,
    status: enabled ? "active" : "inactive",
    family: model.family ?? null,
    categoryKeys: model.categories ?? [],
    attributes: attributesOf(values, ctx, undefined, model.family),
    weight: measure(values, RESERVED_CODES.weight, ctx),
    variantAxes: axes,
    variants: mapped.sort((a, b) => a.sku.localeCompare(b.sku)),
    relations: relationsOf(model.code, model.associations, extras.targets, ctx),
  };
}

function toVariant(
  variant: AkeneoProduct, values: AkeneoValues, axes: readonly string[], codes: ReadonlySet<string>, family: string | null | undefined,
  ctx: AkeneoMappingContext,
) {
  const attributes = attributesOf(values, ctx, codes, family);
  const optionValues: Record<string, string> = {};
  for (const axis of axes) {
    const value = attributes[axis]?.[0];
    if (!value) throw new MappingError(`attributes.${axis}`, `variant ${variant.uuid} has no value for axis ${axis}`);
    optionValues[axis] = String(value.value);
  }
  return {
    sku: skuOf(variant, ctx, values),
    gtin: plainText(values, RESERVED_CODES.gtin, ctx),
    optionValues,
    attributes,
    weight: measure(values, RESERVED_CODES.weight, ctx),
    status: variant.enabled === false ? ("inactive" as const) : ("active" as const),
    externalIds: { [ctx.system]: variant.uuid },
    ...completenessOf(variant.completenesses, ctx),
  };
}
