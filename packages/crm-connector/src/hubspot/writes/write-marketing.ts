import { entitySchemas, issuesFromZod, type Campaign, type Promotion, type WriteOutcome } from "@omnibridge/core-model";
import type { HubSpotClient } from "../hubspot-client";
import { MARKETING_PROPS } from "../hubspot-schema";
import { listKey } from "../mappers/to-segment";
import { allLists } from "../streams/read-segments";
import { applyTagPlan, type TagContext, type TagPlan } from "./write-tags";

/** Bracketed list key of a promotion's list (`[promotion:<key>]`; such lists are not segments). */
export const promotionListKey = (key: string) => `promotion:${key}`;
/** Bracketed list key of a campaign's list. */
export const campaignListKey = (key: string) => `campaign:${key}`;

/** Contacts carry a promotion while it is active and not past its validTo (upcoming ones can be announced). */
export function promotionIsLive(promotion: Pick<Promotion, "status" | "validTo">, now: Date): boolean {
  return promotion.status === "active" && (!promotion.validTo || Date.parse(promotion.validTo) >= now.getTime());
}

/** A URL with the campaign's UTM parameters. */
export function utmUrl(url: string, utm: Campaign["utm"]): string {
  if (!utm) return url;
  const target = new URL(url);
  for (const [name, value] of [["utm_source", utm.source], ["utm_medium", utm.medium], ["utm_campaign", utm.campaign], ["utm_term", utm.term], ["utm_content", utm.content]] as const) {
    if (value) target.searchParams.set(name, value);
  }
  return target.toString();
}

/** Plan of a promotion: its list `<name> [promotion:<key>]`, tag `omnibridge_promotions`. */
export function promotionPlan(promotion: Promotion, now: Date): TagPlan {
  const name = promotion.name.en ?? Object.values(promotion.name)[0] ?? promotion.key;
  return {
    key: promotion.key, listKey: promotionListKey(promotion.key), listName: `${name} [${promotionListKey(promotion.key)}]`,
    segmentKeys: promotion.segmentKeys, live: promotionIsLive(promotion, now), tagProperty: MARKETING_PROPS.promotions,
  };
}

/**
 * Plan of a campaign: its list `<name> [campaign:<key>]`, tag `omnibridge_campaigns`, and on its
 * contacts the UTM-tagged landing page URL (the first http(s) URL among its externalIds, which the
 * sync app fills from the CMS write) and its promotion keys.
 */
export function campaignPlan(campaign: Campaign): TagPlan {
  const landing = Object.values(campaign.externalIds).find((value) => /^https?:\/\//.test(value));
  return {
    key: campaign.key, listKey: campaignListKey(campaign.key), listName: `${campaign.name} [${campaignListKey(campaign.key)}]`,
    segmentKeys: campaign.segmentKeys, live: campaign.status === "active" || campaign.status === "planned", tagProperty: MARKETING_PROPS.campaigns,
    extra: {
      [MARKETING_PROPS.campaignUrl]: landing ? utmUrl(landing, campaign.utm) : "",
      [MARKETING_PROPS.campaignPromotions]: campaign.promotionKeys.join(";"),
    },
  };
}

type Kind = "promotion" | "campaign";

/** One list search per write; segment members are read once per write however many records target them. */
async function tagContext(client: HubSpotClient): Promise<TagContext> {
  return { lists: new Map((await allLists(client)).map((list) => [listKey(list), list])), segmentMembers: new Map() };
}

/** Validate, plan and apply promotions or campaigns one by one; one list search for the batch. */
export async function writeMarketing(
  client: HubSpotClient, entity: Kind, records: readonly unknown[], now = new Date(),
): Promise<WriteOutcome[]> {
  if (records.length === 0) return [];
  const context = await tagContext(client);
  const outcomes: WriteOutcome[] = [];
  for (const [index, record] of records.entries()) {
    const parsed = entitySchemas[entity].safeParse(record);
    const raw = (record as { key?: unknown } | null)?.key;
    const key = typeof raw === "string" && raw ? raw : `#${index}`;
    if (!parsed.success) {
      outcomes.push({ key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] });
      continue;
    }
    const plan = entity === "promotion" ? promotionPlan(parsed.data as Promotion, now) : campaignPlan(parsed.data as Campaign);
    outcomes.push(await applyTagPlan(client, plan, context));
  }
  return outcomes;
}

/** Take promotions or campaigns off every contact carrying them (their lists are emptied, kept as history). */
export async function archiveMarketing(client: HubSpotClient, entity: Kind, keys: readonly string[]): Promise<WriteOutcome[]> {
  if (keys.length === 0) return [];
  const context = await tagContext(client);
  const outcomes: WriteOutcome[] = [];
  for (const key of keys) {
    const listKeyOf = entity === "promotion" ? promotionListKey(key) : campaignListKey(key);
    const tagProperty = entity === "promotion" ? MARKETING_PROPS.promotions : MARKETING_PROPS.campaigns;
    const extra = entity === "campaign" ? { [MARKETING_PROPS.campaignUrl]: "", [MARKETING_PROPS.campaignPromotions]: "" } : undefined;
    const plan: TagPlan = { key, listKey: listKeyOf, listName: listKeyOf, segmentKeys: [], live: false, tagProperty, extra };
    outcomes.push(await applyTagPlan(client, plan, context));
  }
  return outcomes;
}
