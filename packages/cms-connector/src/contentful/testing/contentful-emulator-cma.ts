import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { contentfulError, cmaContentType, cmaEntry, ok } from "./contentful-emulator-wire";
import { publishEntry, unpublishEntry, type ContentfulFieldDefinition, type ContentfulSpaceState, type LocalizedFields, type StoredEntry } from "./contentful-emulator-state";
import { validateOnPublish, validateOnSave } from "./contentful-emulator-validate";

// https://www.contentful.com/developers/docs/references/content-management-api/
const base = "/spaces/:space/environments/:environment";
const ID = /^[a-zA-Z0-9-_.]{1,64}$/;

function version(request: EmulatorRequest): number | undefined {
  const raw = request.headers["x-contentful-version"];
  return raw === undefined ? undefined : Number(raw);
}

const mismatch = () => contentfulError(409, "VersionMismatch", "Version mismatch");
const notFound = (kind: string, id: string) => contentfulError(404, "NotFound", "The resource could not be found.", { type: kind, id });

function scoped(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse | undefined {
  if (request.params.space !== state.spaceId || request.params.environment !== state.environment) return notFound("Environment", request.params.environment ?? "");
  return undefined;
}

/** Entry changes guarded by `X-Contentful-Version` (optimistic locking: a stale version is 409). */
function withEntry(state: ContentfulSpaceState, handle: (entry: StoredEntry, request: EmulatorRequest) => EmulatorResponse) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const wrong = scoped(state, request);
    if (wrong) return wrong;
    const entry = state.entries.get(request.params.id!);
    if (!entry) return notFound("Entry", request.params.id!);
    if (request.method !== "GET" && version(request) !== entry.version) return mismatch();
    return handle(entry, request);
  };
}

/** `PUT /entries/:id`: create with our own id (needs X-Contentful-Content-Type) or replace (needs the current version). */
function putEntry(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse {
  const wrong = scoped(state, request);
  if (wrong) return wrong;
  const id = request.params.id!;
  if (!ID.test(id)) return contentfulError(400, "BadRequest", `Invalid id ${id}`);
  const body = request.body as { fields?: LocalizedFields } | undefined;
  if (!body || typeof body.fields !== "object") return contentfulError(400, "BadRequest", "Request body must be an entry with fields");
  const existing = state.entries.get(id);
  if (existing && version(request) !== existing.version) return mismatch();
  if (!existing && version(request) !== undefined) return notFound("Entry", id);
  if (existing?.archivedVersion) return contentfulError(400, "BadRequest", "Cannot update an archived entry; unarchive it first");
  const typeId = existing?.contentTypeId ?? String(request.headers["x-contentful-content-type"] ?? "");
  const type = state.contentTypes.get(typeId);
  if (!type?.publishedVersion) return contentfulError(422, "InvalidEntry", "Validation error", { errors: [{ name: "notResolvable", path: ["sys", "contentType"], details: `Content type ${typeId || "(none)"} is not active` }] });
  const errors = validateOnSave(state, type, body.fields);
  if (errors.length) return contentfulError(422, "InvalidEntry", "Validation error", { errors });
  const now = state.now();
  const entry: StoredEntry = existing ?? { id, contentTypeId: typeId, version: 0, createdAt: now, updatedAt: now, fields: {}, syncSeq: 0 };
  entry.fields = structuredClone(body.fields);
  entry.version += 1;
  entry.updatedAt = now;
  state.entries.set(id, entry);
  return ok(cmaEntry(state, entry), existing ? 200 : 201);
}

function publish(state: ContentfulSpaceState) {
  return withEntry(state, (entry) => {
    if (entry.archivedVersion) return contentfulError(400, "BadRequest", "Cannot publish an archived entry");
    const errors = validateOnPublish(state, state.contentTypes.get(entry.contentTypeId)!, entry.fields);
    if (errors.length) return contentfulError(422, "ValidationFailed", "Validation error", { errors });
    publishEntry(state, entry);
    return ok(cmaEntry(state, entry));
  });
}

function archiveRoutes(state: ContentfulSpaceState): EmulatorRoute[] {
  const path = `${base}/entries/:id/archived`;
  return [
    { method: "PUT", path, handler: withEntry(state, (entry) => {
      if (entry.published) return contentfulError(400, "BadRequest", "Cannot archive a published entry");
      entry.archivedVersion = entry.version;
      entry.version += 1;
      return ok(cmaEntry(state, entry));
    }) },
    { method: "DELETE", path, handler: withEntry(state, (entry) => {
      delete entry.archivedVersion;
      entry.version += 1;
      return ok(cmaEntry(state, entry));
    }) },
  ];
}

/** CMA routes: locales, content types, entries (PUT upsert, publish, unpublish, archive, delete). */
export function cmaRoutes(state: ContentfulSpaceState): EmulatorRoute[] {
  return [
    { method: "GET", path: `${base}/locales`, handler: (request) => scoped(state, request) ?? ok({ sys: { type: "Array" }, total: state.locales.length, skip: 0, limit: 100, items: state.locales.map((l) => ({ ...l, sys: { type: "Locale", id: l.code } })) }) },
    { method: "GET", path: `${base}/content_types/:id`, handler: (request) => {
      const type = state.contentTypes.get(request.params.id!);
      return scoped(state, request) ?? (type ? ok(cmaContentType(state, type)) : notFound("ContentType", request.params.id!));
    } },
    { method: "PUT", path: `${base}/content_types/:id`, handler: (request) => putContentType(state, request) },
    { method: "PUT", path: `${base}/content_types/:id/published`, handler: (request) => {
      const type = state.contentTypes.get(request.params.id!);
      if (!type) return notFound("ContentType", request.params.id!);
      if (version(request) !== type.version) return mismatch();
      type.publishedVersion = type.version;
      type.version += 1;
      return ok(cmaContentType(state, type));
    } },
    { method: "GET", path: `${base}/entries/:id`, handler: withEntry(state, (entry) => ok(cmaEntry(state, entry))) },
    { method: "PUT", path: `${base}/entries/:id`, handler: (request) => putEntry(state, request) },
    { method: "DELETE", path: `${base}/entries/:id`, handler: withEntry(state, (entry) => {
      if (entry.published) return contentfulError(400, "BadRequest", "Cannot delete a published entry");
      state.entries.delete(entry.id);
      return { status: 204 };
    }) },
    { method: "PUT", path: `${base}/entries/:id/published`, handler: publish(state) },
    { method: "DELETE", path: `${base}/entries/:id/published`, handler: withEntry(state, (entry) => {
      if (!entry.published) return contentfulError(400, "BadRequest", "Entry is not published");
      unpublishEntry(state, entry);
      return ok(cmaEntry(state, entry));
    }) },
    ...archiveRoutes(state),
  ];
}

function putContentType(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse {
  const wrong = scoped(state, request);
  if (wrong) return wrong;
  const id = request.params.id!;
  const body = request.body as { name?: string; displayField?: string; fields?: ContentfulFieldDefinition[] } | undefined;
  if (!body?.name || !Array.isArray(body.fields)) return contentfulError(422, "ValidationFailed", "Validation error", { errors: [{ name: "required", path: ["fields"], details: "name and fields are required" }] });
  const existing = state.contentTypes.get(id);
  if (existing && version(request) !== existing.version) return mismatch();
  const now = state.now();
  const type = existing ?? { id, name: body.name, displayField: body.displayField ?? "", fields: [], version: 0, createdAt: now, updatedAt: now };
  Object.assign(type, { name: body.name, displayField: body.displayField ?? type.displayField, fields: body.fields, updatedAt: now });
  type.version += 1;
  state.contentTypes.set(id, type);
  return ok(cmaContentType(state, type), existing ? 200 : 201);
}
