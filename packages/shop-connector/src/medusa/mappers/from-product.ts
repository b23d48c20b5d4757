import type { Product } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaSettings } from "../medusa-settings";
import { DEFAULT_OPTION } from "./to-product";

/** A Medusa variant as this connector writes it. */
export interface VariantPayload {
  title: string;
  sku: string;
  ean?: string;
  options: Record<string, string>;
}

/** The text of a localized field in the connector's locale, else the first one. */
export function textIn(value: Record<string, string>, locale: string): string | undefined {
  return value[locale] ?? Object.values(value)[0];
}

const STATUS: Record<Product["status"], string> = { active: "published", draft: "draft", inactive: "draft", archived: "draft" };

/** A URL handle from the product's slug, else its key (Medusa handles are unique per shop). */
export function handleOf(product: Product): string {
  return product.seo?.slug ?? (product.key.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "product");
}

/** Option titles with their values (the product's variant axes, or Medusa's default option). */
export function optionsOf(product: Product): Array<{ title: string; values: string[] }> {
  if (product.variants.length === 0) return [{ title: DEFAULT_OPTION.title, values: [DEFAULT_OPTION.value] }];
  const named = [...new Set(product.variants.flatMap((v) => Object.keys(v.optionValues)))];
  const axes = product.variantAxes.length ? product.variantAxes : named;
  if (axes.length === 0) return [{ title: DEFAULT_OPTION.title, values: [DEFAULT_OPTION.value] }];
  return axes.map((title) => ({ title,
    values: [...new Set(product.variants.map((v) => v.optionValues[title]).filter((v): v is string => !!v))] }));
}

/** The variants to write: the canonical variants, or one variant with the product's key as sku. */
export function variantsOf(product: Product, locale: string): VariantPayload[] {
  const name = textIn(product.name, locale) ?? product.key;
  if (product.variants.length === 0) {
    return [{ title: name, sku: product.key, ...(product.gtin ? { ean: product.gtin } : {}),
      options: { [DEFAULT_OPTION.title]: DEFAULT_OPTION.value } }];
  }
  const axes = optionsOf(product).map((o) => o.title);
  return product.variants.map((variant, i) => {
    const options: Record<string, string> = {};
    for (const axis of axes) {
      const value = axis === DEFAULT_OPTION.title ? DEFAULT_OPTION.value : variant.optionValues[axis];
      if (!value) throw new MappingError(`variants.${i}.optionValues.${axis}`, `variant ${variant.sku} has no value for ${axis}`);
      options[axis] = value;
    }
    const title = Object.values(variant.optionValues).join(" / ") || variant.sku;
    return { title, sku: variant.sku, ...(variant.gtin ? { ean: variant.gtin } : {}), options };
  });
}

/** The product's own fields (no options or variants): title, description, status, handle, external id. */
export function productFields(product: Product, settings: MedusaSettings): Record<string, unknown> {
  const title = textIn(product.name, settings.locale);
  if (!title) throw new MappingError("name", `product ${product.key} has no name`);
  const description = textIn(product.description, settings.locale);
  return { title, description: description ?? null, status: STATUS[product.status], external_id: product.key };
}
