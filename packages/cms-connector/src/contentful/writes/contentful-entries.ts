import { isConnectorError, stableHash } from "@omnibridge/core-model";
import { contentfulContentTypeSchema, contentfulEntrySchema, type ContentfulEntry, type ContentfulFields } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";
import { CONTENT_TYPES, type ContentfulTypeId } from "../contentful-content-types";

const version = (value: number) => ({ "X-Contentful-Version": String(value) });

/** The entry, or undefined on 404. */
export async function getEntry(client: ContentfulClient, id: string): Promise<ContentfulEntry | undefined> {
  try {
    return await client.cma({ method: "GET", path: `/entries/${id}`, schema: contentfulEntrySchema });
  } catch (error) {
    if (isConnectorError(error) && error.reason === "not_found") return undefined;
    throw error;
  }
}

/** Published with no pending draft changes (publishing bumps the version once more). */
export function isPublished(entry: ContentfulEntry): boolean {
  return entry.sys.publishedVersion != null && entry.sys.publishedVersion + 1 === entry.sys.version;
}

/** True when the entry already holds these fields in the wanted publication state. */
export function isUnchanged(entry: ContentfulEntry, fields: ContentfulFields, publish: boolean): boolean {
  if (entry.sys.archivedVersion != null) return false;
  if (publish ? !isPublished(entry) : entry.sys.publishedVersion != null) return false;
  return stableHash(entry.fields) === stableHash(fields);
}

/**
 * Save the whole entry (the CMA does not merge: fields and metadata) with `PUT /entries/{id}`: a create with our
 * own id (needs `X-Contentful-Content-Type`), or an update with `X-Contentful-Version` (an archived entry is
 * unarchived first). A stale version is a 409 the caller resolves by re-reading. Publishing is the caller's.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/updating-content
 */
export async function putEntry(
  client: ContentfulClient,
  id: string,
  contentType: ContentfulTypeId,
  existing: ContentfulEntry | undefined,
  fields: ContentfulFields,
): Promise<ContentfulEntry> {
  let current = existing;
  if (current?.sys.archivedVersion != null) {
    current = await client.cma({ method: "DELETE", path: `/entries/${id}/archived`, headers: version(current.sys.version), schema: contentfulEntrySchema });
  }
  const headers = current ? version(current.sys.version) : { "X-Contentful-Content-Type": contentType };
  // The PUT replaces the whole entry: send its metadata (tags) back, or an editor's tags are lost.
  const data = current?.metadata ? { fields, metadata: current.metadata } : { fields };
  return client.cma({ method: "PUT", path: `/entries/${id}`, data, headers, schema: contentfulEntrySchema });
}

/** Publish one entry at its version (`PUT /entries/{id}/published`), when a bulk action could not. */
export function publishEntry(client: ContentfulClient, id: string, at: number): Promise<ContentfulEntry> {
  return client.cma({ method: "PUT", path: `/entries/${id}/published`, headers: version(at), schema: contentfulEntrySchema });
}

/** Unpublish one entry (`DELETE /entries/{id}/published`). */
export function unpublishEntry(client: ContentfulClient, id: string, at: number): Promise<ContentfulEntry> {
  return client.cma({ method: "DELETE", path: `/entries/${id}/published`, headers: version(at), schema: contentfulEntrySchema });
}

/** The entry as it is once published at its current version (the CMA bumps the version once more). */
export function asPublished(entry: ContentfulEntry): ContentfulEntry {
  return { ...entry, sys: { ...entry.sys, publishedVersion: entry.sys.version, version: entry.sys.version + 1 } };
}

/** Unpublish, then archive (Contentful archives only unpublished entries). */
export async function archiveEntry(client: ContentfulClient, entry: ContentfulEntry): Promise<ContentfulEntry> {
  let current = entry;
  if (current.sys.publishedVersion != null) current = await unpublishEntry(client, entry.sys.id, current.sys.version);
  if (current.sys.archivedVersion == null) {
    current = await client.cma({ method: "PUT", path: `/entries/${entry.sys.id}/archived`, headers: version(current.sys.version), schema: contentfulEntrySchema });
  }
  return current;
}

/**
 * Create or complete the connector's content types and activate them. Existing types keep
 * their own extra fields and validations (an editor may have tightened them).
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/content-types
 */
export async function ensureContentTypes(client: ContentfulClient): Promise<void> {
  for (const [id, spec] of Object.entries(CONTENT_TYPES)) {
    let type = await client.cma({ method: "GET", path: `/content_types/${id}`, schema: contentfulContentTypeSchema }).catch((error: unknown) => {
      if (isConnectorError(error) && error.reason === "not_found") return undefined;
      throw error;
    });
    const missing = spec.fields.filter((field) => !type?.fields.some((existing) => existing.id === field.id));
    if (!type || missing.length) {
      const fields = [...(type?.fields ?? []), ...missing];
      type = await client.cma({ method: "PUT", path: `/content_types/${id}`, data: { name: spec.name, displayField: "title", fields }, headers: type ? version(type.sys.version) : {}, schema: contentfulContentTypeSchema });
    }
    if (type.sys.publishedVersion == null || type.sys.publishedVersion + 1 !== type.sys.version) {
      await client.cma({ method: "PUT", path: `/content_types/${id}/published`, headers: version(type.sys.version), schema: contentfulContentTypeSchema });
    }
  }
}
