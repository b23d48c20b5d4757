import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { parseCollectionQuery, runCollectionQuery } from "./contentful-emulator-query";
import { defaultLocale, type ContentfulSpaceState, type StoredEntry } from "./contentful-emulator-state";
import { baseSys, cdaEntry, contentfulError, ok } from "./contentful-emulator-wire";

// The Content Delivery API: published content only, one locale per response unless `locale=*`.
// https://www.contentful.com/developers/docs/references/content-delivery-api/

/** The requested locale (`*` for all), the default when absent, or a 400 for an unknown one. */
function localeOf(state: ContentfulSpaceState, request: EmulatorRequest): string | EmulatorResponse {
  const locale = request.query.get("locale") ?? defaultLocale(state);
  if (locale === "*" || state.locales.some((l) => l.code === locale)) return locale;
  return contentfulError(400, "BadRequest", `Unknown locale: ${locale}`);
}

const published = (resources: Map<string, StoredEntry>) => [...resources.values()].filter((resource) => resource.published);

/** `GET /entries` or `/assets` on the CDA (search parameters, `skip`/`limit`, `locale`). */
export function cdaCollection(
  state: ContentfulSpaceState, resources: Map<string, StoredEntry>, request: EmulatorRequest,
): EmulatorResponse {
  const locale = localeOf(state, request);
  if (typeof locale !== "string") return locale;
  const query = parseCollectionQuery(request.query);
  if ("status" in query) return query;
  if (query.contentType && !state.contentTypes.get(query.contentType)?.publishedVersion) {
    return contentfulError(400, "InvalidQuery", "The query you sent was invalid. Probably a filter or ordering specification is not applicable to the type of a field.", { errors: [{ name: "unknownContentType", value: query.contentType }] });
  }
  const items = published(resources).map((resource) => cdaEntry(state, resource, locale));
  return ok(runCollectionQuery(items, query, locale === "*" ? defaultLocale(state) : undefined));
}

/** `GET /entries/{id}` or `/assets/{id}` on the CDA: published only, else 404. */
export function cdaSingle(state: ContentfulSpaceState, resources: Map<string, StoredEntry>, request: EmulatorRequest): EmulatorResponse {
  const locale = localeOf(state, request);
  if (typeof locale !== "string") return locale;
  const resource = resources.get(request.params.id!);
  if (!resource?.published) return contentfulError(404, "NotFound", "The resource could not be found.", { type: resources === state.assets ? "Asset" : "Entry", id: request.params.id });
  return ok(cdaEntry(state, resource, locale));
}

/** `GET /content_types[/{id}]` on the CDA: active content types. */
export function cdaContentTypes(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse {
  const shape = (type: ReturnType<ContentfulSpaceState["contentTypes"]["get"]> & object) => ({
    sys: { ...baseSys(state), type: "ContentType", id: type.id, revision: type.publishedVersion, createdAt: type.createdAt, updatedAt: type.updatedAt },
    displayField: type.displayField, name: type.name, description: "", fields: type.fields,
  });
  const active = [...state.contentTypes.values()].filter((type) => type.publishedVersion);
  if (request.params.id) {
    const type = active.find((candidate) => candidate.id === request.params.id);
    return type ? ok(shape(type)) : contentfulError(404, "NotFound", "The resource could not be found.", { type: "ContentType", id: request.params.id });
  }
  const query = parseCollectionQuery(request.query);
  if ("status" in query) return query;
  return ok(runCollectionQuery(active.map(shape), query, undefined));
}

/** `GET /locales` on the CDA. */
export function cdaLocales(state: ContentfulSpaceState) {
  const items = state.locales.map((l) => ({ code: l.code, name: l.name, default: l.default, fallbackCode: null, sys: { id: l.code, type: "Locale", version: 1 } }));
  return { sys: { type: "Array" }, total: items.length, skip: 0, limit: 1000, items };
}
