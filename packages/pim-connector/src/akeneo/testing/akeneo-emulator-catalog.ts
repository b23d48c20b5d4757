import type { Attribute } from "@omnibridge/core-model";
import type { AkeneoAttribute } from "../akeneo-api";
import type { LocaleMapper } from "../akeneo-locales";
import type { AkeneoState } from "./akeneo-emulator-state";

const TYPE_OF: Record<Attribute["type"], string> = {
  text: "pim_catalog_text", number: "pim_catalog_number", boolean: "pim_catalog_boolean", select: "pim_catalog_simpleselect",
  multiselect: "pim_catalog_multiselect", measure: "pim_catalog_metric", date: "pim_catalog_date", price: "pim_catalog_price_collection",
};

/** Attributes every emulated catalogue has (identifier, texts, GTIN, weight, media, ERP price). */
export const BASE_ATTRIBUTES: AkeneoAttribute[] = [
  { code: "sku", type: "pim_catalog_identifier", localizable: false, scopable: false, labels: { en_US: "SKU" } },
  { code: "name", type: "pim_catalog_text", localizable: true, scopable: false, labels: { en_US: "Name", de_DE: "Name", fr_FR: "Nom" } },
  { code: "description", type: "pim_catalog_textarea", localizable: true, scopable: true, labels: { en_US: "Description" } },
  { code: "brand", type: "pim_catalog_text", localizable: false, scopable: false, labels: { en_US: "Brand" } },
  { code: "ean", type: "pim_catalog_text", localizable: false, scopable: false, labels: { en_US: "EAN" } },
  { code: "weight", type: "pim_catalog_metric", localizable: false, scopable: false, labels: { en_US: "Weight" }, metric_family: "Weight", default_metric_unit: "GRAM", decimals_allowed: true },
  { code: "image", type: "pim_catalog_image", localizable: false, scopable: false, labels: { en_US: "Main image" } },
  { code: "gallery_1", type: "pim_catalog_image", localizable: false, scopable: false, labels: { en_US: "Gallery 1" } },
  { code: "gallery_2", type: "pim_catalog_image", localizable: false, scopable: false, labels: { en_US: "Gallery 2" } },
  { code: "price", type: "pim_catalog_price_collection", localizable: false, scopable: false, labels: { en_US: "Price" }, decimals_allowed: true },
];

function labels(text: Record<string, string>, locales: LocaleMapper): Record<string, string> {
  return Object.fromEntries(Object.entries(text).map(([tag, value]) => [locales.toAkeneo(tag), value]));
}

/** A canonical attribute definition → Akeneo attribute body + options. */
export function putAttribute(state: AkeneoState, attribute: Attribute, locales: LocaleMapper, updated: number): void {
  const type = TYPE_OF[attribute.type];
  const body: AkeneoAttribute = {
    code: attribute.key, type, localizable: attribute.localizable, scopable: attribute.scopable, labels: labels(attribute.label, locales),
    group: "marketing", decimals_allowed: attribute.type === "number" ? false : attribute.type === "measure" || attribute.type === "price" ? true : null,
    ...(attribute.type === "measure" ? { metric_family: "Weight", default_metric_unit: attribute.unit ?? "GRAM" } : {}),
  };
  state.attributes.set(attribute.key, { code: attribute.key, body, updated });
  if (type === "pim_catalog_simpleselect" || type === "pim_catalog_multiselect") {
    state.options.set(attribute.key, attribute.options.map((o, i) => ({
      code: o.code, updated, body: { code: o.code, attribute: attribute.key, sort_order: i + 1, labels: labels(o.label, locales) },
    })));
  }
}

/** A family with the standard `<family>_color_size` variant (level 1: color × size). */
export function putFamily(state: AkeneoState, code: string, updated: number): void {
  if (state.families.has(code)) return;
  state.families.set(code, { code, updated, body: { code, attribute_as_label: "name", attribute_as_image: "image", attributes: [...state.attributes.keys()], labels: { en_US: code } } });
  const variant = { code: `${code}_color_size`, labels: { en_US: `${code} by color and size` }, variant_attribute_sets: [{ level: 1, axes: ["color", "size"], attributes: ["sku", "ean", "weight", "price", "color", "size"] }] };
  state.familyVariants.set(code, [{ code: variant.code, updated, body: variant }]);
}

/** Channels, locales and currencies of the emulated PIM. */
export function putStructure(state: AkeneoState): void {
  const locales = ["en_US", "de_DE", "fr_FR"];
  for (const code of ["ecommerce", "web"]) {
    state.channels.push({ code, updated: 0, body: { code, locales, currencies: ["EUR", "USD"], category_tree: "master", labels: { en_US: code } } });
  }
  for (const code of locales) state.locales.push({ code, updated: 0, body: { code, enabled: true } });
}
