import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { BATCH_MAX } from "./hubspot-emulator-batch";
import { unknownObjectType } from "./hubspot-emulator-objects";
import { errorBody, objectTypeName, OBJECT_TYPES, type HubSpotStore } from "./hubspot-emulator-store";

/** Default (unlabeled) association type per direction, used by the `default` routes. */
const DEFAULT_TYPES: Record<string, number> = {
  "contacts:companies": 279, "companies:contacts": 280, "deals:contacts": 3, "contacts:deals": 4,
  "deals:companies": 341, "companies:deals": 342, "deals:line_items": 19, "line_items:deals": 20,
};

type AssociationInput = {
  from?: { id?: unknown };
  to?: { id?: unknown };
  types?: Array<{ associationCategory?: string; associationTypeId?: number }>;
};

const now = () => new Date().toISOString();
const cursor = (offset: number) => Buffer.from(String(offset)).toString("base64url");
const offsetOf = (after: unknown) => (typeof after === "string" && after ? Number(Buffer.from(after, "base64url").toString("utf8")) || 0 : 0);
const typeIdOf = (name: string) => OBJECT_TYPES[name]?.typeId ?? name;

/** Live targets of one record, ascending by id, each with its association types. */
function targets(store: HubSpotStore, from: string, id: string, to: string) {
  return [...store.associated(from, id, to)]
    .filter(([toId]) => store.type(to).get(toId)?.archived === false)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([toObjectId, types]) => ({
      toObjectId: Number(toObjectId),
      associationTypes: [...types].sort((a, b) => a - b).map((typeId) => ({ category: "HUBSPOT_DEFINED", typeId, label: [1, 2, 5, 6].includes(typeId) ? "Primary" : null })),
    }));
}

function types(request: EmulatorRequest, store: HubSpotStore): { from: string; to: string } | EmulatorResponse {
  const from = objectTypeName(request.params.from ?? "");
  const to = objectTypeName(request.params.to ?? "");
  if (!store.properties[from]) return unknownObjectType(request.params.from ?? "");
  if (!store.properties[to]) return unknownObjectType(request.params.to ?? "");
  return { from, to };
}

/**
 * `POST /crm/v4/associations/{from}/{to}/batch/read`: per input at most `pageSize` targets; a
 * record with more carries its own `paging.next.after`, which the next request passes as the input's `after`.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview
 */
function batchRead(store: HubSpotStore, pageSize: number) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const pair = types(request, store);
    if ("status" in pair) return pair;
    const inputs = ((request.body as { inputs?: Array<{ id?: unknown; after?: unknown }> } | undefined)?.inputs ?? []);
    if (inputs.length > 1000) return { status: 400, body: errorBody("VALIDATION_ERROR", "At most 1000 inputs") };
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of inputs) {
      const all = targets(store, pair.from, String(input.id), pair.to);
      const offset = offsetOf(input.after);
      if (all.length === 0) {
        errors.push({ status: "error", category: "OBJECT_NOT_FOUND", subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND", message: `No ${pair.to} is associated to ${OBJECT_TYPES[pair.from]?.singular ?? pair.from} ${String(input.id)}.`, context: { fromObjectId: [String(input.id)] }, links: {} });
        continue;
      }
      const next = offset + pageSize < all.length ? cursor(offset + pageSize) : undefined;
      results.push({
        from: { id: String(input.id) },
        to: all.slice(offset, offset + pageSize),
        ...(next ? { paging: { next: { after: next, link: null } } } : {}),
      });
    }
    const body = { status: "COMPLETE", results, startedAt: now(), completedAt: now(), ...(errors.length ? { errors, numErrors: errors.length } : {}) };
    return { status: errors.length ? 207 : 200, body };
  };
}

/** `POST /crm/v4/associations/{from}/{to}/batch/create`: both records must exist; 207 per bad input. */
function batchCreate(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const pair = types(request, store);
    if ("status" in pair) return pair;
    const inputs = ((request.body as { inputs?: AssociationInput[] } | undefined)?.inputs ?? []);
    if (inputs.length > BATCH_MAX) return { status: 400, body: errorBody("VALIDATION_ERROR", `At most ${BATCH_MAX} inputs`) };
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of inputs) {
      const fromId = String(input.from?.id ?? "");
      const toId = String(input.to?.id ?? "");
      const typeIds = (input.types ?? []).map((t) => t.associationTypeId).filter((t): t is number => typeof t === "number");
      if (!store.type(pair.from).has(fromId) || !store.type(pair.to).has(toId) || typeIds.length === 0) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", message: `Could not associate ${pair.from} ${fromId} with ${pair.to} ${toId}`, context: { fromObjectId: [fromId], toObjectId: [toId] }, links: {} });
        continue;
      }
      for (const typeId of typeIds) store.associate(pair.from, fromId, pair.to, toId, typeId);
      results.push({
        fromObjectTypeId: typeIdOf(pair.from), fromObjectId: fromId, toObjectTypeId: typeIdOf(pair.to), toObjectId: toId, labels: [],
      });
    }
    const body = { status: "COMPLETE", results, startedAt: now(), completedAt: now(), ...(errors.length ? { errors, numErrors: errors.length } : {}) };
    return { status: errors.length ? 207 : 201, body };
  };
}

/** `GET /crm/v4/objects/{type}/{id}/associations/{toType}`: `limit` ≤500, `after`. */
function readOne(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const pair = types(request, store);
    if ("status" in pair) return pair;
    const limit = Number(request.query.get("limit") ?? 500);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 500)) return { status: 400, body: errorBody("VALIDATION_ERROR", "limit must be between 1 and 500") };
    const all = targets(store, pair.from, request.params.id!, pair.to);
    const offset = offsetOf(request.query.get("after"));
    const next = offset + limit < all.length ? cursor(offset + limit) : undefined;
    const results = all.slice(offset, offset + limit).map((t) => ({ ...t, toObjectId: String(t.toObjectId) }));
    return { status: 200, body: { results, ...(next ? { paging: { next: { after: next, link: `${request.path}?after=${next}` } } } : {}) } };
  };
}

/** `PUT …/associations/default/{toType}/{toId}`: the unlabeled association; 200 `BatchResponsePublicDefaultAssociation`. */
function createDefault(store: HubSpotStore, from: string, fromId: string, to: string, toId: string): EmulatorResponse {
  if (!store.type(from).has(fromId) || !store.type(to).has(toId)) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `${from} ${fromId} or ${to} ${toId} does not exist`) };
  const typeId = DEFAULT_TYPES[`${from}:${to}`];
  if (typeId === undefined) return { status: 400, body: errorBody("VALIDATION_ERROR", `No default association from ${from} to ${to}`) };
  store.associate(from, fromId, to, toId, typeId);
  const results = [{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId } }];
  return { status: 200, body: { status: "COMPLETE", results, startedAt: now(), completedAt: now() } };
}

/** `PUT /crm/v4/objects/{type}/{id}/associations/{toType}/{toId}` with `AssociationSpec[]`: 201 `LabelsBetweenObjectPair`. */
function createLabeled(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const pair = types(request, store);
    if ("status" in pair) return pair;
    const { id, toId } = request.params as { id: string; toId: string };
    const specs = Array.isArray(request.body) ? (request.body as Array<{ associationTypeId?: unknown }>) : [];
    if (specs.length === 0 || specs.some((s) => typeof s.associationTypeId !== "number")) return { status: 400, body: errorBody("VALIDATION_ERROR", "Invalid input JSON: expected an array of association specs") };
    if (!store.type(pair.from).has(id) || !store.type(pair.to).has(toId)) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `${pair.from} ${id} or ${pair.to} ${toId} does not exist`) };
    for (const spec of specs) store.associate(pair.from, id, pair.to, toId, spec.associationTypeId as number);
    return {
      status: 201,
      body: { fromObjectTypeId: typeIdOf(pair.from), fromObjectId: id, toObjectTypeId: typeIdOf(pair.to), toObjectId: toId, labels: [] },
    };
  };
}

/** Associations v4: batch read (paged per record), batch create, per-record read/create/default/delete. */
export function associationRoutes(store: HubSpotStore, pageSize: number): EmulatorRoute[] {
  return [
    { method: "POST", path: "/crm/v4/associations/:from/:to/batch/read", handler: batchRead(store, pageSize) },
    { method: "POST", path: "/crm/v4/associations/:from/:to/batch/create", handler: batchCreate(store) },
    { method: "GET", path: "/crm/v4/objects/:from/:id/associations/:to", handler: readOne(store) },
    {
      method: "PUT", path: "/crm/v4/objects/:from/:id/associations/default/:to/:toId",
      handler: (request) => {
        const pair = types(request, store);
        return "status" in pair ? pair : createDefault(store, pair.from, request.params.id!, pair.to, request.params.toId!);
      },
    },
    { method: "PUT", path: "/crm/v4/objects/:from/:id/associations/:to/:toId", handler: createLabeled(store) },
    {
      method: "DELETE", path: "/crm/v4/objects/:from/:id/associations/:to/:toId",
      handler: (request) => {
        const pair = types(request, store);
        if ("status" in pair) return pair;
        store.dissociate(pair.from, request.params.id!, pair.to, request.params.toId!);
        return { status: 204 };
      },
    },
  ];
}
