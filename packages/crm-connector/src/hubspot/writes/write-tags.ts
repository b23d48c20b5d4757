import { chunk } from "@omnibridge/connector-kit";
import { isConnectorError, type WriteOutcome } from "@omnibridge/core-model";
import type { HubSpotClient } from "../hubspot-client";
import type { HubSpotList } from "../hubspot-api";
import { BATCH_LIMIT, readByIds } from "../streams/hubspot-lookups";
import { memberIds } from "../streams/read-segments";

/**
 * One promotion or campaign put on (or taken off) the contacts it targets. Its MANUAL list
 * (`<name> [<listKey>]`) records which contacts carry its tag, so a later write or archive
 * knows whom to untag even after the segments changed.
 */
export interface TagPlan {
  /** Canonical key of the record (reported in its outcome). */
  key: string;
  /** `promotion:<key>` / `campaign:<key>`: the bracketed key of its list. */
  listKey: string;
  listName: string;
  /** Segments (lists by canonical key) whose members are targeted. */
  segmentKeys: readonly string[];
  /** Tag the targeted contacts (else untag everyone who has it). */
  live: boolean;
  /** Semicolon-separated multi-value property holding the tag. */
  tagProperty: string;
  /** Properties set on tagged contacts, cleared once a contact has no tag of this property left. */
  extra?: Record<string, string>;
}

/** Multi-value property text → values (HubSpot separates checkbox values with `;`). */
export const splitValues = (text: string | null | undefined) => (text ?? "").split(";").map((v) => v.trim()).filter(Boolean);

function propertiesFor(
  plan: TagPlan, current: Record<string, string | null | undefined>, tagged: boolean,
): Record<string, string> | undefined {
  const before = splitValues(current[plan.tagProperty]);
  const after = tagged ? [...new Set([...before, plan.key])] : before.filter((value) => value !== plan.key);
  const wanted: Record<string, string> = { [plan.tagProperty]: after.join(";") };
  for (const [name, value] of Object.entries(plan.extra ?? {})) {
    if (tagged) wanted[name] = value;
    else if (after.length === 0) wanted[name] = "";
  }
  const changed = Object.entries(wanted).some(([name, value]) => (current[name] ?? "") !== value);
  return changed ? wanted : undefined;
}

/** What one write shares between its plans: lists by key, and segment members read once per write. */
export interface TagContext {
  lists: Map<string, HubSpotList>;
  segmentMembers: Map<string, Promise<string[]>>;
}

/** Contacts targeted by the plan's segments; a segment without a list fails the plan naming it. */
async function targets(client: HubSpotClient, plan: TagPlan, { lists, segmentMembers }: TagContext): Promise<Set<string> | WriteOutcome> {
  const ids = new Set<string>();
  for (const [index, segmentKey] of plan.segmentKeys.entries()) {
    const list = lists.get(segmentKey);
    if (!list) {
      return { key: plan.key, status: "failed", issue: { recordKey: plan.key, field: `segmentKeys.${index}`, reason: "not_found", message: `no HubSpot list for segment ${segmentKey}` } };
    }
    if (!plan.live) continue;
    if (!segmentMembers.has(list.listId)) segmentMembers.set(list.listId, memberIds(client, list.listId));
    for (const id of await segmentMembers.get(list.listId)!) ids.add(id);
  }
  return ids;
}

/** Set the tag (and extra properties) on `add`, remove it from `remove`, 100 contacts per batch update. */
async function updateContacts(client: HubSpotClient, plan: TagPlan, add: Set<string>, remove: Set<string>): Promise<number> {
  const names = [plan.tagProperty, ...Object.keys(plan.extra ?? {})];
  const contacts = await readByIds(client, "contacts", [...add, ...remove], names);
  const inputs = contacts.flatMap((contact) => {
    const properties = propertiesFor(plan, contact.properties, add.has(contact.id));
    return properties ? [{ id: contact.id, properties }] : [];
  });
  for (const part of chunk(inputs, BATCH_LIMIT)) await client.batchUpdate("contacts", part);
  return inputs.length;
}

/**
 * Apply one plan: tag the targeted contacts, untag the ones that no longer are, then bring the
 * record's list to the same members. Properties go first: should a batch fail, the list still
 * names everyone who may carry the tag, and the next write completes the job.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/lists/memberships/update-list-memberships
 */
export async function applyTagPlan(client: HubSpotClient, plan: TagPlan, context: TagContext): Promise<WriteOutcome> {
  const { lists } = context;
  try {
    const targeted = await targets(client, plan, context);
    if (!(targeted instanceof Set)) return targeted;
    let list = lists.get(plan.listKey);
    const created = !list;
    if (!list && !plan.live) return { key: plan.key, status: "archived" };
    if (!list) lists.set(plan.listKey, (list = await client.createList(plan.listName)));
    const current = new Set(await memberIds(client, list.listId));
    const remove = new Set([...current].filter((id) => !targeted.has(id)));
    // Every targeted contact is read (not only new members), so a tag removed by hand is restored.
    const updated = await updateContacts(client, plan, targeted, remove);
    const add = [...targeted].filter((id) => !current.has(id));
    if (add.length || remove.size) await client.updateListMembers(list.listId, add, [...remove]);
    const status = !plan.live ? "archived" : created ? "created" : updated || add.length || remove.size ? "updated" : "unchanged";
    return { key: plan.key, status, externalId: list.listId };
  } catch (error) {
    if (!isConnectorError(error) || error.reason === "unauthorized" || error.reason === "forbidden" || error.retryable) throw error;
    return { key: plan.key, status: "failed", issue: { recordKey: plan.key, reason: error.reason, message: error.message, vendorCode: error.vendorCode } };
  }
}
