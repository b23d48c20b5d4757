import type { Product } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { shopwareIdFor } from "../shopware-ids";
import type { SyncRow } from "../writes/shopware-sync-batch";
import type { ShopwareMapContext } from "./shopware-context";

/** Operation keys of a product write, in the order Shopware runs them. */
export const PRODUCT_OPS = { group: "omnibridge-property-group", option: "omnibridge-property-option", product: "omnibridge-product" } as const;

/** Existing ids by product number (from the lookup); absent numbers are created with derived ids. */
export type ExistingIds = ReadonlyMap<string, string>;

function textOf(text: Record<string, string>, locale: string): string | undefined {
  return text[locale] ?? text[locale.split("-")[0]!] ?? Object.values(text)[0];
}

function kilograms(weight: Product["weight"], field: string): number | undefined {
  if (!weight) return undefined;
  const unit = weight.unit.toUpperCase();
  if (unit === "KILOGRAM" || unit === "KG") return weight.value;
  if (unit === "GRAM" || unit === "G") return weight.value / 1000;
  throw new MappingError(field, `unit ${weight.unit} cannot be converted to Shopware's kilograms`);
}

/** What a new product needs that an update must not touch (Shopware requires them on create: Product schema `required`). */
function createFields(context: ShopwareMapContext, active: boolean): Record<string, unknown> {
  const { taxId, currencies, defaultCurrency, createInactive } = context.settings;
  if (!taxId) throw new MappingError("taxId", "settings.taxId is required to create products in Shopware");
  const currencyId = currencies[defaultCurrency];
  if (!currencyId) throw new MappingError("price", `settings.currencies has no id for ${defaultCurrency}`);
  // A placeholder price until the price flow writes the real one (Shopware refuses a product without one).
  return { taxId, stock: 0, price: [{ currencyId, gross: 0, net: 0, linked: true }], ...(createInactive ? { active: false } : { active }) };
}

/**
 * A canonical product → sync rows: the parent (or simple) product, one child per variant with its
 * options, the property groups and options of the variant axes (derived ids: the same axis and value
 * always give the same option), configurator settings and sales-channel visibilities.
 * https://shopware.stoplight.io/docs/admin-api/ (docs/guides/writing-entities/product-data.md: variants)
 */
export function fromProduct(product: Product, context: ShopwareMapContext, existing: ExistingIds): SyncRow[] {
  const { system, locale } = context;
  const name = textOf(product.name, locale);
  if (!name) throw new MappingError("name", `has no text for ${locale}`);
  const id = existing.get(product.key) ?? shopwareIdFor(system, "product", product.key);
  const active = product.status === "active";
  const rows: SyncRow[] = [];
  const visibilities = product.channels.filter((c) => c.enabled).map((assignment, i) => {
    const salesChannelId = context.settings.salesChannels[assignment.channel];
    if (!salesChannelId) throw new MappingError(`channels.${i}.channel`, `${assignment.channel} has no Shopware sales channel in settings.salesChannels`);
    return { id: shopwareIdFor(system, "product_visibility", `${product.key}@${assignment.channel}`), salesChannelId, visibility: 30 };
  });
  const configurator: Array<{ id: string; optionId: string }> = [];
  for (const [i, variant] of product.variants.entries()) {
    const options = Object.entries(variant.optionValues).map(([axis, value]) => {
      const groupId = shopwareIdFor(system, "property_group", axis);
      const optionId = shopwareIdFor(system, "property_group_option", `${axis}\u0000${value}`);
      rows.push({ op: PRODUCT_OPS.group, payload: { id: groupId, name: axis } });
      rows.push({ op: PRODUCT_OPS.option, payload: { id: optionId, groupId, name: value } });
      if (!configurator.some((c) => c.optionId === optionId)) configurator.push({ id: shopwareIdFor(system, "product_configurator_setting", `${product.key}\u0000${optionId}`), optionId });
      return { id: optionId };
    });
    const childId = existing.get(variant.sku) ?? shopwareIdFor(system, "product", variant.sku);
    const weight = kilograms(variant.weight ?? null, `variants.${i}.weight`);
    rows.push({
      op: PRODUCT_OPS.product,
      payload: {
        id: childId, parentId: id, productNumber: variant.sku, active: variant.status === "active", ean: variant.gtin ?? null, options,
        ...(weight !== undefined ? { weight } : {}),
        ...(existing.has(variant.sku) ? {} : { stock: 0 }),
      },
    });
  }
  const weight = kilograms(product.weight ?? null, "weight");
  const parent: Record<string, unknown> = {
    id, productNumber: product.key, name, description: textOf(product.description, locale) ?? null, active, ean: product.gtin ?? null,
    visibilities, ...(configurator.length ? { configuratorSettings: configurator } : {}), ...(weight !== undefined ? { weight } : {}),
    ...(existing.has(product.key) ? {} : createFields(context, active)),
  };
  // The parent goes first: children reference it in the same operation.
  return [...rows.filter((r) => r.op !== PRODUCT_OPS.product), { op: PRODUCT_OPS.product, payload: parent },
    ...rows.filter((r) => r.op === PRODUCT_OPS.product)];
}
