import type { EntityInputOf } from "@omnibridge/core-model";
import type { HubSpotList } from "../hubspot-api";
import { isKey, slug, toIso } from "./hubspot-values";

const KEYED_NAME = /^(.*?)\s*\[([^\]]+)\]$/;

/**
 * Lists have no custom properties, so omnibridge names the lists it manages `<name> [<key>]`
 * (list names are unique per account). Other lists are keyed by the slug of their name.
 */
export function parseListName(name: string): { name: string; key?: string } {
  const match = KEYED_NAME.exec(name);
  return match && match[1] && isKey(match[2]) ? { name: match[1], key: match[2] } : { name };
}

/** The list name omnibridge gives a segment's list. */
export function listNameOf(segment: { name: string; key: string }): string {
  return `${segment.name} [${segment.key}]`;
}

/** Canonical key of a list: the bracketed key, else the slug of its name, else `hubspot-list-<id>`. */
export function listKey(list: HubSpotList): string {
  const parsed = parseListName(list.name);
  return parsed.key ?? (slug(parsed.name) || `hubspot-list-${list.listId}`);
}

/**
 * HubSpot list → canonical segment (pure). Membership is explicit (`memberKeys`); HubSpot's
 * filter definitions of dynamic lists are not translated into canonical rules.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
export function toSegment(list: HubSpotList, context: { system: string; memberKeys: string[] }): EntityInputOf<"segment"> {
  return {
    key: listKey(list),
    externalIds: { [context.system]: list.listId },
    updatedAt: toIso(list.updatedAt) ?? toIso(list.createdAt) ?? "",
    name: parseListName(list.name).name,
    purpose: "marketing",
    rules: [],
    memberKeys: context.memberKeys,
  };
}
