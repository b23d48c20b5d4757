import { isValidGtin, type EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaProduct, MedusaVariant } from "../medusa-api";
import { isoOf, latestOf, type MedusaMapContext } from "./medusa-context";

/** The option a product without variant axes gets: Medusa requires every product to have options. */
export const DEFAULT_OPTION = { title: "Default option", value: "Default option value" } as const;

type ProductInput = EntityInputOf<"product">;
type VariantInput = NonNullable<ProductInput["variants"]>[number];

const STATUS: Record<string, ProductInput["status"]> = { published: "active", draft: "draft", proposed: "draft", rejected: "inactive" };

/** The canonical key of a Medusa product: our `external_id`, else its handle, else its id. */
export function productKeyOf(product: Pick<MedusaProduct, "external_id" | "handle" | "id">): string {
  return product.external_id || product.handle || product.id;
}

function gtinOf(variant: MedusaVariant): string | null {
  for (const code of [variant.ean, variant.upc, variant.barcode]) if (code && isValidGtin(code) && [8, 12, 13,
    14].includes(code.length)) return code;
  return null;
}

function optionValuesOf(variant: MedusaVariant, titles: Map<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const option of variant.options ?? []) {
    const title = option.option?.title ?? (option.option_id ? titles.get(option.option_id) : undefined);
    if (title && title !== DEFAULT_OPTION.title) values[title] = option.value;
  }
  return values;
}

function variantOf(variant: MedusaVariant, i: number, titles: Map<string, string>, context: MedusaMapContext): VariantInput {
  if (!variant.sku) throw new MappingError(`variants.${i}.sku`, `variant ${variant.id} has no sku`);
  return { sku: variant.sku, gtin: gtinOf(variant), optionValues: optionValuesOf(variant, titles), status: "active",
    externalIds: { [context.system]: variant.id } };
}

/** True when the product is a simple product as this connector writes one: one variant, sku = key, the default option. */
function isSimple(product: MedusaProduct, key: string): boolean {
  const variants = product.variants ?? [];
  const options = product.options ?? [];
  return variants.length === 1 && variants[0]!.sku === key && options.every((o) => o.title === DEFAULT_OPTION.title);
}

/**
 * A Medusa product with its options and variants → canonical product. Key: `external_id` (what this
 * connector writes), else the handle. Variants are keyed by sku (a variant without one fails the record,
 * naming it). `updatedAt` is the latest of the product's and its variants' `updated_at`, since a
 * variant change (a price) does not bump the product's. Texts go under the configured locale.
 * https://docs.medusajs.com/api/admin#products_product_schema
 */
export function toProduct(product: MedusaProduct, context: MedusaMapContext): ProductInput {
  const key = productKeyOf(product);
  const titles = new Map((product.options ?? []).map((o) => [o.id, o.title]));
  const variants = product.variants ?? [];
  const simple = isSimple(product, key);
  const updated = latestOf([product.updated_at, ...variants.map((v) => v.updated_at)]) ?? product.updated_at;
  return {
    key,
    externalIds: { [context.system]: product.id },
    updatedAt: isoOf(updated),
    createdAt: product.created_at ? isoOf(product.created_at) : null,
    name: { [context.locale]: product.title },
    description: product.description ? { [context.locale]: product.description } : {},
    status: STATUS[product.status] ?? "inactive",
    gtin: simple ? gtinOf(variants[0]!) : null,
    variantAxes: simple ? [] : (product.options ?? []).map((o) => o.title).filter((t) => t !== DEFAULT_OPTION.title),
    variants: simple ? [] : variants.map((v, i) => variantOf(v, i, titles, context)),
    seo: product.handle ? { slug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(product.handle) ? product.handle : null } : null,
  };
}
