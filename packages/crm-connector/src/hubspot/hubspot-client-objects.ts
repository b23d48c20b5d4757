import { z } from "zod";
import type { HttpClient } from "@omnibridge/connector-kit";
import {
  hubSpotBatchResponseSchema, hubSpotListPageSchema, hubSpotPropertyListSchema, hubSpotSearchResponseSchema,
} from "./hubspot-api";
import { expectStatus } from "./hubspot-client-links";
import type { HubSpotClient } from "./hubspot-client-types";

type ObjectMethods = Pick<HubSpotClient, "search" | "batchRead" | "batchUpsert" | "batchUpdate" | "batchArchive" | "archivedPage" | "propertyNames" | "accountDetails">;

/** CRM v3 object endpoints: search (on its own budgeted client), batch read/upsert, archived listing, properties, account. */
export function objectMethods(http: HttpClient, searchHttp: HttpClient): ObjectMethods {
  // Batch answers are 200 (or 201 for create) when every input succeeded, 207 MULTI_STATUS otherwise.
  const post = async <T>(url: string, data: unknown, schema: z.ZodType<T>) => expectStatus(await http.request({ method: "POST", url, data, schema }), [200, 201, 207], `POST ${url}`);
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
    // Update by record id (≤100 inputs); 207 MULTI_STATUS lists inputs that failed (e.g. a contact deleted meanwhile).
    batchUpdate: (objectType, inputs) => post(`/crm/v3/objects/${objectType}/batch/update`, { inputs }, hubSpotBatchResponseSchema),
    // `batch/archive` (≤100 ids) answers 204 with no body; archiving twice is harmless. Anything else (a 302, an HTML 200) is no success.
    async batchArchive(objectType, ids) {
      if (ids.length === 0) return;
      const url = `/crm/v3/objects/${objectType}/batch/archive`;
      const response = await http.request({ method: "POST", url, data: { inputs: ids.map((id) => ({ id })) }, schema: z.undefined({ error: "expected no body (HTTP 204)" }) });
      expectStatus(response, [204], `POST ${url}`);
    },
    // Archived records: `GET /crm/v3/objects/{type}?archived=true` (limit ≤100, `after` paging), each with `archivedAt`.
    async archivedPage(objectType, properties, after) {
      const params = { archived: true, limit: 100, properties: properties.join(","), after };
      const response = await http.request({ method: "GET", url: `/crm/v3/objects/${objectType}`, params, schema: hubSpotListPageSchema });
      return { records: response.data.results, after: response.data.paging?.next?.after };
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
  };
}
