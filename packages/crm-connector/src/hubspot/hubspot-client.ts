import { z } from "zod";
import type { ConnectorMetrics, RateBudget } from "@omnibridge/core-model";
import { SlidingWindowLimiter, combineBudgets, createHttpClient, sharedRateBudget, type HttpClient } from "@omnibridge/connector-kit";
import {
  hubSpotAssociationBatchSchema, hubSpotBatchResponseSchema, hubSpotListPageSchema, hubSpotListSchema, hubSpotListSearchSchema, hubSpotMembershipsSchema,
  hubSpotPropertyListSchema, hubSpotSearchResponseSchema, type HubSpotBatchResponse, type HubSpotList, type HubSpotObject, type HubSpotSearchResponse,
} from "./hubspot-api";
import { classifyHubSpotError } from "./hubspot-error";
import type { HubSpotSettings } from "./hubspot-settings";

/** A search request body (`PublicObjectSearchRequest`). */
export interface HubSpotSearchBody {
  filterGroups: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string; values?: string[] }> }>;
  sorts: Array<{ propertyName: string; direction: "ASCENDING" | "DESCENDING" }>;
  properties: string[];
  limit: number;
  after?: string;
}

/** One input of a batch upsert (`SimplePublicObjectBatchInputUpsert`). */
export interface HubSpotUpsertInput {
  id: string;
  idProperty: string;
  objectWriteTraceId?: string;
  properties: Record<string, string>;
}

/** HubSpot transport: auth, budgets (burst + search), error classification. No canonical model here. */
export interface HubSpotClient {
  search(objectType: string, body: HubSpotSearchBody, signal?: AbortSignal): Promise<HubSpotSearchResponse>;
  batchRead(objectType: string, ids: string[], properties: string[], idProperty?: string): Promise<HubSpotBatchResponse>;
  batchUpsert(objectType: string, inputs: HubSpotUpsertInput[]): Promise<HubSpotBatchResponse>;
  archivedPage(objectType: string, properties: string[], after?: string): Promise<{ records: HubSpotObject[]; after?: string }>;
  associations(from: string, to: string, ids: string[]): Promise<Map<string, string[]>>;
  associate(from: string, to: string, typeId: number, pairs: Array<{ from: string; to: string }>): Promise<void>;
  propertyNames(objectType: string): Promise<Set<string>>;
  accountDetails(): Promise<{ portalId: string }>;
  searchLists(offset: number): Promise<{ lists: HubSpotList[]; hasMore: boolean; offset: number }>;
  listMembers(listId: string, after?: string): Promise<{ ids: string[]; after?: string }>;
  createList(name: string): Promise<HubSpotList>;
  updateListMembers(listId: string, add: string[], remove: string[]): Promise<void>;
  metrics(): ConnectorMetrics;
  close(): void;
}

/**
 * A sliding window a little longer than the vendor's (1 %, at least 25 ms): requests leave the
 * client in order but reach HubSpot with jitter, which would otherwise tip a window into a 429.
 */
function windowWithMargin(limit: { limit: number; windowMs: number }): SlidingWindowLimiter {
  return new SlidingWindowLimiter({ limit: limit.limit, windowMs: limit.windowMs + Math.max(25, Math.ceil(limit.windowMs / 100)) });
}

function budgets(settings: HubSpotSettings): { burst: RateBudget; search: RateBudget } {
  const account = `hubspot:${settings.url}:${settings.portalId ?? ""}:${settings.token.slice(-6)}`;
  const burst = settings.rateBudget ?? sharedRateBudget(`${account}:burst`, () => windowWithMargin(settings.rateLimit));
  const search = settings.searchRateBudget ?? sharedRateBudget(`${account}:search`, () => windowWithMargin(settings.searchRateLimit));
  return { burst, search: combineBudgets(search, burst) };
}

/**
 * Create the HubSpot client. Two HTTP clients share the burst budget; the search one also takes
 * the search budget on every attempt (search has its own per-token limit).
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function createHubSpotClient(settings: HubSpotSettings): HubSpotClient {
  const { burst, search } = budgets(settings);
  const common = {
    system: settings.system,
    baseURL: settings.url.replace(/\/$/, ""),
    timeoutMs: settings.timeoutMs,
    authorize: () => ({ Authorization: `Bearer ${settings.token}` }),
    retry: settings.retry,
    classify: classifyHubSpotError,
    secrets: () => [settings.token],
    logger: settings.logger,
  };
  const http: HttpClient = createHttpClient({ ...common, rateBudget: burst });
  const searchHttp: HttpClient = createHttpClient({ ...common, rateBudget: search });
  const post = async <T>(url: string, data: unknown, schema: z.ZodType<T>) => (await http.request({ method: "POST", url, data, schema })).data;

  return {
    // https://developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm
    async search(objectType, body, signal) {
      const response = await searchHttp.request({ method: "POST", url: `/crm/v3/objects/${objectType}/search`, data: body, schema: hubSpotSearchResponseSchema, signal });
      return response.data;
    },
    // https://developers.hubspot.com/docs/guides/crm/using-object-apis (batch read, ≤100 ids; idProperty optional)
    batchRead: (objectType, ids, properties, idProperty) =>
      post(`/crm/v3/objects/${objectType}/batch/read`, { inputs: ids.map((id) => ({ id })), properties, ...(idProperty ? { idProperty } : {}) }, hubSpotBatchResponseSchema),
    // Upsert by a unique property; 200 or 207 MULTI_STATUS with per-input errors.
    batchUpsert: (objectType, inputs) => post(`/crm/v3/objects/${objectType}/batch/upsert`, { inputs }, hubSpotBatchResponseSchema),
    // Archived records: `GET /crm/v3/objects/{type}?archived=true` (limit ≤100, `after` paging), each with `archivedAt`.
    async archivedPage(objectType, properties, after) {
      const params = { archived: true, limit: 100, properties: properties.join(","), after };
      const response = await http.request({ method: "GET", url: `/crm/v3/objects/${objectType}`, params, schema: hubSpotListPageSchema });
      return { records: response.data.results, after: response.data.paging?.next?.after };
    },
    // https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview (v4 batch read)
    async associations(from, to, ids) {
      const out = new Map<string, string[]>();
      if (ids.length === 0) return out;
      const data = await post(`/crm/v4/associations/${from}/${to}/batch/read`, { inputs: ids.map((id) => ({ id })) }, hubSpotAssociationBatchSchema);
      for (const result of data.results) out.set(result.from.id, result.to.map((t) => t.toObjectId));
      return out;
    },
    // v4 batch create; HubSpot creates the reverse direction itself.
    async associate(from, to, typeId, pairs) {
      if (pairs.length === 0) return;
      const inputs = pairs.map((p) => ({ from: { id: p.from }, to: { id: p.to }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId }] }));
      await post(`/crm/v4/associations/${from}/${to}/batch/create`, { inputs }, z.unknown());
    },
    // https://developers.hubspot.com/docs/guides/api/crm/properties
    async propertyNames(objectType) {
      const response = await http.request({ method: "GET", url: `/crm/v3/properties/${objectType}`, schema: hubSpotPropertyListSchema });
      return new Set(response.data.results.map((p) => p.name));
    },
    // https://developers.hubspot.com/docs/api-reference/account-account-info-v3/guide
    async accountDetails() {
      const schema = z.looseObject({ portalId: z.union([z.number(), z.string()]).transform(String) });
      return (await http.request({ method: "GET", url: "/account-info/v3/details", schema })).data;
    },
    // https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
    searchLists: (offset) => post("/crm/v3/lists/search", { offset, count: 100, processingTypes: ["MANUAL", "SNAPSHOT", "DYNAMIC"] }, hubSpotListSearchSchema),
    async listMembers(listId, after) {
      const response = await http.request({ method: "GET", url: `/crm/v3/lists/${listId}/memberships`, params: { limit: 250, after }, schema: hubSpotMembershipsSchema });
      return { ids: response.data.results.map((r) => r.recordId), after: response.data.paging?.next?.after };
    },
    async createList(name) {
      const schema = z.looseObject({ list: hubSpotListSchema });
      return (await post("/crm/v3/lists", { name, objectTypeId: "0-1", processingType: "MANUAL" }, schema)).list;
    },
    // https://developers.hubspot.com/docs/api-reference/2026-03/crm/lists/memberships/update-list-memberships
    async updateListMembers(listId, add, remove) {
      await http.request({ method: "PUT", url: `/crm/v3/lists/${listId}/memberships/add-and-remove`, data: { recordIdsToAdd: add, recordIdsToRemove: remove } });
    },
    metrics() {
      const a = http.metrics();
      const b = searchHttp.metrics();
      return { requests: a.requests + b.requests, retries: a.retries + b.retries, rateLimited: a.rateLimited + b.rateLimited };
    },
    close() {
      http.close();
      searchHttp.close();
    },
  };
}
