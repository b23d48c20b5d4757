import { z } from "zod";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { HubSpotObject } from "../hubspot-api";
import type { HubSpotClient, HubSpotSearchBody } from "../hubspot-client";
import { PageGuard } from "./hubspot-paging";
import { modifiedProperty } from "../hubspot-schema";

/** Search paging stops at 10,000 results per query; paging past it answers 400. [2nd] AWS Glue HubSpot connector limitations. */
export const SEARCH_RESULT_CAP = 10_000;
/** Most pages one delta read follows (200 per page: 20 million records) before it stops with an error. */
export const SEARCH_MAX_PAGES = 100_000;
/** Largest search page. https://developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm */
export const SEARCH_MAX_LIMIT = 200;

/**
 * Keyset position: the last modified time seen (ms) and the ids already read at exactly that
 * time, so records sharing the boundary timestamp are neither lost nor read twice.
 */
const searchCursorSchema = z.object({ t: z.number().int().nonnegative(), ids: z.array(z.string()).max(50_000) });
/** Decoded search cursor. */
export type SearchCursor = z.infer<typeof searchCursorSchema>;

/** A raw page of a delta search. */
export interface RawSearchPage {
  records: HubSpotObject[];
  cursor: string | null;
  hasMore: boolean;
}

/** Options of {@link searchDelta}. */
export interface SearchDeltaOptions {
  objectType: string;
  properties: string[];
  pageSize: number;
  cursor?: string | null;
  signal?: AbortSignal;
  system: string;
}

/** The modified time (ms) a cursor of {@link searchDelta} stands at; null for none. */
export function cursorTime(cursor: string | null | undefined, system: string): number | null {
  return cursor ? decodeCursor(cursor, searchCursorSchema, system).t : null;
}

function modifiedMs(record: HubSpotObject, property: string): number {
  const raw = record.properties[property] ?? record.updatedAt ?? "";
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(ms) ? ms : 0;
}

function windowBody(
  options: SearchDeltaOptions, property: string, from: SearchCursor | null, after: string | undefined,
): HubSpotSearchBody {
  return {
    // Deltas: GTE the last seen time, sorted ascending (a single sort rule); ties skipped by id.
    filterGroups: from ? [{ filters: [{ propertyName: property, operator: "GTE", value: String(from.t) }] }] : [],
    sorts: [{ propertyName: property, direction: "ASCENDING" }],
    properties: [...new Set([...options.properties, property])],
    limit: Math.min(SEARCH_MAX_LIMIT, Math.max(1, options.pageSize)),
    ...(after ? { after } : {}),
  };
}

function advance(
  position: SearchCursor | null, records: HubSpotObject[], property: string,
): { position: SearchCursor | null; fresh: HubSpotObject[] } {
  let current = position;
  const seen = new Set(current?.ids ?? []);
  const fresh: HubSpotObject[] = [];
  for (const record of records) {
    const t = modifiedMs(record, property);
    if (current && (t < current.t || (t === current.t && seen.has(record.id)))) continue;
    fresh.push(record);
    if (!current || t > current.t) {
      current = { t, ids: [] };
      seen.clear();
    }
    current.ids.push(record.id);
    seen.add(record.id);
  }
  return { position: current, fresh };
}

/**
 * Incremental search over one object type, ascending by last-modified. Within a query it pages
 * with `after`; before `after` would pass the 10,000-result cap it opens a new query window at
 * the keyset position (GTE the last seen time), so arbitrarily many results are read without loss.
 */
export async function* searchDelta(client: HubSpotClient, options: SearchDeltaOptions): AsyncGenerator<RawSearchPage> {
  const property = modifiedProperty(options.objectType);
  let position: SearchCursor | null = options.cursor ? decodeCursor(options.cursor, searchCursorSchema, options.system) : null;
  let windowStart = position && { ...position, ids: [...position.ids] };
  let after: string | undefined;
  // A query window plus `after` names one page; seeing it twice means the API's `after` points back.
  const guard = new PageGuard(`${options.objectType} search`, SEARCH_MAX_PAGES);
  for (;;) {
    guard.visit({ window: windowStart && { t: windowStart.t, n: windowStart.ids.length }, after: after ?? null });
    const body = windowBody(options, property, windowStart, after);
    const response = await client.search(options.objectType, body, options.signal);
    const step = advance(position, response.results, property);
    position = step.position;
    const next = response.paging?.next?.after;
    const reachesCap = next !== undefined && /^\d+$/.test(next) && Number(next) + body.limit > SEARCH_RESULT_CAP;
    const windowAdvanced = position !== null &&
      (windowStart === null || position.t > windowStart.t || position.ids.length > windowStart.ids.length);
    const hasMore = next !== undefined && (!reachesCap || windowAdvanced);
    yield { records: step.fresh, cursor: position ? encodeCursor(position) : (options.cursor ?? null), hasMore };
    if (!hasMore) return;
    if (reachesCap) {
      windowStart = position && { ...position, ids: [...position.ids] };
      after = undefined;
    } else after = next;
  }
}
