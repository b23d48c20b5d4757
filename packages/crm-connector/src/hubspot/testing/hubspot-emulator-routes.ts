import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { batchHandler, BATCH_MAX, present } from "./hubspot-emulator-batch";
import { listRoutes } from "./hubspot-emulator-lists";
import { searchHandler } from "./hubspot-emulator-search";
import { errorBody, type HubSpotStore } from "./hubspot-emulator-store";

type AssociationInput = { from?: { id?: unknown }; to?: { id?: unknown }; types?: Array<{ associationCategory?: string; associationTypeId?: number }> };

/** `POST /crm/v4/associations/{from}/{to}/batch/read`. https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview */
function associationsRead(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const { from, to } = request.params as { from: string; to: string };
    const inputs = ((request.body as { inputs?: Array<{ id?: unknown }> } | undefined)?.inputs ?? []);
    if (inputs.length > 1000) return { status: 400, body: errorBody("VALIDATION_ERROR", "At most 1000 inputs") };
    const results = inputs.flatMap((input) => {
      // Archived records drop out of association reads.
      const targets = [...store.associated(from, String(input.id), to)].filter(([id]) => store.type(to).get(id)?.archived === false);
      if (targets.length === 0) return [];
      const list = targets.map(([toObjectId, types]) => ({
        toObjectId: Number(toObjectId), associationTypes: [...types].map((typeId) => ({ category: "HUBSPOT_DEFINED", typeId, label: null })),
      }));
      return [{ from: { id: String(input.id) }, to: list }];
    });
    const now = new Date().toISOString();
    return { status: 200, body: { status: "COMPLETE", results, startedAt: now, completedAt: now } };
  };
}

/** `POST /crm/v4/associations/{from}/{to}/batch/create`: both records must exist; 207 per bad input. */
function associationsCreate(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const { from, to } = request.params as { from: string; to: string };
    const inputs = ((request.body as { inputs?: AssociationInput[] } | undefined)?.inputs ?? []);
    if (inputs.length > BATCH_MAX) return { status: 400, body: errorBody("VALIDATION_ERROR", `At most ${BATCH_MAX} inputs`) };
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of inputs) {
      const fromId = String(input.from?.id ?? "");
      const toId = String(input.to?.id ?? "");
      const typeId = input.types?.[0]?.associationTypeId;
      if (!store.type(from).has(fromId) || !store.type(to).has(toId) || typeId === undefined) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", message: `Could not associate ${from} ${fromId} with ${to} ${toId}`, context: { fromObjectId: [fromId], toObjectId: [toId] } });
        continue;
      }
      store.associate(from, fromId, to, toId, typeId);
      results.push({ fromObjectTypeId: from, fromObjectId: Number(fromId), toObjectTypeId: to, toObjectId: Number(toId), labels: [] });
    }
    const now = new Date().toISOString();
    const body = { status: "COMPLETE", results, startedAt: now, completedAt: now, ...(errors.length ? { errors, numErrors: errors.length } : {}) };
    return { status: errors.length ? 207 : 201, body };
  };
}

/**
 * `GET /crm/v3/objects/{type}`: live or (`archived=true`) archived records by id, `limit` ≤100, `after`.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#retrieve-records
 */
function listObjects(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const objectType = request.params.objectType!;
    if (!store.properties[objectType]) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `Unknown object type ${objectType}`) };
    const limit = Number(request.query.get("limit") ?? 10);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 100)) return { status: 400, body: errorBody("VALIDATION_ERROR", "limit must be between 1 and 100") };
    const archived = request.query.get("archived") === "true";
    const after = request.query.get("after") ?? "0";
    const properties = request.query.get("properties")?.split(",").filter(Boolean);
    const found = [...store.type(objectType).values()].filter((r) => r.archived === archived && Number(r.id) > Number(after)).sort((a, b) => Number(a.id) - Number(b.id));
    const page = found.slice(0, limit);
    const next = found.length > limit ? page.at(-1)!.id : undefined;
    return { status: 200, body: { results: page.map((r) => present(r, properties)), ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) } };
  };
}

/** `POST /crm/v3/objects/{type}/batch/archive`: 204, unknown ids ignored. */
function archiveHandler(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const inputs = ((request.body as { inputs?: Array<{ id?: unknown }> } | undefined)?.inputs ?? []);
    if (inputs.length > BATCH_MAX) return { status: 400, body: errorBody("VALIDATION_ERROR", `At most ${BATCH_MAX} inputs`) };
    for (const input of inputs) store.archive(request.params.objectType!, String(input.id));
    return { status: 204 };
  };
}

/** Every route of the HubSpot emulator. */
export function hubSpotRoutes(store: HubSpotStore, portalId: string): EmulatorRoute[] {
  return [
    { method: "GET", path: "/account-info/v3/details", handler: () => ({ status: 200, body: { portalId: Number(portalId), accountType: "STANDARD", timeZone: "Europe/Berlin", companyCurrency: "EUR", uiDomain: "app.hubspot.com", dataHostingLocation: "eu1" } }) },
    {
      method: "GET", path: "/crm/v3/properties/:objectType",
      handler: (request) => {
        const defs = store.properties[request.params.objectType!];
        if (!defs) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `Unknown object type ${request.params.objectType}`) };
        return { status: 200, body: { results: defs.map((d) => ({ ...d, label: d.name, fieldType: d.type === "enumeration" ? "select" : "text", hasUniqueValue: Boolean(d.hasUniqueValue), options: (d.options ?? []).map((o) => ({ label: o, value: o })) })) } };
      },
    },
    { method: "GET", path: "/crm/v3/objects/:objectType", handler: listObjects(store) },
    { method: "POST", path: "/crm/v3/objects/:objectType/search", handler: searchHandler(store) },
    { method: "POST", path: "/crm/v3/objects/:objectType/batch/archive", handler: archiveHandler(store) },
    ...["read", "create", "update", "upsert"].map((action) => ({ method: "POST", path: `/crm/v3/objects/:objectType/batch/${action}`, handler: batchHandler(store, action) })),
    { method: "POST", path: "/crm/v4/associations/:from/:to/batch/read", handler: associationsRead(store) },
    { method: "POST", path: "/crm/v4/associations/:from/:to/batch/create", handler: associationsCreate(store) },
    ...listRoutes(store),
  ];
}
