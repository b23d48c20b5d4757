import { createHash } from "node:crypto";
import type { AttributeValue, Product, Variant } from "@omnibridge/core-model";
import type { AkeneoValues } from "../akeneo-api";
import { identifierCode, labelCodeOf, RESERVED_CODES, type AkeneoMappingContext } from "./akeneo-context";
import { fromAttributeValue, localizedValues, plainValue } from "./from-values";

/** A PATCH collection line for a product or product model, with the canonical record it serves. */
export interface WriteLine {
  /** SKU (products) or model code (models). */
  id: string;
  line: Record<string, unknown>;
}

/**
 * Deterministic UUID for a new product's SKU (name-based, RFC 4122 v5 layout), so a retried
 * create after a crash addresses the same product instead of creating a twin.
 */
export function uuidForSku(sku: string): string {
  const hex = createHash("sha1").update(`omnibridge:akeneo:product:${sku}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Given<T> = { [K in keyof T]?: T[K] };

/** A canonical measure → Akeneo metric data (`{amount, unit}`), or null to erase. */
function metricOf(weight: { value: number; unit: string } | null | undefined): { amount: number; unit: string } | null {
  return weight ? { amount: weight.value, unit: weight.unit } : null;
}

function attributeValues(attributes: Record<string, AttributeValue[]>, ctx: AkeneoMappingContext): AkeneoValues {
  const out: AkeneoValues = {};
  for (const [code, values] of Object.entries(attributes)) out[code] = values.map((v) => fromAttributeValue(v, ctx));
  return out;
}

/** Content values shared by simple products and models; only fields the caller gave. */
function contentValues(record: Given<Product>, ctx: AkeneoMappingContext): AkeneoValues {
  const values: AkeneoValues = record.attributes ? attributeValues(record.attributes, ctx) : {};
  if (record.name !== undefined) Object.assign(values, labelValues(record.name, record.family, ctx));
  if (record.description !== undefined) values[RESERVED_CODES.description] = localizedValues(record.description, ctx, ctx.channel);
  if (record.brand !== undefined) values[RESERVED_CODES.brand] = plainValue(record.brand ?? null);
  if (record.weight !== undefined) values[RESERVED_CODES.weight] = plainValue(metricOf(record.weight));
  return values;
}

/**
 * `name` → the family's label attribute (`attribute_as_label`). A label that is the identifier is
 * never written from the name (the SKU stays the SKU); a non-localizable label takes one text.
 */
function labelValues(name: Record<string, string>, family: string | null | undefined, ctx: AkeneoMappingContext): AkeneoValues {
  const code = labelCodeOf(family, ctx);
  const attribute = ctx.attributes.get(code);
  if (code === identifierCode(ctx) || attribute?.type === "pim_catalog_identifier") return {};
  if (attribute && attribute.localizable === false) {
    const first = Object.values(name)[0];
    return first === undefined ? {} : { [code]: plainValue(first) };
  }
  return { [code]: localizedValues(name, ctx, null) };
}

function withCommon(line: Record<string, unknown>, record: Given<Product>): Record<string, unknown> {
  if (record.family !== undefined) line.family = record.family ?? null;
  if (record.categoryKeys !== undefined) line.categories = record.categoryKeys;
  return line;
}

/** A simple product → one `/products-uuid` line keyed by its (known or deterministic) uuid. */
export function fromSimpleProduct(
  record: Given<Product> & { key: string }, uuid: string | undefined, ctx: AkeneoMappingContext,
): WriteLine {
  const values = contentValues(record, ctx);
  values[identifierCode(ctx)] = plainValue(record.key);
  if (record.gtin !== undefined) values[RESERVED_CODES.gtin] = plainValue(record.gtin ?? null);
  const line: Record<string, unknown> = { uuid: uuid ?? uuidForSku(record.key), values };
  if (record.status !== undefined) line.enabled = record.status === "active";
  return { id: record.key, line: withCommon(line, record) };
}

/** A variant → one `/products-uuid` line under its model (`parent`). */
export function fromVariant(
  variant: Given<Variant> & { sku: string }, parent: string, uuid: string | undefined, ctx: AkeneoMappingContext,
): WriteLine {
  const values: AkeneoValues = variant.attributes ? attributeValues(variant.attributes, ctx) : {};
  for (const [axis, option] of Object.entries(variant.optionValues ?? {})) values[axis] ??= plainValue(option);
  values[identifierCode(ctx)] = plainValue(variant.sku);
  if (variant.gtin !== undefined) values[RESERVED_CODES.gtin] = plainValue(variant.gtin ?? null);
  if (variant.weight !== undefined) values[RESERVED_CODES.weight] = plainValue(metricOf(variant.weight));
  const line: Record<string, unknown> = { uuid: uuid ?? uuidForSku(variant.sku), parent, values };
  if (variant.status !== undefined) line.enabled = variant.status === "active";
  return { id: variant.sku, line };
}

/** Model-level fields the caller gave, or undefined when there are none to send. */
export function fromProductModel(record: Given<Product> & { key: string }, ctx: AkeneoMappingContext): WriteLine | undefined {
  const values = contentValues(record, ctx);
  if (Object.keys(values).length === 0 && record.categoryKeys === undefined && record.family === undefined) return undefined;
  const line: Record<string, unknown> = { code: record.key, values };
  if (record.categoryKeys !== undefined) line.categories = record.categoryKeys;
  const familyVariant = findFamilyVariant(record, ctx);
  if (familyVariant) line.family_variant = familyVariant;
  return { id: record.key, line };
}

/** The family variant of the record's family whose axes match its variant axes (needed to create a model). */
function findFamilyVariant(record: Given<Product>, ctx: AkeneoMappingContext): string | undefined {
  if (!record.family || !record.variantAxes) return undefined;
  const wanted = [...record.variantAxes].sort().join(",");
  for (const variant of ctx.familyVariants.values()) {
    const axes = variant.variant_attribute_sets.flatMap((s) => s.axes).sort().join(",");
    if (axes === wanted && (variant.family === record.family || variant.code.startsWith(`${record.family}_`))) return variant.code;
  }
  return undefined;
}
