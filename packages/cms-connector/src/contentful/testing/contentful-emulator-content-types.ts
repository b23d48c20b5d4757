import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { byApi, cmaOnly } from "./contentful-emulator-api";
import { mismatch, notFound, scopedTo, version } from "./contentful-emulator-lifecycle";
import { parseCollectionQuery, runCollectionQuery } from "./contentful-emulator-query";
import type { ContentfulFieldDefinition, ContentfulSpaceState } from "./contentful-emulator-state";
import { contentfulError, cmaContentType, ok } from "./contentful-emulator-wire";

/** `PUT /content_types/{id}`: create, or replace with the current version. */
function putContentType(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse {
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

/**
 * Content types: collection and single (CMA: every type with versions; CDA: published ones,
 * through `cda`), create/replace and activate.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/content-types
 */
export function contentTypeRoutes(
  state: ContentfulSpaceState, base: string, cda: (request: EmulatorRequest) => EmulatorResponse,
): EmulatorRoute[] {
  const inScope = scopedTo(state);
  return [
    { method: "GET", path: `${base}/content_types`, handler: inScope(byApi((request) => {
      const query = parseCollectionQuery(request.query);
      if ("status" in query) return query;
      return ok(runCollectionQuery([...state.contentTypes.values()].map((type) => cmaContentType(state, type)), query, undefined));
    }, cda)) },
    { method: "GET", path: `${base}/content_types/:id`, handler: inScope(byApi((request) => {
      const type = state.contentTypes.get(request.params.id!);
      return type ? ok(cmaContentType(state, type)) : notFound("ContentType", request.params.id!);
    }, cda)) },
    { method: "PUT", path: `${base}/content_types/:id`, handler: inScope(cmaOnly((request) => putContentType(state, request))) },
    { method: "PUT", path: `${base}/content_types/:id/published`, handler: inScope(cmaOnly((request) => {
      const type = state.contentTypes.get(request.params.id!);
      if (!type) return notFound("ContentType", request.params.id!);
      if (version(request) !== type.version) return mismatch();
      type.publishedVersion = type.version;
      type.version += 1;
      return ok(cmaContentType(state, type));
    })) },
  ];
}
