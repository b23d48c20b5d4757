import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { SHOPWARE_TRANSITIONS, type ShopwareMachine } from "../shopware-states";
import { invalidFilter, matches, sortRows, type CriteriaFilter } from "./shopware-emulator-criteria";
import { randomShopwareId, type ShopwareStore, type StoredRow } from "./shopware-emulator-store";
import { runSync } from "./shopware-emulator-sync";

/** A JSON:API failure body (`failure` schema). */
export function failure(status: number, code: string, title: string, detail: string): EmulatorResponse {
  return { status, headers: { "content-type": "application/json" }, body: { errors: [{ status: String(status), code, title, detail }] } };
}

/**
 * The simple JSON shape for `Accept: application/json`, JSON:API (`application/vnd.api+json`) otherwise:
 * the documented default (docs/concepts/endpoint-structure/request-response-structure.md).
 */
function searchResponse(
  request: EmulatorRequest, entity: string, rows: Array<Record<string, unknown>>, total: number | null,
): EmulatorResponse {
  if (/application\/json/i.test(String(request.headers.accept ?? ""))) {
    return { status: 200, headers: { "content-type": "application/json" }, body: { total: total ?? rows.length, data: rows, aggregations: [] } };
  }
  const data = rows.map(({ id, ...attributes }) => ({ id, type: entity, attributes, links: {}, relationships: {} }));
  return { status: 200, headers: { "content-type": "application/vnd.api+json" }, body: { data, included: [], links: {}, meta: { total: total ?? rows.length }, aggregations: [] } };
}

interface Criteria {
  page?: number;
  limit?: number;
  ids?: string[];
  filter?: CriteriaFilter[];
  sort?: Array<{ field: string; order?: string }>;
  associations?: Record<string, unknown>;
  includes?: Record<string, string[]>;
  "total-count-mode"?: string | number;
}

const ENTITY_OF_PATH = (name: string) => name.replace(/-/g, "_");

/** `POST /api/search/{entity}`: filter, sort, page, limit, ids, associations, includes, total-count-mode. */
function search(store: ShopwareStore, request: EmulatorRequest, maxLimit: number): EmulatorResponse {
  const entity = ENTITY_OF_PATH(request.params.entity ?? "");
  const criteria = (request.body ?? {}) as Criteria;
  const bad = (criteria.filter ?? []).map(invalidFilter).find(Boolean);
  if (bad) return failure(400, "FRAMEWORK__INVALID_FILTER_QUERY", "Bad Request", bad);
  const limit = criteria.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return failure(400, "FRAMEWORK__INVALID_LIMIT_QUERY", "Bad Request", `The limit parameter must be a positive integer up to ${maxLimit}.`);
  const page = criteria.page ?? 1;
  const associations = criteria.associations ?? {};
  let rows = store.list(entity).filter((row) => !criteria.ids || criteria.ids.includes(row.id)).map((row) => store.hydrate(entity, row,
    associations));
  rows = rows.filter((row) => (criteria.filter ?? []).every((f) => matches(row, f)));
  rows = sortRows(rows, criteria.sort?.length ? criteria.sort : [{ field: "id" }]);
  const slice = rows.slice((page - 1) * limit, page * limit);
  const include = criteria.includes?.[entity];
  const shaped = include ? slice.map((row) => Object.fromEntries(include.map((f) => [f, row[f] ?? null]).concat([["id", row.id]]))) : slice;
  const mode = String(criteria["total-count-mode"] ?? "none");
  // none: total is the number of rows returned; exact: all matches; next-pages: rows up to 5 pages ahead.
  const total = mode === "exact" || mode === "1" ? rows.length : mode === "next-pages" || mode === "2" ? Math.min(rows.length, (page - 1) * limit + 5 * limit + 1) : slice.length;
  return searchResponse(request, entity, shaped, total);
}

/** `POST /api/_action/{machine}/{id}/state/{action}` on the default state machines. */
function transition(store: ShopwareStore, request: EmulatorRequest): EmulatorResponse {
  const machine = request.params.machine as ShopwareMachine;
  const table = SHOPWARE_TRANSITIONS[machine];
  if (!table) return failure(404, "FRAMEWORK__ROUTE_NOT_FOUND", "Not Found", `No route for ${request.path}`);
  const target = findStateful(store, machine, request.params.id ?? "");
  if (!target) return failure(404, "FRAMEWORK__ENTITY_NOT_FOUND", "Not Found", `Could not find entity ${machine} with id ${request.params.id}`);
  const state = target.row._state as { technicalName: string };
  const action = request.params.action ?? "";
  const next = table[state.technicalName]?.[action];
  if (!next) {
    const possible = Object.keys(table[state.technicalName] ?? {}).join(", ");
    return failure(400, "SYSTEM__ILLEGAL_STATE_TRANSITION", "Bad Request", `Illegal transition "${action}" from state "${state.technicalName}". Possible transitions are: ${possible}`);
  }
  const at = store.now();
  target.row._state = { id: randomShopwareId(), technicalName: next, name: next };
  target.row.updatedAt = at;
  store.write("order", { id: target.orderId }, at);
  return { status: 200, body: target.row._state };
}

function findStateful(store: ShopwareStore, machine: ShopwareMachine, id: string): { row: StoredRow; orderId: string } | undefined {
  for (const order of store.list("order")) {
    if (machine === "order" && order.id === id) return { row: order, orderId: order.id };
    const list = machine === "order_delivery" ? order._deliveries : machine === "order_transaction" ? order._transactions : undefined;
    const found = ((list as StoredRow[] | undefined) ?? []).find((row) => row.id === id);
    if (found) return { row: found, orderId: order.id };
  }
  return undefined;
}

/** The Admin API routes of the emulator (behind the token check). */
export function shopwareRoutes(store: ShopwareStore, options: { maxLimit: number; version: string }): EmulatorRoute[] {
  return [
    { method: "POST", path: "/api/search/:entity", handler: (request) => search(store, request, options.maxLimit) },
    {
      method: "POST", path: "/api/_action/sync",
      handler: (request) => {
        if (request.bodyError) return failure(400, "FRAMEWORK__INVALID_REQUEST_PARAMETER", "Bad Request", "The JSON payload is malformed.");
        const failOnError = String(request.headers["fail-on-error"] ?? "true") !== "false";
        return runSync(store, request.body, failOnError);
      },
    },
    { method: "POST", path: "/api/_action/:machine/:id/state/:action", handler: (request) => transition(store, request) },
    { method: "GET", path: "/api/_info/version", handler: () => ({ status: 200, body: { version: options.version } }) },
  ];
}
