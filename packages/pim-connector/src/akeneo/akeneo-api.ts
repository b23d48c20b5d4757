/**
 * Raw Akeneo REST payload schemas: minimal and tolerant (unknown members pass through).
 * Shapes: https://api.akeneo.com/api-reference.html and akeneo/pim-api-docs content/swagger.
 */
import { z } from "zod";

/** `POST /api/oauth/v1/token` response (https://api.akeneo.com/documentation/authentication.html). */
export const akeneoTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string(),
  refresh_token: z.string().min(1),
});
export type AkeneoToken = z.infer<typeof akeneoTokenSchema>;

const linkSchema = z.object({ href: z.string() });

/** One product value: `{locale, scope, data}` (https://api.akeneo.com/concepts/products.html#product-values). */
export const akeneoValueSchema = z.looseObject({
  locale: z.string().nullish(),
  scope: z.string().nullish(),
  data: z.unknown(),
  _links: z.object({ download: linkSchema.optional() }).nullish(),
});
export type AkeneoValue = z.infer<typeof akeneoValueSchema>;
export type AkeneoValues = Record<string, AkeneoValue[]>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isOptionalText = (value: unknown) => value === undefined || value === null || typeof value === "string";
const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Why one value fails {@link akeneoValueSchema}, with the member it names; undefined when it passes. */
function valueProblem(value: unknown): { path: string[]; message: string } | undefined {
  if (!isObject(value)) return { path: [], message: `Invalid input: expected object, received ${kindOf(value)}` };
  for (const member of ["locale", "scope"] as const) {
    if (!isOptionalText(value[member])) return { path: [member], message: `Invalid input: expected string or null, received ${kindOf(value[member])}` };
  }
  const links = value._links;
  if (links === undefined || links === null) return undefined;
  if (!isObject(links)) return { path: ["_links"], message: `Invalid input: expected object, received ${kindOf(links)}` };
  const download = links.download;
  if (download !== undefined && !(isObject(download) && typeof download.href === "string")) return { path: ["_links", "download", "href"], message: "Invalid input: expected string" };
  return undefined;
}

/**
 * Values keyed by attribute code: the shape of {@link akeneoValueSchema}, checked in place. Values are
 * most of a product's payload: a record of arrays of objects parsed member by member (and copied)
 * took half of a product's parse; the check walks them once and keeps the parsed JSON as it is.
 */
export const akeneoValuesSchema = z.custom<AkeneoValues>(() => true).superRefine((values, ctx) => {
  if (!isObject(values)) {
    ctx.addIssue({ code: "custom", message: `Invalid input: expected record, received ${kindOf(values)}` });
    return;
  }
  for (const code of Object.keys(values)) {
    const list = values[code];
    if (!Array.isArray(list)) {
      ctx.addIssue({ code: "custom", path: [code], message: `Invalid input: expected array, received ${kindOf(list)}` });
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      const problem = valueProblem(list[i]);
      if (problem) ctx.addIssue({ code: "custom", path: [code, i, ...problem.path], message: problem.message });
    }
  }
});

/**
 * Associations by association type (`X_SELL`, `UPSELL`, `SUBSTITUTION`, `PACK`, custom): targets are
 * product uuids on the UUID endpoints, identifiers on product models; since identifiers became
 * optional a target may be `null` (from-identifiers-to-uuid-7x). https://api.akeneo.com/concepts/products.html#associations
 */
export const akeneoAssociationsSchema = z.record(z.string(), z.looseObject({
  products: z.array(z.string().nullable()).nullish(),
  product_models: z.array(z.string().nullable()).nullish(),
  groups: z.array(z.string().nullable()).nullish(),
}));
export type AkeneoAssociations = z.infer<typeof akeneoAssociationsSchema>;

/** Completeness per channel and locale (`with_completenesses=true`, 6.0+/SaaS): `data` is a percentage. */
export const akeneoCompletenessSchema = z.object({ scope: z.string(), locale: z.string(), data: z.number() });

/** Product from the UUID endpoints (`/products-uuid`). */
export const akeneoProductSchema = z.looseObject({
  uuid: z.string().min(1),
  enabled: z.boolean().nullish(),
  family: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  parent: z.string().nullish(),
  /** Root model of a variant (UUID endpoints, 7.0+): the sub-model's parent in two-level families. */
  root_parent: z.string().nullish(),
  values: akeneoValuesSchema.nullish(),
  associations: akeneoAssociationsSchema.nullish(),
  completenesses: z.array(akeneoCompletenessSchema).nullish(),
  created: z.string().nullish(),
  updated: z.string(),
});
export type AkeneoProduct = z.infer<typeof akeneoProductSchema>;

/** Product model (`/product-models`). */
export const akeneoProductModelSchema = z.looseObject({
  code: z.string().min(1),
  family: z.string().nullish(),
  family_variant: z.string().nullish(),
  parent: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  values: akeneoValuesSchema.nullish(),
  associations: akeneoAssociationsSchema.nullish(),
  created: z.string().nullish(),
  updated: z.string(),
});
export type AkeneoProductModel = z.infer<typeof akeneoProductModelSchema>;

const labelsSchema = z.record(z.string(), z.string().nullable()).nullish();

/** Attribute (`/attributes`). */
export const akeneoAttributeSchema = z.looseObject({
  code: z.string().min(1),
  type: z.string(),
  localizable: z.boolean().nullish(),
  scopable: z.boolean().nullish(),
  labels: labelsSchema,
  metric_family: z.string().nullish(),
  default_metric_unit: z.string().nullish(),
  decimals_allowed: z.boolean().nullish(),
  updated: z.string().nullish(),
});
export type AkeneoAttribute = z.infer<typeof akeneoAttributeSchema>;

/** Attribute option (`/attributes/{code}/options`). */
export const akeneoAttributeOptionSchema = z.looseObject({
  code: z.string().min(1),
  attribute: z.string().nullish(),
  sort_order: z.number().nullish(),
  labels: labelsSchema,
});
export type AkeneoAttributeOption = z.infer<typeof akeneoAttributeOptionSchema>;

/** Category (`/categories`, `updated` since 6.0, `position` with `with_position=true`). */
export const akeneoCategorySchema = z.looseObject({
  code: z.string().min(1),
  parent: z.string().nullish(),
  labels: labelsSchema,
  updated: z.string().nullish(),
  position: z.number().nullish(),
});
export type AkeneoCategory = z.infer<typeof akeneoCategorySchema>;

/** Family variant (`/families/{code}/variants`). */
export const akeneoFamilyVariantSchema = z.looseObject({
  code: z.string().min(1),
  labels: z.record(z.string(), z.string().nullable()).nullish(),
  variant_attribute_sets: z.array(z.object({ level: z.number(), axes: z.array(z.string()), attributes: z.array(z.string()).nullish() })),
});
export type AkeneoFamilyVariant = z.infer<typeof akeneoFamilyVariantSchema>;

/**
 * Family (`/families`): its attributes, the attribute used as label (`pim_catalog_identifier` or
 * `pim_catalog_text`) and as main image, the attributes required per channel for completeness.
 * https://api.akeneo.com/api-reference.html#get_families (swagger `families/definitions/family.yaml`)
 */
export const akeneoFamilySchema = z.looseObject({
  code: z.string().min(1),
  attributes: z.array(z.string()).nullish(),
  attribute_as_label: z.string().nullish(),
  attribute_as_image: z.string().nullish(),
  attribute_requirements: z.record(z.string(), z.array(z.string())).nullish(),
  labels: labelsSchema,
  updated: z.string().nullish(),
});
export type AkeneoFamily = z.infer<typeof akeneoFamilySchema>;

/** Channel (`/channels`). */
export const akeneoChannelSchema = z.looseObject({
  code: z.string(), locales: z.array(z.string()), currencies: z.array(z.string()).nullish(),
});

/** Media file metadata (`/media-files/{code}`, swagger `media_files/definitions/media_file.yaml`). */
export const akeneoMediaFileSchema = z.looseObject({
  code: z.string().min(1),
  original_filename: z.string().nullish(),
  mime_type: z.string().nullish(),
  size: z.number().nullish(),
  extension: z.string().nullish(),
  _links: z.object({ download: linkSchema.optional() }).nullish(),
});
export type AkeneoMediaFile = z.infer<typeof akeneoMediaFileSchema>;

function buildListSchema<T extends z.ZodType>(item: T) {
  return z.object({
    _links: z.object({ self: linkSchema.optional(), first: linkSchema.optional(), next: linkSchema.optional() }),
    current_page: z.number().optional(),
    /** Items matching the search, with `with_count=true` (page pagination only). */
    items_count: z.number().int().nonnegative().optional(),
    _embedded: z.object({ items: z.array(item) }),
  });
}

const listSchemas = new WeakMap<z.ZodType, ReturnType<typeof buildListSchema>>();

/**
 * A list response: `_links` + `_embedded.items` (https://api.akeneo.com/documentation/pagination.html).
 * One schema per item schema: a new one per request cost its construction and zod's first-parse compile every time.
 */
export function akeneoListSchema<T extends z.ZodType>(item: T): ReturnType<typeof buildListSchema<T>> {
  let schema = listSchemas.get(item);
  if (!schema) {
    schema = buildListSchema(item);
    listSchemas.set(item, schema);
  }
  return schema as unknown as ReturnType<typeof buildListSchema<T>>;
}

/** One status line of a PATCH collection response (application/vnd.akeneo.collection+json). */
export const akeneoCollectionLineSchema = z.looseObject({
  line: z.number(),
  uuid: z.string().nullish(),
  identifier: z.string().nullish(),
  code: z.string().nullish(),
  status_code: z.number(),
  message: z.string().nullish(),
  errors: z.array(z.looseObject({
    property: z.string().nullish(), attribute: z.string().nullish(), message: z.string(),
    locale: z.string().nullish(), scope: z.string().nullish(),
  })).nullish(),
});
export type AkeneoCollectionLine = z.infer<typeof akeneoCollectionLineSchema>;

/** Error body: `{code, message, errors?}` (https://api.akeneo.com/documentation/responses.html). */
export const akeneoErrorBodySchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional(),
  errors: z.array(z.looseObject({
    property: z.string().nullish(), message: z.string(), attribute: z.string().nullish(),
    locale: z.string().nullish(), scope: z.string().nullish(),
  })).optional(),
});
