import { z } from "zod";
import { ConnectorError } from "@omnibridge/core-model";
import type { HttpClient, HttpResponse } from "@omnibridge/connector-kit";
import {
  hubSpotAssociationBatchSchema, hubSpotAssociationCreateSchema, hubSpotListSchema, hubSpotListSearchSchema, hubSpotMembershipsSchema,
  hubSpotMembershipsUpdateSchema,
} from "./hubspot-api";
import type { HubSpotAssociated, HubSpotClient } from "./hubspot-client-types";
import { formatHubSpotDetails, hubSpotErrorDetails, reasonOfCategory } from "./hubspot-error";
import { PageGuard } from "./streams/hubspot-paging";

type LinkMethods = Pick<HubSpotClient, "associations" | "associate" | "searchLists" | "listMembers" | "createList" | "updateListMembers">;

/** Associations a record may have before we stop following its paging (HubSpot pages them 500 at a time). */
const MAX_ASSOCIATION_ROUNDS = 1_000;

/**
 * A write answered with a status outside `allowed` is no success: a `302` to a login page (the
 * client follows no redirects) must not count as done. Bodies are checked by each call's schema,
 * so an HTML `200` from a proxy fails there.
 */
export function expectStatus<T>(response: HttpResponse<T>, allowed: readonly number[], operation: string): T {
  if (!allowed.includes(response.status)) {
    throw new ConnectorError("protocol", `hubspot ${operation} answered HTTP ${response.status} (expected ${allowed.join(" or ")}); the write is not confirmed`, { status: response.status, system: "hubspot", operation });
  }
  return response.data;
}

/**
 * v4 batch read, following each record's own `paging.next.after` (a record with many targets
 * — line items of a large deal, contacts of a large company — arrives over several rounds).
 * Records with no association answer a 207 `NO_ASSOCIATIONS_FOUND` error: they simply have none.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview
 */
async function readAssociations(http: HttpClient, from: string, to: string, ids: string[]): Promise<Map<string, HubSpotAssociated[]>> {
  const out = new Map<string, HubSpotAssociated[]>();
  const guard = new PageGuard(`${from}→${to} associations`, MAX_ASSOCIATION_ROUNDS * Math.max(1, ids.length));
  let pending: Array<{ id: string; after?: string }> = [...new Set(ids)].map((id) => ({ id }));
  while (pending.length) {
    for (const input of pending) if (input.after) guard.visit(input);
    const response = await http.request({ method: "POST", url: `/crm/v4/associations/${from}/${to}/batch/read`, data: { inputs: pending }, schema: hubSpotAssociationBatchSchema });
    const data = expectStatus(response, [200, 207], `POST /crm/v4/associations/${from}/${to}/batch/read`);
    const next: Array<{ id: string; after: string }> = [];
    for (const result of data.results) {
      const list = out.get(result.from.id) ?? [];
      for (const target of result.to) list.push({ id: target.toObjectId, typeIds: (target.associationTypes ?? []).map((t) => t.typeId) });
      out.set(result.from.id, list);
      const after = result.paging?.next?.after;
      if (after) next.push({ id: result.from.id, after });
    }
    pending = next;
  }
  return out;
}

/** Associations v4 and Lists v3 endpoints; every write checks its status and body. */
export function linkMethods(http: HttpClient): LinkMethods {
  const post = async <T>(url: string, data: unknown, schema: z.ZodType<T>, allowed: readonly number[] = [200]) =>
    expectStatus(await http.request({ method: "POST", url, data, schema }), allowed, `POST ${url}`);
  return {
    associations: async (from, to, ids) => (ids.length === 0 ? new Map() : readAssociations(http, from, to, ids)),
    // v4 batch create (201; 207 names the pairs that failed); HubSpot creates the reverse direction itself.
    async associate(from, to, typeIds, pairs) {
      if (pairs.length === 0) return;
      const types = (typeof typeIds === "number" ? [typeIds] : [...typeIds]).map((associationTypeId) => ({ associationCategory: "HUBSPOT_DEFINED", associationTypeId }));
      const inputs = pairs.map((p) => ({ from: { id: p.from }, to: { id: p.to }, types }));
      const data = await post(`/crm/v4/associations/${from}/${to}/batch/create`, { inputs }, hubSpotAssociationCreateSchema, [200, 201, 207]);
      const failed = data.errors?.[0];
      if (failed) {
        const message = `hubspot POST /crm/v4/associations/${from}/${to}/batch/create: ${data.errors!.length} of ${pairs.length} associations failed: ${failed.message ?? "no message"}${formatHubSpotDetails(hubSpotErrorDetails(failed))}`;
        throw new ConnectorError(reasonOfCategory(failed.category) ?? "invalid", message, { system: "hubspot", status: 207, vendorCode: failed.category ?? undefined });
      }
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
      const url = `/crm/v3/lists/${listId}/memberships/add-and-remove`;
      const response = await http.request({ method: "PUT", url, data: { recordIdsToAdd: add, recordIdsToRemove: remove }, schema: hubSpotMembershipsUpdateSchema });
      expectStatus(response, [200], `PUT ${url}`);
    },
  };
}
