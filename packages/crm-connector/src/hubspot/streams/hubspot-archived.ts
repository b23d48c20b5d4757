import type { HubSpotObject } from "../hubspot-api";
import type { HubSpotClient } from "../hubspot-client";
import { guardedPages } from "./hubspot-paging";

/**
 * Canonical keys of records archived at or after `sinceMs`. Search never returns archived records,
 * so a delta read asks the list endpoint with `archived=true` (each record carries `archivedAt`).
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#retrieve-records
 */
export async function archivedSince(
  client: HubSpotClient, objectType: string, sinceMs: number | null, properties: string[], keyOf: (record: HubSpotObject) => string,
): Promise<string[]> {
  if (sinceMs === null) return [];
  const keys: string[] = [];
  const pages = guardedPages(`archived ${objectType}`, undefined as string | undefined, async (after) => {
    const page = await client.archivedPage(objectType, properties, after);
    return { items: page.records, next: page.after ?? null };
  });
  for await (const records of pages) {
    for (const record of records) {
      const at = Date.parse(record.archivedAt ?? "");
      if (Number.isFinite(at) && at >= sinceMs) keys.push(keyOf(record));
    }
  }
  return keys;
}
