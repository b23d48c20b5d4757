import type { EmulatorRequest, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { errorBody, type HubSpotStore, type StoredList } from "./hubspot-emulator-store";

function wire(list: StoredList): Record<string, unknown> {
  return { listId: list.listId, name: list.name, processingType: list.processingType, objectTypeId: list.objectTypeId, createdAt: list.createdAt, updatedAt: list.updatedAt, size: list.members.size };
}

function search(store: HubSpotStore, request: EmulatorRequest) {
  const body = (request.body ?? {}) as { offset?: number; count?: number; query?: string };
  const offset = body.offset ?? 0;
  const count = Math.min(500, body.count ?? 20);
  const all = [...store.lists.values()].filter((l) => !body.query || l.name.toLowerCase().includes(body.query.toLowerCase()));
  const page = all.slice(offset, offset + count);
  return { status: 200, body: { lists: page.map(wire), hasMore: offset + count < all.length, offset: offset + page.length, total: all.length } };
}

function memberships(store: HubSpotStore, request: EmulatorRequest) {
  const list = store.lists.get(request.params.listId!);
  if (!list) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `List ${request.params.listId} does not exist`) };
  const limit = Math.min(250, Number(request.query.get("limit") ?? 100));
  const offset = Number(request.query.get("after") ?? 0);
  const ids = [...list.members].sort((a, b) => Number(a) - Number(b));
  const page = ids.slice(offset, offset + limit);
  const next = offset + limit < ids.length ? String(offset + limit) : undefined;
  return { status: 200, body: { results: page.map((recordId) => ({ recordId, membershipTimestamp: list.updatedAt })), ...(next ? { paging: { next: { after: next } } } : {}) } };
}

function addAndRemove(store: HubSpotStore, request: EmulatorRequest) {
  const list = store.lists.get(request.params.listId!);
  if (!list) return { status: 404, body: errorBody("OBJECT_NOT_FOUND", `List ${request.params.listId} does not exist`) };
  // Only MANUAL and SNAPSHOT lists take membership changes.
  if (list.processingType === "DYNAMIC") return { status: 400, body: errorBody("VALIDATION_ERROR", `List ${list.listId} is DYNAMIC; memberships cannot be changed`) };
  const body = (request.body ?? {}) as { recordIdsToAdd?: string[]; recordIdsToRemove?: string[] };
  const contacts = store.type("contacts");
  const added: string[] = [];
  const removed: string[] = [];
  const missing: string[] = [];
  for (const id of (body.recordIdsToAdd ?? []).map(String)) {
    if (!contacts.has(id)) missing.push(id);
    else if (!list.members.has(id)) (list.members.add(id), added.push(id));
  }
  for (const id of (body.recordIdsToRemove ?? []).map(String)) if (list.members.delete(id)) removed.push(id);
  if (added.length || removed.length) list.updatedAt = store.now();
  return { status: 200, body: { recordIdsAdded: added, recordIdsRemoved: removed, recordsIdsMissing: missing } };
}

/**
 * Lists v3: search, create (names are unique), memberships (paged) and add-and-remove.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
export function listRoutes(store: HubSpotStore): EmulatorRoute[] {
  return [
    { method: "POST", path: "/crm/v3/lists/search", handler: (r) => search(store, r) },
    {
      method: "POST", path: "/crm/v3/lists",
      handler: (request) => {
        const body = (request.body ?? {}) as { name?: string; objectTypeId?: string; processingType?: StoredList["processingType"] };
        if (!body.name || !body.objectTypeId || !body.processingType) return { status: 400, body: errorBody("VALIDATION_ERROR", "name, objectTypeId and processingType are required") };
        if ([...store.lists.values()].some((l) => l.name === body.name)) return { status: 400, body: errorBody("VALIDATION_ERROR", `A list named ${body.name} already exists`) };
        return { status: 200, body: { list: wire(store.createList(body.name, body.processingType, body.objectTypeId)) } };
      },
    },
    { method: "GET", path: "/crm/v3/lists/:listId/memberships", handler: (r) => memberships(store, r) },
    { method: "PUT", path: "/crm/v3/lists/:listId/memberships/add-and-remove", handler: (r) => addAndRemove(store, r) },
  ];
}
