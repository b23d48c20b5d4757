import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { errorBody, type HubSpotStore, type StoredList } from "./hubspot-emulator-store";

/** Additional properties HubSpot reports on every list (values are strings, like CRM properties). */
function additionalProperties(list: StoredList): Record<string, string> {
  return { hs_list_size: String(list.members.size), hs_last_record_added_at: String(Date.parse(list.updatedAt)), hs_list_reference_count: "0" };
}

/** `PublicObjectList`: the list as `GET /crm/v3/lists/{listId}` and create answer it. */
function wire(list: StoredList): Record<string, unknown> {
  return {
    listId: list.listId, name: list.name, processingType: list.processingType, objectTypeId: list.objectTypeId,
    processingStatus: "COMPLETE", listVersion: list.listVersion, createdAt: list.createdAt, updatedAt: list.updatedAt,
    filtersUpdatedAt: list.createdAt, size: list.members.size, additionalProperties: additionalProperties(list),
  };
}

/** `PublicObjectListSearchResult`: search results carry `additionalProperties` instead of `size`. */
function searchResult(list: StoredList): Record<string, unknown> {
  const { size: _size, ...rest } = wire(list);
  return rest;
}

function search(store: HubSpotStore, request: EmulatorRequest): EmulatorResponse {
  const body = (request.body ?? {}) as { offset?: number; count?: number; query?: string; listIds?: string[]; processingTypes?: string[] };
  const offset = body.offset ?? 0;
  const count = Math.min(500, body.count ?? 20);
  const all = [...store.lists.values()].filter((l) =>
    (!body.query || l.name.toLowerCase().includes(body.query.toLowerCase())) &&
    (!body.listIds?.length || body.listIds.map(String).includes(l.listId)) &&
    (!body.processingTypes?.length || body.processingTypes.includes(l.processingType)));
  const page = all.slice(offset, offset + count);
  return {
    status: 200,
    body: { lists: page.map(searchResult), hasMore: offset + count < all.length, offset: offset + page.length, total: all.length },
  };
}

function listOf(store: HubSpotStore, request: EmulatorRequest): StoredList | EmulatorResponse {
  const list = store.lists.get(request.params.listId!);
  return list ?? { status: 404, body: errorBody("OBJECT_NOT_FOUND", `List ${request.params.listId} does not exist`, { context: { listId: [request.params.listId!] } }) };
}

/** `GET /crm/v3/lists/{listId}/memberships`: ascending record ids, `limit` ≤250, opaque `after`. */
function memberships(store: HubSpotStore, request: EmulatorRequest): EmulatorResponse {
  const list = listOf(store, request);
  if ("status" in list) return list;
  const limit = Math.min(250, Number(request.query.get("limit") ?? 100));
  const after = request.query.get("after");
  const offset = after ? Number(Buffer.from(after, "base64url").toString("utf8")) || 0 : 0;
  const ids = [...list.members].sort((a, b) => Number(a) - Number(b));
  const page = ids.slice(offset, offset + limit);
  const next = offset + limit < ids.length ? Buffer.from(String(offset + limit)).toString("base64url") : undefined;
  const results = page.map((recordId) => ({ recordId, membershipTimestamp: list.updatedAt }));
  return { status: 200, body: { results, total: ids.length, ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) } };
}

/**
 * Membership changes answer `MembershipsUpdateResponse`: `recordsIdsAdded` (sic, HubSpot's
 * spelling), `recordIdsRemoved`, `recordIdsMissing`. Only MANUAL and SNAPSHOT lists take them.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/lists/memberships/update-list-memberships
 */
function changeMembers(store: HubSpotStore, request: EmulatorRequest, add: unknown, remove: unknown): EmulatorResponse {
  const list = listOf(store, request);
  if ("status" in list) return list;
  if (list.processingType === "DYNAMIC") return { status: 400, body: errorBody("VALIDATION_ERROR", `List ${list.listId} is DYNAMIC; memberships cannot be changed`) };
  if ((add !== undefined && !Array.isArray(add)) || (remove !== undefined && !Array.isArray(remove))) {
    return { status: 400, body: errorBody("VALIDATION_ERROR", "Invalid input JSON: record ids must be an array") };
  }
  const records = store.type(list.objectTypeId === "0-2" ? "companies" : list.objectTypeId === "0-3" ? "deals" : "contacts");
  const added: string[] = [];
  const removed: string[] = [];
  const missing: string[] = [];
  for (const id of ((add as unknown[] | undefined) ?? []).map(String)) {
    if (!records.get(id) || records.get(id)!.archived) missing.push(id);
    else if (!list.members.has(id)) (list.members.add(id), added.push(id));
  }
  for (const id of ((remove as unknown[] | undefined) ?? []).map(String)) {
    if (list.members.delete(id)) removed.push(id);
    else if (!records.has(id)) missing.push(id);
  }
  if (added.length || removed.length) {
    list.updatedAt = store.now();
    list.listVersion++;
  }
  return { status: 200, body: { recordsIdsAdded: added, recordIdsRemoved: removed, recordIdsMissing: missing } };
}

function create(store: HubSpotStore, request: EmulatorRequest): EmulatorResponse {
  const body = (request.body ?? {}) as { name?: string; objectTypeId?: string; processingType?: StoredList["processingType"] };
  if (!body.name || !body.objectTypeId || !body.processingType) return { status: 400, body: errorBody("VALIDATION_ERROR", "name, objectTypeId and processingType are required") };
  if ([...store.lists.values()].some((l) => l.name === body.name)) return { status: 400, body: errorBody("VALIDATION_ERROR", `A list named ${body.name} already exists`) };
  return { status: 200, body: { list: wire(store.createList(body.name, body.processingType, body.objectTypeId)) } };
}

/**
 * Lists v3: search, create (names are unique), read by id, memberships (paged), add, remove
 * and add-and-remove. https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
export function listRoutes(store: HubSpotStore): EmulatorRoute[] {
  return [
    { method: "POST", path: "/crm/v3/lists/search", handler: (r) => search(store, r) },
    { method: "POST", path: "/crm/v3/lists", handler: (r) => create(store, r) },
    {
      method: "GET", path: "/crm/v3/lists/:listId",
      handler: (request) => {
        const list = listOf(store, request);
        return "status" in list ? list : { status: 200, body: { list: wire(list) } };
      },
    },
    { method: "GET", path: "/crm/v3/lists/:listId/memberships", handler: (r) => memberships(store, r) },
    {
      method: "PUT", path: "/crm/v3/lists/:listId/memberships/add-and-remove",
      handler: (r) => {
        const body = (r.body ?? {}) as { recordIdsToAdd?: unknown; recordIdsToRemove?: unknown };
        return changeMembers(store, r, body.recordIdsToAdd, body.recordIdsToRemove);
      },
    },
    { method: "PUT", path: "/crm/v3/lists/:listId/memberships/add", handler: (r) => changeMembers(store, r, r.body ?? [], undefined) },
    { method: "PUT", path: "/crm/v3/lists/:listId/memberships/remove", handler: (r) => changeMembers(store, r, undefined, r.body ?? []) },
  ];
}
