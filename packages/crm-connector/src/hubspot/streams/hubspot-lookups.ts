import { chunk } from "@omnibridge/connector-kit";
import type { HubSpotObject } from "../hubspot-api";
import type { HubSpotClient } from "../hubspot-client";
import type { HubSpotAssociated } from "../hubspot-client-types";

/** Batch read ≤100 ids per request. https://developers.hubspot.com/docs/guides/crm/using-object-apis */
export const BATCH_LIMIT = 100;

/** Read records by id (or by a unique `idProperty`), 100 per request; missing ids are simply absent. */
export async function readByIds(
  client: HubSpotClient, objectType: string, ids: readonly string[], properties: string[], idProperty?: string,
): Promise<HubSpotObject[]> {
  const out: HubSpotObject[] = [];
  for (const part of chunk([...new Set(ids)], BATCH_LIMIT)) {
    const response = await client.batchRead(objectType, part, properties, idProperty);
    out.push(...response.results);
  }
  return out;
}

/**
 * Canonical keys of records by HubSpot id, with a cache that lives for one read (associated
 * companies repeat across contacts of a page and across pages).
 */
export class KeyResolver {
  private readonly cache = new Map<string, string>();
  constructor(
    private readonly client: HubSpotClient,
    private readonly objectType: string,
    private readonly properties: string[],
    private readonly keyOf: (record: HubSpotObject) => string,
  ) {}

  async resolve(ids: readonly string[]): Promise<Map<string, string>> {
    const missing = ids.filter((id) => !this.cache.has(id));
    if (this.cache.size > 50_000) this.cache.clear();
    const records = await readByIds(this.client, this.objectType, missing, this.properties);
    for (const record of records) this.cache.set(record.id, this.keyOf(record));
    const out = new Map<string, string>();
    for (const id of ids) {
      const key = this.cache.get(id);
      if (key) out.set(id, key);
    }
    return out;
  }
}

/**
 * The primary associated record of `id`: the target linked with the primary association type
 * (contact→company 1, deal→company 5), as the API promises no order. Without a primary one, a
 * single target is taken; among several, the lowest id, so the choice is stable across reads.
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide#association-type-id-values
 */
export function primaryAssociated(associations: Map<string, HubSpotAssociated[]>, id: string, primaryTypeId?: number): string | undefined {
  const targets = associations.get(id) ?? [];
  const primary = primaryTypeId === undefined ? undefined : targets.find((t) => t.typeIds.includes(primaryTypeId));
  if (primary) return primary.id;
  return [...targets].sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id))[0]?.id;
}

/** Every associated id of `id`. */
export function associatedIds(associations: Map<string, HubSpotAssociated[]>, id: string): string[] {
  return (associations.get(id) ?? []).map((t) => t.id);
}
