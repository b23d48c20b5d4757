import { chunk } from "@omnibridge/connector-kit";
import { akeneoProductModelSchema, akeneoProductSchema, type AkeneoProduct, type AkeneoProductModel } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { inFilter } from "../akeneo-search";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { listAll } from "./load-context";
import { variantValueCodes } from "../mappers/to-product";

/** A root product model's descendants: sub-models (two-level families) and variant products. */
export interface ModelTree {
  subModels: AkeneoProductModel[];
  variants: AkeneoProduct[];
}

/** Query parameters of every product list: completeness per channel/locale comes with the products. */
export const PRODUCT_LIST_PARAMS = { with_completenesses: "true" } as const;

/**
 * Product models by code (`identifier IN`, https://api.akeneo.com/documentation/filter.html#filter-on-product-model-properties),
 * in parallel slices; codes the PIM does not know are absent from the result.
 */
export async function modelsByCode(
  client: AkeneoClient, codes: readonly string[], signal?: AbortSignal,
): Promise<Map<string, AkeneoProductModel>> {
  const unique = [...new Set(codes)];
  const slices = await Promise.all(chunk(unique, 100).map((part) =>
    listAll(client, "/product-models", akeneoProductModelSchema, signal, { pagination_type: "search_after", search: inFilter("identifier", part) })));
  return new Map(slices.flat().map((model) => [model.code, model]));
}

function levelsOf(model: AkeneoProductModel, ctx: AkeneoMappingContext): number {
  const variant = model.family_variant ? ctx.familyVariants.get(model.family_variant) : undefined;
  return variant?.variant_attribute_sets.length ?? 1;
}

/**
 * The `attributes` parameter for the variants of some root models: the values their mapping reads
 * (https://api.akeneo.com/documentation/filter.html#filter-product-values). Variants otherwise repeat
 * every value inherited from their models — most of a product read's bytes, JSON parsing and schema
 * checks. Undefined (every value) when a model's family variant is unknown.
 */
function valueCodesOf(roots: ReadonlyArray<AkeneoProductModel | undefined>, ctx: AkeneoMappingContext): string | undefined {
  const codes = new Set<string>();
  for (const root of roots) {
    const read = root ? variantValueCodes(root, ctx) : undefined;
    if (!read) return undefined;
    for (const code of read) codes.add(code);
  }
  return [...codes].sort().join(",");
}

/**
 * Load the descendants of root models: sub-models of two-level family variants (`parent IN` roots on
 * product models: "returns sub product model children of the provided root product models"), then
 * the variant products whose parent is a root or one of those sub-models (`parent IN` on products:
 * "only returns products that are direct children of the provided product models", 7.0+).
 * https://api.akeneo.com/documentation/filter.html#on-their-parent
 */
export async function treesOf(
  client: AkeneoClient, roots: readonly AkeneoProductModel[], ctx: AkeneoMappingContext, signal?: AbortSignal,
): Promise<Map<string, ModelTree>> {
  const trees = new Map<string, ModelTree>(roots.map((root) => [root.code, { subModels: [], variants: [] }]));
  if (roots.length === 0) return trees;
  const twoLevel = roots.filter((root) => levelsOf(root, ctx) > 1).map((root) => root.code);
  const subSlices = await Promise.all(chunk(twoLevel, 25).map((part) =>
    listAll(client, "/product-models", akeneoProductModelSchema, signal, { pagination_type: "search_after", search: inFilter("parent", part) })));
  const rootOfSub = new Map<string, string>();
  for (const sub of subSlices.flat()) {
    const tree = sub.parent ? trees.get(sub.parent) : undefined;
    if (!tree) continue;
    tree.subModels.push(sub);
    rootOfSub.set(sub.code, sub.parent!);
  }
  const parents = [...trees.keys(), ...rootOfSub.keys()];
  const byCode = new Map(roots.map((root) => [root.code, root]));
  // Parallel slices of 25 parents (bounded by the client's 4 concurrent calls): a page's variants arrive in a round trip or two.
  const variantSlices = await Promise.all(chunk(parents, 25).map((part) => {
    const attributes = valueCodesOf(part.map((code) => byCode.get(rootOfSub.get(code) ?? code)), ctx);
    const params = { pagination_type: "search_after", ...PRODUCT_LIST_PARAMS, search: inFilter("parent", part), ...(attributes ? { attributes } : {}) };
    return listAll(client, "/products-uuid", akeneoProductSchema, signal, params);
  }));
  for (const variant of variantSlices.flat()) {
    const parent = variant.parent ?? "";
    trees.get(rootOfSub.get(parent) ?? parent)?.variants.push(variant);
  }
  return trees;
}
