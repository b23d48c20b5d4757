import type { EmulatorResponse } from "@omnibridge/connector-kit/testing";
import type { ContentfulSpaceState, StoredContentType, StoredEntry } from "./contentful-emulator-state";

let counter = 0;
/** A request id as Contentful sends in error bodies. */
export const requestId = () => `emu${(++counter).toString(16).padStart(12, "0")}`;

/**
 * Contentful's error body `{sys:{type:"Error",id}, message, details?, requestId}`.
 * https://www.contentful.com/developers/docs/references/errors/
 */
export function contentfulError(status: number, id: string, message: string, details?: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status, headers: { "content-type": "application/vnd.contentful.management.v1+json", ...headers }, body: { sys: { type: "Error", id }, message, ...(details ? { details } : {}), requestId: requestId() } };
}

/** A JSON response with the CMA media type. */
export function ok(body: unknown, status = 200): EmulatorResponse {
  return { status, headers: { "content-type": "application/vnd.contentful.management.v1+json" }, body };
}

const link = (linkType: string, id: string) => ({ sys: { type: "Link", linkType, id } });

/** sys of a space-scoped resource. */
export function baseSys(state: ContentfulSpaceState) {
  return { space: link("Space", state.spaceId), environment: link("Environment", state.environment) };
}

/** An entry as the CMA returns it (draft fields, versions). */
export function cmaEntry(state: ContentfulSpaceState, entry: StoredEntry) {
  return {
    sys: {
      ...baseSys(state), type: "Entry", id: entry.id, version: entry.version, createdAt: entry.createdAt, updatedAt: entry.updatedAt,
      contentType: link("ContentType", entry.contentTypeId),
      ...(entry.published ? { publishedVersion: entry.published.version, publishedAt: entry.published.at, firstPublishedAt: entry.published.firstAt, publishedCounter: entry.published.count } : {}),
      ...(entry.archivedVersion ? { archivedVersion: entry.archivedVersion } : {}),
    },
    fields: entry.fields,
  };
}

/** An entry as the CDA sync API returns it (published fields, all locales). */
export function syncEntry(state: ContentfulSpaceState, entry: StoredEntry) {
  if (!entry.published) {
    return { sys: { ...baseSys(state), type: "DeletedEntry", id: entry.id, revision: entry.version, createdAt: entry.createdAt, updatedAt: entry.tombstone?.at, deletedAt: entry.tombstone?.at } };
  }
  return {
    sys: { ...baseSys(state), type: "Entry", id: entry.id, revision: entry.published.count, createdAt: entry.published.firstAt, updatedAt: entry.published.at, contentType: link("ContentType", entry.contentTypeId) },
    fields: entry.published.fields,
  };
}

/** A content type as the CMA returns it. */
export function cmaContentType(state: ContentfulSpaceState, type: StoredContentType) {
  return {
    sys: { ...baseSys(state), type: "ContentType", id: type.id, version: type.version, createdAt: type.createdAt, updatedAt: type.updatedAt, ...(type.publishedVersion ? { publishedVersion: type.publishedVersion } : {}) },
    name: type.name, displayField: type.displayField, fields: type.fields,
  };
}
