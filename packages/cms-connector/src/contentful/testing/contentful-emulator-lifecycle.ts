import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { cmaOnly } from "./contentful-emulator-api";
import { publishEntry, removeResource, unpublishEntry, type ContentfulSpaceState, type StoredEntry } from "./contentful-emulator-state";
import { validateOnPublish, type ContentfulValidationError } from "./contentful-emulator-validate";
import { contentfulError, cmaEntry, ok } from "./contentful-emulator-wire";

/** `X-Contentful-Version`, when sent. */
export function version(request: EmulatorRequest): number | undefined {
  const raw = request.headers["x-contentful-version"];
  return raw === undefined ? undefined : Number(raw);
}

export const mismatch = () => contentfulError(409, "VersionMismatch", "Version mismatch");
export const notFound = (kind: string, id: string) => contentfulError(404, "NotFound", "The resource could not be found.", { type: kind, id });

/** 404 for another space or environment. */
export function scoped(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse | undefined {
  if (request.params.space !== state.spaceId || request.params.environment !== state.environment) return notFound("Environment", request.params.environment ?? "");
  return undefined;
}

/** Wrap a handler so requests for another space or environment answer 404. */
export function scopedTo(state: ContentfulSpaceState) {
  type Handler = (request: EmulatorRequest) => EmulatorResponse;
  return (handler: Handler): Handler => (request) => scoped(state, request) ?? handler(request);
}

type Kind = "Entry" | "Asset";
type Handler = (resource: StoredEntry, request: EmulatorRequest) => EmulatorResponse;

/**
 * A state change of one entry or asset. `X-Contentful-Version` is required where the CMA
 * requires it (publish) and optional elsewhere (unpublish, archive, unarchive, delete: the
 * reference lists it as optional and the official SDK does not send it); when sent, a stale
 * one is a 409 VersionMismatch.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/entries/entry-publishing
 */
function change(state: ContentfulSpaceState, kind: Kind, versionRequired: boolean, handle: Handler) {
  return cmaOnly((request) => {
    const wrong = scoped(state, request);
    if (wrong) return wrong;
    const resource = (kind === "Asset" ? state.assets : state.entries).get(request.params.id!);
    if (!resource) return notFound(kind, request.params.id!);
    const sent = version(request);
    if ((versionRequired || sent !== undefined) && sent !== resource.version) return mismatch();
    return handle(resource, request);
  });
}

/** Publish checks: an entry's validations, an asset's processed files. */
export function publishErrors(state: ContentfulSpaceState, resource: StoredEntry): ContentfulValidationError[] {
  if (resource.type === "Asset") {
    return Object.entries(resource.fields.file ?? {})
      .filter(([, file]) => !(file as { url?: unknown } | null)?.url)
      .map(([locale]) => ({ name: "required", path: ["fields", "file", locale, "url"], details: "The file has not been processed" }));
  }
  return validateOnPublish(state, state.contentTypes.get(resource.contentTypeId)!, resource.fields);
}

/** Publish, unpublish, archive, unarchive and delete of entries or assets under `path`. */
export function lifecycleRoutes(state: ContentfulSpaceState, path: string, kind: Kind): EmulatorRoute[] {
  const what = kind.toLowerCase();
  return [
    { method: "PUT", path: `${path}/:id/published`, handler: change(state, kind, true, (resource) => {
      if (resource.archivedVersion) return contentfulError(400, "BadRequest", `Cannot publish an archived ${what}`);
      const errors = publishErrors(state, resource);
      if (errors.length) return contentfulError(422, "ValidationFailed", "Validation error", { errors });
      publishEntry(state, resource);
      return ok(cmaEntry(state, resource));
    }) },
    { method: "DELETE", path: `${path}/:id/published`, handler: change(state, kind, false, (resource) => {
      if (!resource.published) return contentfulError(400, "BadRequest", `${kind} is not published`);
      unpublishEntry(state, resource);
      return ok(cmaEntry(state, resource));
    }) },
    { method: "PUT", path: `${path}/:id/archived`, handler: change(state, kind, false, (resource) => {
      if (resource.published) return contentfulError(400, "BadRequest", `Cannot archive a published ${what}`);
      if (resource.archivedVersion) return contentfulError(400, "BadRequest", `${kind} is already archived`);
      resource.archivedVersion = resource.version;
      resource.archivedAt = state.now();
      resource.version += 1;
      return ok(cmaEntry(state, resource));
    }) },
    { method: "DELETE", path: `${path}/:id/archived`, handler: change(state, kind, false, (resource) => {
      if (!resource.archivedVersion) return contentfulError(400, "BadRequest", `${kind} is not archived`);
      delete resource.archivedVersion;
      delete resource.archivedAt;
      resource.version += 1;
      return ok(cmaEntry(state, resource));
    }) },
    { method: "DELETE", path: `${path}/:id`, handler: change(state, kind, false, (resource) => {
      if (resource.published) return contentfulError(400, "BadRequest", `Cannot delete a published ${what}`);
      removeResource(state, resource);
      return { status: 204 };
    }) },
  ];
}
