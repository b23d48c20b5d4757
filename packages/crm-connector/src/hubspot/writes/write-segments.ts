import type { Segment, WriteOutcome } from "@omnibridge/core-model";
import type { HubSpotClient } from "../hubspot-client";
import type { HubSpotList } from "../hubspot-api";
import { CONTACT_PROPS } from "../hubspot-schema";
import { listKey, listNameOf } from "../mappers/to-segment";
import { readByIds } from "../streams/hubspot-lookups";
import { allLists, memberIds } from "../streams/read-segments";

async function contactIds(client: HubSpotClient, keys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const record of await readByIds(client, "contacts", keys, [CONTACT_PROPS.key], CONTACT_PROPS.key)) {
    const key = record.properties[CONTACT_PROPS.key];
    if (key) out.set(key, record.id);
  }
  return out;
}

async function writeOne(client: HubSpotClient, segment: Segment, lists: Map<string, HubSpotList>): Promise<WriteOutcome> {
  let list = lists.get(segment.key);
  const created = !list;
  if (list && list.processingType === "DYNAMIC") {
    return { key: segment.key, status: "failed", externalId: list.listId, issue: { recordKey: segment.key, field: "memberKeys", reason: "invalid", message: "is a DYNAMIC list in HubSpot; its members follow its filters" } };
  }
  if (!list) lists.set(segment.key, (list = await client.createList(listNameOf(segment))));
  const ids = await contactIds(client, segment.memberKeys);
  const current = new Set(await memberIds(client, list.listId));
  const wanted = new Set(ids.values());
  const add = [...wanted].filter((id) => !current.has(id));
  const remove = [...current].filter((id) => !wanted.has(id));
  if (add.length || remove.length) await client.updateListMembers(list.listId, add, remove);
  const missing = segment.memberKeys.findIndex((key) => !ids.has(key));
  if (missing >= 0) {
    return { key: segment.key, status: "failed", externalId: list.listId, issue: { recordKey: segment.key, field: `memberKeys.${missing}`, reason: "not_found", message: `no contact has ${CONTACT_PROPS.key} ${segment.memberKeys[missing]} yet; the other members were applied` } };
  }
  return { key: segment.key, status: created ? "created" : add.length || remove.length ? "updated" : "unchanged", externalId: list.listId };
}

/**
 * Segments as MANUAL contact lists: find the list by key or create it as `<name> [<key>]`, then
 * apply the membership diff with one add-and-remove call.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/lists/memberships/update-list-memberships
 */
export async function writeSegments(client: HubSpotClient, segments: readonly Segment[]): Promise<WriteOutcome[]> {
  if (segments.length === 0) return [];
  const lists = new Map((await allLists(client)).map((list) => [listKey(list), list]));
  const out: WriteOutcome[] = [];
  for (const segment of segments) out.push(await writeOne(client, segment, lists));
  return out;
}
