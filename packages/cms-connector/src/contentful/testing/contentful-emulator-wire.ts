import type { EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { defaultLocale, type ContentfulSpaceState, type StoredContentType, type StoredEntry } from "./contentful-emulator-state";

let counter = 0;
/** A request id as Contentful sends in error bodies. */
export const requestId = () => `emu${(++counter).toString(16).padStart(12, "0")}`;

/**
 * Contentful's error body `{sys:{type:"Error",id}, message, details?, requestId}`.
 * https://www.contentful.com/developers/docs/references/errors/
 */
export function contentfulError(
  status: number,
  id: string,
  message: string,
  details?: unknown,
  headers?: Record<string, string>,
): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/vnd.contentful.management.v1+json", ...headers },
    body: { sys: { type: "Error", id }, message, ...(details ? { details } : {}), requestId: requestId() },
  };
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

const metadataOf = (entry: StoredEntry) => ({ tags: entry.metadata?.tags ?? [], concepts: [] });

/** An entry or asset as the CMA returns it (draft fields, versions, metadata). */
export function cmaEntry(state: ContentfulSpaceState, entry: StoredEntry) {
  const type = entry.type ?? "Entry";
  return {
    metadata: metadataOf(entry),
    sys: {
      ...baseSys(state), type, id: entry.id, version: entry.version, createdAt: entry.createdAt, updatedAt: entry.updatedAt,
      ...(type === "Entry" ? { contentType: link("ContentType", entry.contentTypeId) } : {}),
      ...(entry.published
        ? {
          publishedVersion: entry.published.version,
          publishedAt: entry.published.at,
          firstPublishedAt: entry.published.firstAt,
          publishedCounter: entry.published.count,
        }
        : {}),
      ...(entry.archivedVersion ? { archivedVersion: entry.archivedVersion, archivedAt: entry.archivedAt } : {}),
    },
    fields: entry.fields,
  };
}

/** sys of a published entry or asset on the CDA (`revision` counts publications). */
function cdaSys(state: ContentfulSpaceState, entry: StoredEntry & { published: NonNullable<StoredEntry["published"]> }) {
  const type = entry.type ?? "Entry";
  return {
    ...baseSys(state), type, id: entry.id, revision: entry.published.count,
    createdAt: entry.published.firstAt, updatedAt: entry.published.at,
    ...(type === "Entry" ? { contentType: link("ContentType", entry.contentTypeId) } : {}),
  };
}

/** A deletion as the Sync API reports it (`DeletedEntry` / `DeletedAsset`). */
function deletion(state: ContentfulSpaceState, entry: StoredEntry) {
  const type = (entry.type ?? "Entry") === "Asset" ? "DeletedAsset" : "DeletedEntry";
  return {
    sys: {
      ...baseSys(state), type, id: entry.id, revision: entry.version,
      createdAt: entry.createdAt, updatedAt: entry.tombstone?.at, deletedAt: entry.tombstone?.at,
    },
  };
}

/** An entry or asset as the CDA sync API returns it (published fields, all locales), or its deletion. */
export function syncEntry(state: ContentfulSpaceState, entry: StoredEntry) {
  if (!entry.published) return deletion(state, entry);
  return { metadata: metadataOf(entry), sys: cdaSys(state, entry as never), fields: entry.published.fields };
}

/**
 * A published entry or asset as CDA collections return it: `locale=*` keeps every locale
 * (no `sys.locale`); one locale flattens each field to its value there, falling back to the
 * default locale.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/localization
 */
export function cdaEntry(state: ContentfulSpaceState, entry: StoredEntry, locale: string) {
  const published = entry.published!;
  const sys = cdaSys(state, entry as never);
  if (locale === "*") return { metadata: metadataOf(entry), sys, fields: published.fields };
  const fallback = defaultLocale(state);
  const fields: Record<string, unknown> = {};
  for (const [id, values] of Object.entries(published.fields)) {
    const value = values[locale] ?? values[fallback];
    if (value !== undefined) fields[id] = value;
  }
  return { metadata: metadataOf(entry), sys: { ...sys, locale }, fields };
}

/** A content type as the CMA returns it. */
export function cmaContentType(state: ContentfulSpaceState, type: StoredContentType) {
  return {
    sys: { ...baseSys(state), type: "ContentType", id: type.id, version: type.version, createdAt: type.createdAt, updatedAt: type.updatedAt, ...(type.publishedVersion ? { publishedVersion: type.publishedVersion } : {}) },
    name: type.name, displayField: type.displayField, fields: type.fields,
  };
}
