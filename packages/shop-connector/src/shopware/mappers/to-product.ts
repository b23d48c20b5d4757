import { isValidGtin, type ProductInput, type RecordIssue } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwareProduct, ShopwareProductRow } from "../shopware-api";
import type { ShopwareMapContext } from "./shopware-context";


/** An EAN only when it is a valid GTIN; a broken one is left out with a warning naming the field. */
function gtinOf(ean: string | null | undefined, key: string, field: string, warnings: RecordIssue[]): string | null {
  if (!ean) return null;
  if (isValidGtin(ean) && [8, 12, 13, 14].includes(ean.length)) return ean;
  warnings.push({ recordKey: key, field, reason: "invalid", severity: "warning", message: `EAN ${ean} is not a valid GTIN; left out` });
  return null;
}

function optionValuesOf(child: ShopwareProductRow, sku: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const option of child.options ?? []) {
    const axis = option.group?.name;
    if (!axis || !option.name) throw new MappingError("variants.optionValues", `variant ${sku}: option ${option.id} has no group or name loaded`);
    values[axis] = option.name;
  }
  return values;
}

/**
 * A Shopware product (a parent with its `children` variants, or a simple product) → canonical
 * product. The parent's `productNumber` is the key, each child's the variant SKU; the variant axes are
 * the property groups of the children's options. Texts are the default language's, read as
 * `settings.locale`. Visibilities become channel assignments (by canonical channel key).
 * https://shopware.stoplight.io/docs/admin-api/ (Product; docs/guides/writing-entities/product-data.md)
 */
export function toProduct(raw: ShopwareProduct, context: ShopwareMapContext, warnings: RecordIssue[] = []): ProductInput {
  if (!raw.productNumber) throw new MappingError("productNumber", `product ${raw.id} has no productNumber`);
  if (!raw.name) throw new MappingError("name", `product ${raw.productNumber} has no name in the default language`);
  const key = raw.productNumber;
  const children = raw.children ?? [];
  const axes = new Set<string>();
  const variants = children.map((child, i) => {
    if (!child.productNumber) throw new MappingError(`variants.${i}.sku`, `variant ${child.id} has no productNumber`);
    const optionValues = optionValuesOf(child, child.productNumber);
    Object.keys(optionValues).forEach((axis) => axes.add(axis));
    return {
      sku: child.productNumber,
      gtin: gtinOf(child.ean, key, `variants.${i}.gtin`, warnings),
      optionValues,
      // Inheritance: a child's null `active` means "as the parent".
      status: (child.active ?? raw.active ?? true) ? ("active" as const) : ("inactive" as const),
      weight: child.weight != null ? { value: child.weight, unit: "KILOGRAM" } : null,
      externalIds: { [context.system]: child.id },
    };
  });
  const visible = (raw.visibilities ?? []).filter((v) => v.visibility > 0);
  return {
    key,
    externalIds: { [context.system]: raw.id },
    updatedAt: normalizeTimestamp(raw.updatedAt ?? raw.createdAt, "updatedAt"),
    createdAt: raw.createdAt ? normalizeTimestamp(raw.createdAt, "createdAt") : null,
    name: { [context.locale]: raw.name },
    description: raw.description ? { [context.locale]: raw.description } : {},
    gtin: gtinOf(raw.ean, key, "gtin", warnings),
    status: raw.active === false ? "inactive" : "active",
    variantAxes: [...axes],
    variants,
    channels: visible.map((v) => ({ channel: context.channelKeyOf(v.salesChannelId), enabled: true })),
    weight: raw.weight != null ? { value: raw.weight, unit: "KILOGRAM" } : null,
  };
}

/** Shopware's `2024-03-01T10:00:00.123+00:00` as an ISO timestamp with offset; a missing or broken one names the field. */
export function normalizeTimestamp(value: string | null | undefined, field: string): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  if (!value || Number.isNaN(ms)) throw new MappingError(field, `is not a timestamp (${String(value)})`);
  return new Date(ms).toISOString();
}
