import type { EntityInputOf, Variant } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooProductTemplate, OdooProductVariant } from "../odoo-api";
import { isoFromOdoo, latest } from "./odoo-values";

/** What product mapping needs besides the raw records. */
export interface ProductMapContext {
  system: string;
  /** Odoo major version: 17 reads `detailed_type`, 18+ `type` + `is_storable`. */
  version: number;
  locale: string;
  categoryKey(id: number): string;
  /** External id key of a variant family's template, if it has one. */
  templateKey(id: number): string | undefined;
}

/**
 * Product type across versions (odoo/documentation PR 11409): 17 `detailed_type` product/consu/service;
 * 18+ `type` consu/service/combo with `is_storable` ("Track Inventory").
 */
export function productKind(template: OdooProductTemplate, version: number): "storable" | "consumable" | "service" | "combo" {
  if (version >= 18) return template.type === "service" ? "service" : template.type === "combo" ? "combo" : template.is_storable ? "storable" : "consumable";
  const type = template.detailed_type ?? template.type;
  return type === "product" ? "storable" : type === "service" ? "service" : "consumable";
}

const weightOf = (kilograms: number | null) => (kilograms ? { value: Math.round(kilograms * 1e6) / 1e3, unit: "GRAM" } : null);

function toVariant(variant: OdooProductVariant, index: number, system: string): Variant {
  if (!variant.default_code) throw new MappingError(`variants.${index}.sku`, `product.product ${variant.id} has no default_code (internal reference / SKU)`);
  return {
    sku: variant.default_code, gtin: variant.barcode, optionValues: {}, attributes: {}, weight: weightOf(variant.weight),
    status: variant.active ? "active" : "archived", externalIds: { [system]: String(variant.id) },
  };
}

/**
 * product.template + its product.product rows → canonical Product. A single-variant template is
 * a simple product keyed by its default_code; a variant family is keyed by its template's
 * external id (`omnibridge.<code>`), its variants by their default_code.
 */
export function toProduct(template: OdooProductTemplate, variants: readonly OdooProductVariant[], context: ProductMapContext): EntityInputOf<"product"> {
  const simple = variants.length <= 1;
  const code = simple ? variants[0]?.default_code ?? template.default_code : context.templateKey(template.id);
  if (!code) {
    throw new MappingError("default_code", `product.template ${template.id} "${template.name}" has no ${simple ? "default_code (internal reference / SKU)" : "model code (external id)"}`);
  }
  return {
    key: code, externalIds: { [context.system]: String(template.id) },
    updatedAt: isoFromOdoo(latest(template.write_date, ...variants.map((v) => v.write_date))),
    name: { [context.locale]: template.name },
    status: !template.active ? "archived" : template.sale_ok ? "active" : "inactive",
    gtin: simple ? variants[0]?.barcode ?? template.barcode : null,
    categoryKeys: template.categ_id ? [context.categoryKey(template.categ_id.id)] : [],
    attributes: { odoo_product_type: [{ type: "select", value: productKind(template, context.version) }] },
    variantAxes: [],
    variants: simple ? [] : variants.map((v, i) => toVariant(v, i, context.system)),
    weight: weightOf(template.weight ?? variants[0]?.weight ?? null),
    createdAt: template.create_date ? isoFromOdoo(template.create_date) : null,
  };
}
