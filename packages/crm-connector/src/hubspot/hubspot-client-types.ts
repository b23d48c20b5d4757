import type { ConnectorMetrics } from "@omnibridge/core-model";
import type { HubSpotBatchResponse, HubSpotList, HubSpotObject, HubSpotSearchResponse } from "./hubspot-api";

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

/** One associated record with the association type ids that link it (v4 `associationTypes[].typeId`). */
export interface HubSpotAssociated {
  id: string;
  typeIds: number[];
}

/** HubSpot transport: auth, budgets (burst + search), error classification. No canonical model here. */
export interface HubSpotClient {
  search(objectType: string, body: HubSpotSearchBody, signal?: AbortSignal): Promise<HubSpotSearchResponse>;
  batchRead(objectType: string, ids: string[], properties: string[], idProperty?: string): Promise<HubSpotBatchResponse>;
  batchUpsert(objectType: string, inputs: HubSpotUpsertInput[]): Promise<HubSpotBatchResponse>;
  batchArchive(objectType: string, ids: string[]): Promise<void>;
  batchUpdate(objectType: string, inputs: Array<{ id: string; properties: Record<string, string> }>): Promise<HubSpotBatchResponse>;
  archivedPage(objectType: string, properties: string[], after?: string): Promise<{ records: HubSpotObject[]; after?: string }>;
  /** Every associated record per id, following each record's own paging. */
  associations(from: string, to: string, ids: string[]): Promise<Map<string, HubSpotAssociated[]>>;
  /** Create associations (each pair with every type id given); a 207 error is thrown as a ConnectorError. */
  associate(from: string, to: string, typeIds: number | readonly number[], pairs: Array<{ from: string; to: string }>): Promise<void>;
  propertyNames(objectType: string): Promise<Set<string>>;
  accountDetails(): Promise<{ portalId: string }>;
  searchLists(offset: number): Promise<{ lists: HubSpotList[]; hasMore: boolean; offset: number }>;
  listMembers(listId: string, after?: string): Promise<{ ids: string[]; after?: string }>;
  createList(name: string): Promise<HubSpotList>;
  updateListMembers(listId: string, add: string[], remove: string[]): Promise<void>;
  metrics(): ConnectorMetrics;
  close(): void;
}
