import { randomBytes } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { byApi, cmaOnly } from "./contentful-emulator-api";
import { cdaContentTypes, cdaCollection, cdaLocales, cdaSingle } from "./contentful-emulator-cda";
import { parseCollectionQuery, runCollectionQuery } from "./contentful-emulator-query";
import { type ContentfulTagLink, type ContentfulSpaceState, type LocalizedFields, type StoredEntry } from "./contentful-emulator-state";
import { contentfulError, cmaEntry, ok } from "./contentful-emulator-wire";
import { validateOnSave } from "./contentful-emulator-validate";
import { contentTypeRoutes } from "./contentful-emulator-content-types";
import { bulkActionRoutes } from "./contentful-emulator-bulk";
import { lifecycleRoutes, mismatch, notFound, scopedTo, version } from "./contentful-emulator-lifecycle";

// https://www.contentful.com/developers/docs/references/content-management-api/
const base = "/spaces/:space/environments/:environment";
const ID = /^[a-zA-Z0-9-_.]{1,64}$/;

/** A server-generated id, like Contentful's (22 characters of [0-9A-Za-z]). */
export function generatedId(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return [...randomBytes(22)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

/** `metadata.tags` of a request body: links to tags; anything else is a 422. */
export function tagsOf(body: { metadata?: unknown }): ContentfulTagLink[] | EmulatorResponse {
  const tags = (body.metadata as { tags?: unknown } | undefined)?.tags ?? [];
  const valid = Array.isArray(tags) && tags.every((tag) => (tag as ContentfulTagLink | null)?.sys?.linkType === "Tag" && typeof tag.sys.id === "string");
  if (!valid) return contentfulError(422, "ValidationFailed", "Validation error", { errors: [{ name: "type", path: ["metadata", "tags"], details: "metadata.tags must be an array of Tag links", value: tags }] });
  return (tags as ContentfulTagLink[]).map((tag) => ({ sys: { type: "Link", linkType: "Tag", id: tag.sys.id } }));
}

/**
 * Save an entry: create (`POST /entries` with a generated id, or `PUT /entries/{id}` with ours;
 * both need `X-Contentful-Content-Type`) or replace (`PUT` with the current version). The body
 * is the whole entry without `sys`: `fields` and `metadata` both replace what was stored.
 */
function saveEntry(state: ContentfulSpaceState, request: EmulatorRequest, id: string): EmulatorResponse {
  if (!ID.test(id)) return contentfulError(400, "BadRequest", `Invalid id ${id}`);
  const body = request.body as { fields?: LocalizedFields; metadata?: unknown } | undefined;
  if (!body || typeof body.fields !== "object" || body.fields === null) return contentfulError(400, "BadRequest", "Request body must be an entry with fields");
  const existing = state.entries.get(id);
  if (existing && version(request) !== existing.version) return mismatch();
  if (!existing && version(request) !== undefined) return notFound("Entry", id);
  if (existing?.archivedVersion) return contentfulError(400, "BadRequest", "Cannot update an archived entry; unarchive it first");
  const typeId = existing?.contentTypeId ?? String(request.headers["x-contentful-content-type"] ?? "");
  const type = state.contentTypes.get(typeId);
  if (!type?.publishedVersion) return contentfulError(422, "InvalidEntry", "Validation error", { errors: [{ name: "notResolvable", path: ["sys", "contentType"], details: `Content type ${typeId || "(none)"} is not active` }] });
  const errors = validateOnSave(state, type, body.fields);
  if (errors.length) return contentfulError(422, "InvalidEntry", "Validation error", { errors });
  const tags = tagsOf(body);
  if (!Array.isArray(tags)) return tags;
  const now = state.now();
  const entry: StoredEntry = existing ?? { id, type: "Entry", contentTypeId: typeId, version: 0, createdAt: now, updatedAt: now, fields: {}, syncSeq: 0 };
  entry.fields = structuredClone(body.fields);
  entry.metadata = { tags };
  entry.version += 1;
  entry.updatedAt = now;
  state.entries.set(id, entry);
  state.removed.delete(`Entry:${id}`);
  return ok(cmaEntry(state, entry), existing ? 200 : 201);
}

/** `GET /entries` on the CMA: every entry (drafts, archived) with its versions. */
function cmaEntries(state: ContentfulSpaceState) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const query = parseCollectionQuery(request.query);
    if ("status" in query) return query;
    if (query.contentType && !state.contentTypes.has(query.contentType)) return contentfulError(400, "InvalidQuery", "The query you sent was invalid. Probably a filter or ordering specification is not applicable to the type of a field.", { errors: [{ name: "unknownContentType", value: query.contentType }] });
    const main = state.locales.find((l) => l.default)?.code;
    return ok(runCollectionQuery([...state.entries.values()].map((entry) => cmaEntry(state, entry)), query, main));
  };
}

/** CMA routes: locales, content types, entries (collection, create, upsert, lifecycle); GETs the CDA shares dispatch on the token. */
export function cmaRoutes(state: ContentfulSpaceState, bulkActionDelayMs = 20): EmulatorRoute[] {
  const inScope = scopedTo(state);
  return [
    { method: "GET", path: `${base}/locales`, handler: inScope(byApi(
      () => ok({ sys: { type: "Array" }, total: state.locales.length, skip: 0, limit: 100, items: state.locales.map((l) => ({ ...l, fallbackCode: null, sys: { type: "Locale", id: l.code, version: 1 } })) }),
      () => ok(cdaLocales(state)),
    )) },
    ...contentTypeRoutes(state, base, (request) => cdaContentTypes(state, request)),
    { method: "GET", path: `${base}/entries`, handler: inScope(byApi(cmaEntries(state), (request) => cdaCollection(state, state.entries, request))) },
    { method: "POST", path: `${base}/entries`, handler: inScope(cmaOnly((request) => {
      if (!request.headers["x-contentful-content-type"]) return contentfulError(422, "InvalidEntry", "Validation error", { errors: [{ name: "required", path: ["sys", "contentType"], details: "X-Contentful-Content-Type header is required" }] });
      return saveEntry(state, request, generatedId());
    })) },
    { method: "GET", path: `${base}/entries/:id`, handler: inScope(byApi(
      (request) => {
        const entry = state.entries.get(request.params.id!);
        return entry ? ok(cmaEntry(state, entry)) : notFound("Entry", request.params.id!);
      },
      (request) => cdaSingle(state, state.entries, request),
    )) },
    { method: "PUT", path: `${base}/entries/:id`, handler: inScope(cmaOnly((request) => saveEntry(state, request, request.params.id!))) },
    ...lifecycleRoutes(state, `${base}/entries`, "Entry"),
    ...bulkActionRoutes(state, base, bulkActionDelayMs),
  ];
}
