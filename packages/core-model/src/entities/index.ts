import type { z } from "zod";
import { attributeSchema, categorySchema, productSchema } from "./catalog";
import { locationSchema, orderSchema, priceListSchema, priceSchema, stockLevelSchema } from "./commerce";
import { companySchema, customerSchema } from "./party";
import { campaignSchema, contentEntrySchema, promotionSchema, segmentSchema } from "./marketing";

export * from "./primitives";
export * from "./money";
export * from "./catalog";
export * from "./catalog-structure";
export * from "./commerce";
export * from "./order-lifecycle";
export * from "./shop";
export * from "./party";
export * from "./marketing";

/** Every canonical entity schema by its kind. */
export const entitySchemas = {
  product: productSchema,
  category: categorySchema,
  attribute: attributeSchema,
  priceList: priceListSchema,
  price: priceSchema,
  location: locationSchema,
  stockLevel: stockLevelSchema,
  customer: customerSchema,
  company: companySchema,
  order: orderSchema,
  promotion: promotionSchema,
  campaign: campaignSchema,
  segment: segmentSchema,
  contentEntry: contentEntrySchema,
} as const;

/** Names of canonical entity kinds. */
export type EntityKind = keyof typeof entitySchemas;
/** All entity kinds, in dependency order (referenced kinds first). */
export const entityKinds = Object.keys(entitySchemas) as EntityKind[];
/** The canonical type of an entity kind. */
export type EntityOf<K extends EntityKind> = z.infer<(typeof entitySchemas)[K]>;
/** The accepted input (before defaults) of an entity kind. */
export type EntityInputOf<K extends EntityKind> = z.input<(typeof entitySchemas)[K]>;
/** Any canonical record. */
export type AnyEntity = EntityOf<EntityKind>;
