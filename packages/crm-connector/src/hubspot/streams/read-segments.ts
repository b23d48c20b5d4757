import { z } from "zod";
import type { Page, ReadOptions, Segment } from "@omnibridge/core-model";
import { decodeCursor, encodeCursor, mapRecords } from "@omnibridge/connector-kit";
import type { HubSpotList } from "../hubspot-api";
import type { HubSpotClient } from "../hubspot-client";
import { CONTACT_PROPS } from "../hubspot-schema";
import { contactKey } from "../mappers/to-customer";
import { listKey, toSegment } from "../mappers/to-segment";
import { KeyResolver } from "./hubspot-lookups";
import { allPages } from "./hubspot-paging";

/** Every contact list, following the Lists search `offset`/`hasMore` paging (guarded against an offset that does not advance). */
export async function allLists(client: HubSpotClient): Promise<HubSpotList[]> {
  const all = await allPages("list search", 0, async (offset: number) => {
    const page = await client.searchLists(offset);
    return { items: page.lists, next: page.hasMore && page.lists.length > 0 ? page.offset : null };
  });
  return all.filter((list) => !list.objectTypeId || list.objectTypeId === "0-1").sort((a, b) => Number(a.listId) - Number(b.listId));
}

/** Every member id of a list (memberships are paged with `after`; a repeating `after` stops with an error). */
export async function memberIds(client: HubSpotClient, listId: string): Promise<string[]> {
  return allPages(`list ${listId} memberships`, undefined as string | undefined, async (after) => {
    const page = await client.listMembers(listId, after);
    return { items: page.ids, next: page.after ?? null };
  });
}

const positionSchema = z.object({ listId: z.string() });

/**
 * Segments: contact lists with their members' canonical keys. Lists cannot be filtered by
 * modification, so every read is full; the cursor is the last list id read (resume after a crash).
 */
export async function* readSegments(client: HubSpotClient, system: string, options: ReadOptions): AsyncGenerator<Page<Segment>> {
  const after = options.cursor ? Number(decodeCursor(options.cursor, positionSchema, system).listId) : -1;
  // Lists of promotions and campaigns (`[promotion:<key>]`, `[campaign:<key>]`) are not segments.
  const lists = (await allLists(client)).filter((list) => Number(list.listId) > after && !/^(promotion|campaign):/.test(listKey(list)));
  const contacts = new KeyResolver(client, "contacts", [CONTACT_PROPS.key, "email"], contactKey);
  const size = Math.max(1, options.pageSize ?? 10);
  if (lists.length === 0) yield { items: [], issues: [], deleted: [], cursor: options.cursor ?? null, hasMore: false };
  for (let i = 0; i < lists.length; i += size) {
    const part = lists.slice(i, i + size);
    const members = new Map<string, string[]>();
    for (const list of part) {
      const ids = await memberIds(client, list.listId);
      const keys = await contacts.resolve(ids);
      members.set(list.listId, ids.map((id) => keys.get(id)).filter((k): k is string => Boolean(k)));
    }
    const mapped = mapRecords("segment", part, (list) => toSegment(list, { system, memberKeys: members.get(list.listId) ?? [] }), (list) => `hubspot-list-${list.listId}`);
    yield { ...mapped, deleted: [], cursor: encodeCursor({ listId: part.at(-1)!.listId }), hasMore: i + size < lists.length };
  }
}
