import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { present } from "./hubspot-emulator-batch";
import { errorBody, objectTypeName, type HubSpotStore, type StoredObject } from "./hubspot-emulator-store";

/** Results reachable by paging one query. [2nd] https://developers.apideck.com/apis/crm/hubspot/gotchas */
export const SEARCH_CAP = 10_000;
const OPERATORS = new Set(["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "BETWEEN"]);

interface Filter { propertyName: string; operator: string; value?: unknown; highValue?: unknown; values?: unknown[] }
interface SearchBody {
  filterGroups?: Array<{ filters?: Filter[] }>;
  sorts?: Array<{ propertyName: string; direction?: string } | string>;
  properties?: string[];
  limit?: number;
  after?: string | number;
}

function comparable(store: HubSpotStore, objectType: string, name: string, value: unknown): number | string {
  const type = name === "hs_object_id" ? "number" : store.property(objectType, name)?.type;
  const text = String(value ?? "");
  if (type === "number") return Number(text);
  if (type === "datetime") return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return text.toLowerCase();
}

function matches(store: HubSpotStore, objectType: string, record: StoredObject, filter: Filter): boolean {
  const raw = filter.propertyName === "hs_object_id" ? record.id : record.properties[filter.propertyName];
  const has = raw !== undefined && raw !== "";
  if (filter.operator === "HAS_PROPERTY") return has;
  if (filter.operator === "NOT_HAS_PROPERTY") return !has;
  if (!has) return filter.operator === "NEQ" || filter.operator === "NOT_IN";
  const value = comparable(store, objectType, filter.propertyName, raw);
  const target = comparable(store, objectType, filter.propertyName, filter.value);
  const list = (filter.values ?? []).map((v) => comparable(store, objectType, filter.propertyName, v));
  switch (filter.operator) {
    case "EQ": return value === target;
    case "NEQ": return value !== target;
    case "LT": return value < target;
    case "LTE": return value <= target;
    case "GT": return value > target;
    case "GTE": return value >= target;
    case "IN": return list.includes(value);
    case "NOT_IN": return !list.includes(value);
    case "BETWEEN": return value >= target && value <= comparable(store, objectType, filter.propertyName, filter.highValue);
    default: return false;
  }
}

function validate(body: SearchBody): string | undefined {
  const groups = body.filterGroups ?? [];
  const filters = groups.flatMap((g) => g.filters ?? []);
  // Current spec text: up to 6 groups; ≤10 filters per group, ≤25 in total (changelog, Aug 2024).
  if (groups.length > 6) return `Too many filter groups: ${groups.length}, the limit is 6`;
  if (groups.some((g) => (g.filters ?? []).length > 10) || filters.length > 25) return "Too many filters: at most 10 per group and 25 in total";
  const bad = filters.find((f) => !OPERATORS.has(f.operator));
  if (bad) return `Unknown operator ${bad.operator}`;
  if (body.limit !== undefined && !(Number.isInteger(body.limit) && body.limit >= 1 && body.limit <= 200)) return "limit must be between 1 and 200";
  return undefined;
}

function sortRecords(store: HubSpotStore, objectType: string, records: StoredObject[], sorts: SearchBody["sorts"]): void {
  const rules = (sorts ?? []).map((s) => (typeof s === "string" ? { propertyName: s.replace(/^-/, ""), direction: s.startsWith("-") ? "DESCENDING" : "ASCENDING" } : s));
  records.sort((a, b) => {
    for (const rule of rules) {
      const x = comparable(store, objectType, rule.propertyName, rule.propertyName === "hs_object_id" ? a.id : a.properties[rule.propertyName]);
      const y = comparable(store, objectType, rule.propertyName, rule.propertyName === "hs_object_id" ? b.id : b.properties[rule.propertyName]);
      if (x !== y) return (x < y ? -1 : 1) * (rule.direction === "DESCENDING" ? -1 : 1);
    }
    return Number(a.id) - Number(b.id);
  });
}

/**
 * `POST /crm/v3/objects/{type}/search`: filterGroups (OR) of filters (AND), sorts, `after`,
 * limit ≤200, `total`; paging beyond 10,000 results answers 400.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm
 */
export function searchHandler(store: HubSpotStore) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const objectType = objectTypeName(request.params.objectType!);
    if (!store.properties[objectType]) return { status: 400, body: errorBody("VALIDATION_ERROR", `Unable to infer object type from: ${request.params.objectType}`) };
    const body = (request.body ?? {}) as SearchBody;
    const problem = validate(body);
    if (problem) return { status: 400, body: errorBody("VALIDATION_ERROR", problem) };
    const offset = Number(body.after ?? 0);
    const limit = body.limit ?? 10;
    if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: errorBody("VALIDATION_ERROR", `Invalid after: ${String(body.after)}`) };
    if (offset + limit > SEARCH_CAP) {
      return { status: 400, body: errorBody("VALIDATION_ERROR", `The search API can only return up to ${SEARCH_CAP} results; after=${offset} with limit=${limit} goes past it`) };
    }
    const groups = body.filterGroups ?? [];
    const found = [...store.type(objectType).values()].filter(
      (r) => !r.archived && (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(store, objectType, r, f)))),
    );
    sortRecords(store, objectType, found, body.sorts);
    const page = found.slice(offset, offset + limit);
    const next = offset + limit < found.length ? String(offset + limit) : undefined;
    const properties = body.properties?.length ? body.properties : defaultProperties(objectType);
    return { status: 200, body: { total: found.length, results: page.map((r) => present(r, properties)), ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) } };
  };
}

/** Properties returned when a search names none. [docs] contact search defaults. */
function defaultProperties(objectType: string): string[] {
  return objectType === "contacts" ? ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"] : ["createdate", "hs_lastmodifieddate", "hs_object_id"];
}
