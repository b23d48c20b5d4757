import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { present } from "./hubspot-emulator-batch";
import { errorBody, objectTypeName, OBJECT_TYPES, type HubSpotStore, type StoredObject } from "./hubspot-emulator-store";
import { storedValues, validateProperties, type PropertyProblem } from "./hubspot-emulator-validate";

/** HubSpot's answer to an object type it does not know (400, not a missing record). */
export function unknownObjectType(objectType: string): EmulatorResponse {
  return { status: 400, body: errorBody("VALIDATION_ERROR", `Unable to infer object type from: ${objectType}`) };
}

/** Names given in repeated and/or comma-separated query parameters (`properties=a&properties=b,c`). */
export function queryList(request: EmulatorRequest, name: string): string[] {
  return request.query.getAll(name).flatMap((value) => value.split(",")).map((v) => v.trim()).filter(Boolean);
}

const PRIMARY_TYPE_IDS = new Set([1, 2, 5, 6]);

/**
 * v3 `associations` of a record: per requested type `{ results: [{ id, type }] }`. A primary
 * association is listed twice (`contact_to_company` and `contact_to_company_unlabeled`), as HubSpot does.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#retrieve-records
 */
function associationsOf(
  store: HubSpotStore, objectType: string, record: StoredObject, toTypes: string[],
): Record<string, unknown> | undefined {
  if (toTypes.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const requested of toTypes) {
    const toType = objectTypeName(requested);
    const name = `${OBJECT_TYPES[objectType]?.singular ?? objectType}_to_${OBJECT_TYPES[toType]?.singular ?? toType}`;
    const results = [...store.associated(objectType, record.id, toType)]
      .filter(([id]) => store.type(toType).get(id)?.archived === false)
      .flatMap(([id, types]) => ([...types].some((t) => PRIMARY_TYPE_IDS.has(t)) ? [{ id, type: name }, { id, type: `${name}_unlabeled` }] : [{ id, type: name }]));
    if (results.length) out[toType] = { results };
  }
  return Object.keys(out).length ? out : undefined;
}

function wire(store: HubSpotStore, objectType: string, record: StoredObject, request: EmulatorRequest): Record<string, unknown> {
  const properties = queryList(request, "properties");
  const associations = associationsOf(store, objectType, record, queryList(request, "associations"));
  return { ...present(record, properties.length ? properties : undefined), ...(associations ? { associations } : {}) };
}

/**
 * `GET /crm/v3/objects/{type}`: live or (`archived=true`) archived records by id, `limit` ≤100,
 * `after`, repeated or comma-separated `properties` and `associations`.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#retrieve-records
 */
function listObjects(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const objectType = objectTypeName(request.params.objectType!);
    if (!store.properties[objectType]) return unknownObjectType(request.params.objectType!);
    const limit = Number(request.query.get("limit") ?? 10);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 100)) return { status: 400, body: errorBody("VALIDATION_ERROR", "limit must be between 1 and 100") };
    const archived = request.query.get("archived") === "true";
    const after = request.query.get("after") ?? "0";
    const found = [...store.type(objectType).values()]
      .filter((r) => r.archived === archived && Number(r.id) > Number(after))
      .sort((a, b) => Number(a.id) - Number(b.id));
    const page = found.slice(0, limit);
    const next = found.length > limit ? page.at(-1)!.id : undefined;
    const paging = next ? { paging: { next: { after: next, link: `${request.path}?after=${next}` } } } : {};
    return { status: 200, body: { results: page.map((r) => wire(store, objectType, r, request)), ...paging } };
  };
}

/** The record a single-object route names: by id, or by a unique property with `?idProperty=`. */
function target(store: HubSpotStore, request: EmulatorRequest): { objectType: string; record?: StoredObject } | EmulatorResponse {
  const objectType = objectTypeName(request.params.objectType!);
  if (!store.properties[objectType]) return unknownObjectType(request.params.objectType!);
  const id = request.params.id!;
  const idProperty = request.query.get("idProperty");
  if (idProperty && !store.property(objectType, idProperty)?.hasUniqueValue && idProperty !== "hs_object_id") {
    return { status: 400, body: errorBody("VALIDATION_ERROR", `${idProperty} is not a unique property of ${objectType}`) };
  }
  const record = idProperty && idProperty !== "hs_object_id" ? store.findBy(objectType, idProperty, id) : store.type(objectType).get(id);
  const archived = request.query.get("archived") === "true";
  return { objectType, record: record && record.archived === archived ? record : undefined };
}

function notFound(request: EmulatorRequest): EmulatorResponse {
  return { status: 404, body: errorBody("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", { context: { id: [request.params.id!] } }) };
}

function invalid(problems: PropertyProblem[]): EmulatorResponse {
  const duplicate = problems.find((p) => p.code === "DUPLICATE_VALUE");
  if (duplicate) return { status: 409, body: errorBody("CONFLICT", duplicate.message, { context: { propertyName: [duplicate.in] } }) };
  const errors = problems.map((p) => ({ message: p.message, code: p.code, in: p.in, context: { propertyName: [p.in] } }));
  return { status: 400, body: errorBody("VALIDATION_ERROR", `Property values were not valid: ${JSON.stringify(problems.map((p) => ({ isValid: false, message: p.message, error: p.code, name: p.in })))}`, { errors }) };
}

type AssociationInput = { to?: { id?: unknown }; types?: Array<{ associationTypeId?: number }> };

/** `POST /crm/v3/objects/{type}`: 201 with the record; associations given inline are created too. */
function createObject(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const objectType = objectTypeName(request.params.objectType!);
    if (!store.properties[objectType]) return unknownObjectType(request.params.objectType!);
    const body = (request.body ?? {}) as { properties?: unknown; associations?: AssociationInput[] };
    const problems = validateProperties(store, objectType, body.properties ?? {});
    if (problems.length) return invalid(problems);
    const record = store.put(objectType, undefined, storedValues(store, objectType, (body.properties ?? {}) as Record<string, unknown>));
    for (const association of body.associations ?? []) {
      const toId = String(association.to?.id ?? "");
      for (const [toType, records] of store.objects) {
        if (!records.has(toId)) continue;
        for (const type of association.types ?? []) {
          if (type.associationTypeId !== undefined) store.associate(objectType, record.id, toType, toId, type.associationTypeId);
        }
      }
    }
    return { status: 201, body: present(record) };
  };
}

/**
 * Single-object routes: `GET|PATCH|DELETE /crm/v3/objects/{type}/{id}` (GET and PATCH take
 * `?idProperty=`), `POST /crm/v3/objects/{type}`, and the paged list.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis
 */
export function objectRoutes(store: HubSpotStore): EmulatorRoute[] {
  return [
    { method: "GET", path: "/crm/v3/objects/:objectType", handler: listObjects(store) },
    { method: "POST", path: "/crm/v3/objects/:objectType", handler: createObject(store) },
    {
      method: "GET", path: "/crm/v3/objects/:objectType/:id",
      handler: (request) => {
        const found = target(store, request);
        if ("status" in found) return found;
        return found.record ? { status: 200, body: wire(store, found.objectType, found.record, request) } : notFound(request);
      },
    },
    {
      method: "PATCH", path: "/crm/v3/objects/:objectType/:id",
      handler: (request) => {
        const found = target(store, request);
        if ("status" in found) return found;
        if (!found.record) return notFound(request);
        const properties = (request.body as { properties?: unknown } | undefined)?.properties ?? {};
        const problems = validateProperties(store, found.objectType, properties, found.record.id);
        if (problems.length) return invalid(problems);
        const values = storedValues(store, found.objectType, properties as Record<string, unknown>);
        return { status: 200, body: present(store.put(found.objectType, found.record.id, values)) };
      },
    },
    {
      method: "DELETE", path: "/crm/v3/objects/:objectType/:id",
      handler: (request) => {
        const found = target(store, request);
        if ("status" in found) return found;
        // Archiving a missing or archived record is harmless: 204 either way.
        if (found.record) store.archive(found.objectType, found.record.id);
        return { status: 204 };
      },
    },
  ];
}
