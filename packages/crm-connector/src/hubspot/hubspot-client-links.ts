import { z } from "zod";
import type { HttpClient } from "@omnibridge/connector-kit";
import { hubSpotAssociationBatchSchema, hubSpotListSchema, hubSpotListSearchSchema, hubSpotMembershipsSchema } from "./hubspot-api";
import type { HubSpotClient } from "./hubspot-client-types";

type LinkMethods = Pick<HubSpotClient, "associations" | "associate" | "searchLists" | "listMembers" | "createList" | "updateListMembers">;

/** Associations v4 and Lists v3 endpoints. */
export function linkMethods(http: HttpClient): LinkMethods {
  const post = async <T>(url: string, data: unknown, schema: z.ZodType<T>) => (await http.request({ method: "POST", url, data, schema })).data;
  return {
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
  };
}
