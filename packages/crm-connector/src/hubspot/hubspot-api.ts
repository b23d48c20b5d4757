import { z } from "zod";

/**
 * Raw HubSpot payload schemas: minimal and tolerant (unknown members pass through, optional
 * members are nullish). Property values are always strings or null on the wire.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis
 */
export const hubSpotPropertiesSchema = z.record(z.string(), z.string().nullish());
/** Property values as HubSpot sends them. */
export type HubSpotProperties = z.infer<typeof hubSpotPropertiesSchema>;

/** `SimplePublicObject`: one CRM record. */
export const hubSpotObjectSchema = z.looseObject({
  id: z.string(),
  properties: hubSpotPropertiesSchema,
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  archived: z.boolean().nullish(),
  archivedAt: z.string().nullish(),
});
/** One CRM record (contact, company, deal, line item, product). */
export type HubSpotObject = z.infer<typeof hubSpotObjectSchema>;

const pagingSchema = z.looseObject({ next: z.looseObject({ after: z.string(), link: z.string().nullish() }).nullish() }).nullish();

/** `CollectionResponseWithTotalSimplePublicObject` (search). */
export const hubSpotSearchResponseSchema = z.looseObject({
  total: z.number().int(),
  results: z.array(hubSpotObjectSchema),
  paging: pagingSchema,
});
/** Search response. */
export type HubSpotSearchResponse = z.infer<typeof hubSpotSearchResponseSchema>;

/** One detail of an error (`ErrorDetail`): `code`, the field `in`, and a context such as `propertyName` or `requiredScopes`. */
export const hubSpotErrorDetailSchema = z.looseObject({
  message: z.string().nullish(),
  code: z.string().nullish(),
  in: z.string().nullish(),
  subCategory: z.unknown().optional(),
  // The reference shows `context` both as a map of string arrays and as text (`{missingScopes=[…]}`).
  context: z.union([z.record(z.string(), z.array(z.string())), z.string()]).nullish(),
});

/** `StandardError` of a 207 batch response. */
export const hubSpotStandardErrorSchema = z.looseObject({
  status: z.string().nullish(),
  category: z.string().nullish(),
  subCategory: z.unknown().optional(),
  message: z.string().nullish(),
  context: z.record(z.string(), z.array(z.string())).nullish(),
  errors: z.array(hubSpotErrorDetailSchema).nullish(),
  links: z.record(z.string(), z.string()).nullish(),
});
/** One error of a batch response. */
export type HubSpotStandardError = z.infer<typeof hubSpotStandardErrorSchema>;

/** `CollectionResponseSimplePublicObjectWithAssociationsForwardPaging` (GET list). */
export const hubSpotListPageSchema = z.looseObject({ results: z.array(hubSpotObjectSchema), paging: pagingSchema });

/** `BatchResponseSimplePublicUpsertObject` (+ `WithErrors` on 207). */
export const hubSpotBatchResponseSchema = z.looseObject({
  status: z.string(),
  results: z.array(hubSpotObjectSchema.extend({ new: z.boolean().nullish() })),
  errors: z.array(hubSpotStandardErrorSchema).nullish(),
  numErrors: z.number().int().nullish(),
});
/** Batch read/create/update/upsert response. */
export type HubSpotBatchResponse = z.infer<typeof hubSpotBatchResponseSchema>;

/** Associations v4 batch read: `BatchResponsePublicAssociationMultiWithLabel`; each result pages on its own. */
export const hubSpotAssociationBatchSchema = z.looseObject({
  status: z.string(),
  results: z.array(
    z.looseObject({
      from: z.looseObject({ id: z.union([z.number(), z.string()]).transform(String) }),
      to: z.array(
        z.looseObject({
          toObjectId: z.union([z.number(), z.string()]).transform(String),
          associationTypes: z
            .array(z.looseObject({ category: z.string(), typeId: z.number().int(), label: z.string().nullish() }))
            .nullish(),
        }),
      ),
      paging: pagingSchema,
    }),
  ),
  errors: z.array(hubSpotStandardErrorSchema).nullish(),
});

/** Associations v4 batch create: `BatchResponseLabelsBetweenObjectPair` (+ `WithErrors` on 207). */
export const hubSpotAssociationCreateSchema = z.looseObject({
  status: z.string(),
  results: z.array(
    z.looseObject({
      fromObjectId: z.union([z.number(), z.string()]).transform(String),
      toObjectId: z.union([z.number(), z.string()]).transform(String),
    }),
  ),
  errors: z.array(hubSpotStandardErrorSchema).nullish(),
  numErrors: z.number().int().nullish(),
});

/** `MembershipsUpdateResponse` of add-and-remove (HubSpot spells it `recordsIdsAdded`). */
export const hubSpotMembershipsUpdateSchema = z.looseObject({
  recordsIdsAdded: z.array(z.union([z.string(), z.number()]).transform(String)),
  recordIdsRemoved: z.array(z.union([z.string(), z.number()]).transform(String)),
  recordIdsMissing: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
});

/** Property definition from `/crm/v3/properties/{objectType}`. */
export const hubSpotPropertyListSchema = z.looseObject({
  results: z.array(z.looseObject({ name: z.string(), type: z.string(), hasUniqueValue: z.boolean().nullish() })),
});

/** A list (segment) from the Lists API v3. https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide */
export const hubSpotListSchema = z.looseObject({
  listId: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  processingType: z.string().nullish(),
  objectTypeId: z.string().nullish(),
  updatedAt: z.string().nullish(),
  createdAt: z.string().nullish(),
});
/** A HubSpot list. */
export type HubSpotList = z.infer<typeof hubSpotListSchema>;

/** `POST /crm/v3/lists/search` response. */
export const hubSpotListSearchSchema = z.looseObject({
  lists: z.array(hubSpotListSchema),
  hasMore: z.boolean(),
  offset: z.number().int(),
  total: z.number().int().nullish(),
});

/** `GET /crm/v3/lists/{listId}/memberships` response. */
export const hubSpotMembershipsSchema = z.looseObject({
  results: z.array(z.looseObject({ recordId: z.union([z.string(), z.number()]).transform(String) })),
  paging: pagingSchema,
});

/** The error body HubSpot sends with non-2xx answers (spec `Error`, plus 429's `policyName`). */
export const hubSpotErrorBodySchema = z.looseObject({
  status: z.string().nullish(),
  message: z.string().nullish(),
  correlationId: z.string().nullish(),
  category: z.string().nullish(),
  subCategory: z.unknown().optional(),
  errorType: z.string().nullish(),
  policyName: z.string().nullish(),
  context: z.record(z.string(), z.array(z.string())).nullish(),
  errors: z.array(hubSpotErrorDetailSchema).nullish(),
  links: z.record(z.string(), z.string()).nullish(),
});
/** A parsed HubSpot error body. */
export type HubSpotErrorBody = z.infer<typeof hubSpotErrorBodySchema>;
