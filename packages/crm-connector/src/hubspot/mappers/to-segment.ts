import type { EntityInputOf } from "@omnibridge/core-model";
import type { HubSpotList } from "../hubspot-api";
import { slug, toIso } from "./hubspot-values";

/** Canonical key of a list: the slug of its (account-unique) name. */
export function listKey(list: HubSpotList): string {
  return slug(list.name) || `hubspot-list-${list.listId}`;
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
    name: list.name,
    purpose: "marketing",
    rules: [],
    memberKeys: context.memberKeys,
  };
}
