import { z } from "zod";
import {
  canonicalKeySchema, dateSchema, localizedTextSchema, measureSchema, recordBaseShape, refSchema,
  safeText, systemIdSchema, timestampSchema,
} from "./primitives";
import { moneySchema } from "./money";
import { completenessListSchema } from "./catalog-structure";

/** GTIN-8/12/13/14 (EAN, UPC) with a valid check digit. */
export const gtinSchema = z
  .string()
  .regex(/^(\d{8}|\d{12,14})$/, "must be 8, 12, 13 or 14 digits")
  .refine(isValidGtin, "has an invalid check digit");

/** True when the GTIN's last digit is its GS1 mod-10 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** Attribute value per type; `locale`/`channel` scope it when the attribute is localizable or scopable. */
const attributeScope = {
  locale: z.string().nullish(),
  channel: z.string().nullish(),
};
/** A typed attribute value. */
export const attributeValueSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), value: safeText(65_535), ...attributeScope }),
  z.object({ type: z.literal("number"), value: z.number().finite(), ...attributeScope }),
  z.object({ type: z.literal("boolean"), value: z.boolean(), ...attributeScope }),
  z.object({ type: z.literal("select"), value: z.string().min(1), ...attributeScope }),
  z.object({ type: z.literal("multiselect"), value: z.array(z.string().min(1)), ...attributeScope }),
  z.object({ type: z.literal("measure"), value: measureSchema, ...attributeScope }),
  z.object({ type: z.literal("date"), value: dateSchema, ...attributeScope }),
  z.object({ type: z.literal("price"), value: z.array(moneySchema), ...attributeScope }),
]);
/** A typed attribute value. */
export type AttributeValue = z.infer<typeof attributeValueSchema>;
/** Attribute type names. */
export type AttributeType = AttributeValue["type"];

/** Attribute definition (the PIM's schema of product data). */
export const attributeSchema = z.object({
  ...recordBaseShape,
  type: z.enum(["text", "number", "boolean", "select", "multiselect", "measure", "date", "price"]),
  label: localizedTextSchema(255),
  localizable: z.boolean().default(false),
  scopable: z.boolean().default(false),
  options: z.array(z.object({ code: z.string().min(1), label: localizedTextSchema(255) })).default([]),
  unit: z.string().nullish(),
});
/** Attribute definition. */
export type Attribute = z.infer<typeof attributeSchema>;

/** Product category; the tree is formed by `parentKey` (null for a root). */
export const categorySchema = z.object({
  ...recordBaseShape,
  parentKey: refSchema.nullable(),
  name: localizedTextSchema(255),
  position: z.int().nonnegative().default(0),
});
/** Product category node. */
export type Category = z.infer<typeof categorySchema>;

/** Media asset linked to products or content. */
export const assetSchema = z.object({
  key: canonicalKeySchema,
  url: z.url({ protocol: /^https?$/ }),
  mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, "must be a MIME type"),
  alt: localizedTextSchema(500).default({}),
  role: z.enum(["main", "gallery", "swatch", "document", "video"]).default("gallery"),
  sizeBytes: z.int().nonnegative().nullish(),
});
/** Media asset. */
export type Asset = z.infer<typeof assetSchema>;

/** Product relation (cross-sell, up-sell, accessory, replacement). */
export const productRelationSchema = z.object({
  type: z.enum(["cross_sell", "up_sell", "accessory", "replacement", "bundle_part"]),
  targetKey: refSchema,
});

/** Per-channel assignment with optional overrides of texts and status. */
export const channelAssignmentSchema = z.object({
  channel: z.string().min(1).max(64),
  enabled: z.boolean(),
  name: localizedTextSchema(255).optional(),
  description: localizedTextSchema().optional(),
});

/** A sellable variant; its key is the SKU. */
export const variantSchema = z.object({
  sku: canonicalKeySchema,
  gtin: gtinSchema.nullish(),
  optionValues: z.record(z.string().min(1), z.string().min(1)).default({}),
  attributes: z.record(z.string(), z.array(attributeValueSchema)).default({}),
  weight: measureSchema.nullish(),
  status: z.enum(["active", "inactive", "archived"]).default("active"),
  externalIds: z.record(systemIdSchema, z.string().min(1)).default({}),
  /** Completeness per channel and locale, when the source computes it (absent: unknown). */
  completeness: completenessListSchema.optional(),
});
/** A sellable variant. */
export type Variant = z.infer<typeof variantSchema>;

/**
 * What a shop sells one SKU of a product for and how many it can ship, as the hub assembles it
 * from the ERP's price and stock (one offer per sellable SKU: the product's own for a simple
 * product, each variant's otherwise). `null` means not known yet.
 */
export const offerSchema = z.object({
  sku: refSchema,
  price: moneySchema.nullable(),
  /** Units available to sell at the shop's stock location. */
  available: z.number().finite().nullable(),
});
/** A SKU's shop offer (price and available units). */
export type Offer = z.infer<typeof offerSchema>;

/**
 * Product: a sellable item or a variant family. `key` is the SKU of a simple product or the
 * model code of a product with variants.
 */
export const productSchema = z.object({
  ...recordBaseShape,
  name: localizedTextSchema(255).refine((v) => Object.keys(v).length > 0, "must have at least one locale"),
  description: localizedTextSchema().default({}),
  brand: safeText(255).nullish(),
  gtin: gtinSchema.nullish(),
  status: z.enum(["draft", "active", "inactive", "archived"]),
  family: z.string().nullish(),
  categoryKeys: z.array(refSchema).default([]),
  attributes: z.record(z.string(), z.array(attributeValueSchema)).default({}),
  variantAxes: z.array(z.string()).default([]),
  variants: z.array(variantSchema).default([]),
  assets: z.array(assetSchema).default([]),
  relations: z.array(productRelationSchema).default([]),
  channels: z.array(channelAssignmentSchema).default([]),
  weight: measureSchema.nullish(),
  seo: z
    .object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a URL slug").nullish(), title: localizedTextSchema(255).nullish(), description: localizedTextSchema(1000).nullish() })
    .nullish(),
  createdAt: timestampSchema.nullish(),
  /** Completeness per channel and locale of a simple product, when the source computes it (absent: unknown). */
  completeness: completenessListSchema.optional(),
  /** Shop offers per sellable SKU, when a hub assembled them (absent: the product carries none). */
  offers: z.array(offerSchema).optional(),
});
/** Product. */
export type Product = z.infer<typeof productSchema>;
/** Product as accepted before defaults apply. */
export type ProductInput = z.input<typeof productSchema>;
