import { z } from "zod";

/**
 * Raw Contentful payloads, minimal and tolerant.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/entries
 */
export const localizedFieldsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
/** Locale-keyed field values. */
export type ContentfulFields = z.infer<typeof localizedFieldsSchema>;

const linkSchema = z.object({ sys: z.object({ id: z.string() }).passthrough() });

/**
 * `metadata` of an entry (tags, taxonomy concepts). Kept as sent: a PUT replaces it, so an update
 * must send it back. https://www.contentful.com/developers/docs/references/content-management-api/#/reference/content-tags
 */
export const contentfulMetadataSchema = z.object({ tags: z.array(linkSchema).default([]) }).passthrough();

/** An entry from the CMA (draft fields, versions, metadata). */
export const contentfulEntrySchema = z.object({
  sys: z.object({
    id: z.string(), type: z.literal("Entry"), version: z.number().int(),
    publishedVersion: z.number().int().nullish(), archivedVersion: z.number().int().nullish(),
    contentType: linkSchema, updatedAt: z.string().nullish(),
  }).passthrough(),
  fields: localizedFieldsSchema.default({}),
  metadata: contentfulMetadataSchema.nullish(),
});
/** A CMA entry. */
export type ContentfulEntry = z.infer<typeof contentfulEntrySchema>;

/**
 * A CMA entry collection (`GET /entries?sys.id[in]=…`): items are parsed one by one, so one odd
 * entry does not hide the others. https://www.contentful.com/developers/docs/references/content-management-api/#/reference/entries/entries-collection
 */
export const contentfulCollectionSchema = z.object({ items: z.array(z.unknown()), total: z.number().int().nullish() });

/** A link to an entry or asset, with the version a publish names. */
export const contentfulVersionedLinkSchema = z.object({
  sys: z.object({ id: z.string(), linkType: z.string().nullish(), version: z.number().int().nullish() }).passthrough(),
});

/**
 * A bulk action (`POST /bulk_actions/publish`, `GET /bulk_actions/actions/{id}`): `sys.status` is
 * `created`, `inProgress`, `succeeded` or `failed` (kept a string: an unknown status is waited on like
 * `inProgress`). A failed one carries `error` (`BulkActionFailed`) whose `details.errors[]` name each
 * rejected entity and its own error body. Nothing is published when it fails: a bulk publish is all or nothing.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/bulk-actions
 */
export const contentfulBulkActionSchema = z.object({
  sys: z.object({ id: z.string(), type: z.literal("BulkAction"), status: z.string() }).passthrough(),
  action: z.string().nullish(),
  error: z.object({
    sys: z.object({ id: z.string() }).passthrough(),
    message: z.string().nullish(),
    details: z.object({
      errors: z.array(z.object({ entity: contentfulVersionedLinkSchema, error: z.unknown() }).passthrough()).nullish(),
    }).passthrough().nullish(),
  }).passthrough().nullish(),
});
/** A bulk action. */
export type ContentfulBulkAction = z.infer<typeof contentfulBulkActionSchema>;

/** One item of a sync page: a published entry or a deletion. */
export const contentfulSyncItemSchema = z.object({
  sys: z.object({
    id: z.string(), type: z.string(), contentType: linkSchema.nullish(),
    createdAt: z.string().nullish(), updatedAt: z.string().nullish(), deletedAt: z.string().nullish(),
  }).passthrough(),
  fields: localizedFieldsSchema.nullish(),
});
/** A sync item. */
export type ContentfulSyncItem = z.infer<typeof contentfulSyncItemSchema>;

/** A sync page: `nextPageUrl` while more are waiting, `nextSyncUrl` at the end. */
export const contentfulSyncPageSchema = z.object({
  items: z.array(z.unknown()),
  nextPageUrl: z.string().nullish(),
  nextSyncUrl: z.string().nullish(),
});

/** A content type. */
export const contentfulContentTypeSchema = z.object({
  sys: z.object({ id: z.string(), version: z.number().int(), publishedVersion: z.number().int().nullish() }).passthrough(),
  fields: z.array(z.object({ id: z.string() }).passthrough()),
});

/** Locales of the environment. */
export const contentfulLocalesSchema = z.object({
  items: z.array(z.object({ code: z.string(), default: z.boolean().nullish() }).passthrough()),
});

/**
 * One validation problem of a 400/422. `path` is documented as an array (`["fields","title","en-US"]`)
 * but real bodies also carry a plain string (`"display_code"`, see contentful-management.php's
 * ValidationFailedExceptionTest), so both are accepted.
 */
export const contentfulValidationSchema = z.object({
  name: z.string().nullish(),
  path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).nullish(),
  value: z.unknown().optional(),
  details: z.string().nullish(),
}).passthrough();
/** A validation problem. */
export type ContentfulValidation = z.infer<typeof contentfulValidationSchema>;

/** `{sys:{type:"Error", id}, message, details?, requestId}` https://www.contentful.com/developers/docs/references/errors/ */
export const contentfulErrorSchema = z.object({
  sys: z.object({ type: z.literal("Error"), id: z.string() }),
  message: z.string().nullish(),
  details: z.object({
    errors: z.array(contentfulValidationSchema).nullish(),
    /** Unknown keys of an `InvalidEntry` body ("The body you sent contains an unknown key."). */
    keys: z.array(z.string()).nullish(),
  }).passthrough().nullish(),
  requestId: z.string().nullish(),
});
