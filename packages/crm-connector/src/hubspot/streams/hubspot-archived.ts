import type { HubSpotObject } from "../hubspot-api";
import type { HubSpotClient } from "../hubspot-client";

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
  let after: string | undefined;
  do {
    const page = await client.archivedPage(objectType, properties, after);
    for (const record of page.records) {
      const at = Date.parse(record.archivedAt ?? "");
      if (Number.isFinite(at) && at >= sinceMs) keys.push(keyOf(record));
    }
    after = page.after;
  } while (after);
  return keys;
}
