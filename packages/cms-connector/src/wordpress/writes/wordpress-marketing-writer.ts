import type { Campaign, Promotion, WriteOutcome } from "@omnibridge/core-model";
import { campaignPhase, promotionPhase, unescapeHtml } from "../../shared/marketing-text";
import type { WordpressClient } from "../wordpress-client";
import { campaignPageKey, fromCampaign, fromPromotion, promotionPageKey, type LinkedPromotionPage } from "../mappers/from-marketing";
import { findByMeta } from "../wordpress-lookup";
import { failed, trashPosts, upsertPosts } from "./wordpress-writer";

/** Promotion and campaign landing pages live in the `pages` collection. */
const PAGES = "pages";

type Rekeyed = (outcomes: WriteOutcome[], keys: readonly string[]) => WriteOutcome[];
const rekey: Rekeyed = (outcomes, keys) => outcomes.map((outcome, i) => ({ ...outcome, key: keys[i]! }));

/**
 * Promotions → landing pages: live or pending ones are upserted (published only while live),
 * ended or archived ones are trashed. Outcomes in input order; externalId is the page id.
 * https://developer.wordpress.org/rest-api/reference/pages/
 */
export async function writePromotions(
  client: WordpressClient, locale: string, promotions: readonly Promotion[], now = new Date(),
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(promotions.length);
  const ended = promotions.flatMap((p, index) => (promotionPhase(p, now) === "ended" ? [{ p, index }] : []));
  const upserts = promotions.flatMap((p, index) => (promotionPhase(p, now) === "ended" ? [] : [{ p, index }]));
  const items = upserts.map(({ p }) => ({ key: p.key, lookupKey: promotionPageKey(p.key), body: fromPromotion(p, locale, now) }));
  const written = await upsertPosts(client, PAGES, items);
  upserts.forEach(({ index }, i) => (outcomes[index] = written[i]!));
  const trashed = await archivePromotions(client, ended.map(({ p }) => p.key));
  ended.forEach(({ index }, i) => (outcomes[index] = trashed[i]!));
  return outcomes;
}

/** Trash promotion landing pages by promotion key (missing or already trashed: archived). */
export async function archivePromotions(client: WordpressClient, keys: readonly string[]): Promise<WriteOutcome[]> {
  return rekey(await trashPosts(client, PAGES, keys.map(promotionPageKey)), keys);
}

/** The promotion landing pages a batch of campaigns links to, by promotion key (trashed ones left out). */
async function linkedPages(client: WordpressClient, campaigns: readonly Campaign[]): Promise<Map<string, LinkedPromotionPage>> {
  const keys = [...new Set(campaigns.flatMap((c) => c.promotionKeys))];
  const found = await findByMeta(client, PAGES, "omnibridge_key", keys.map(promotionPageKey));
  const out = new Map<string, LinkedPromotionPage>();
  for (const key of keys) {
    const page = found.get(promotionPageKey(key));
    if (page?.link && page.status !== "trash") out.set(key, { key, link: page.link, title: unescapeHtml(page.title?.raw ?? key) });
  }
  return out;
}

/**
 * A new page's permalink is only known once it exists: the UTM-tagged URL meta is then set
 * with one more update. Returns the page's permalink (the campaign's externalId).
 */
async function settleLink(
  client: WordpressClient, campaign: Campaign, locale: string, outcome: WriteOutcome, promotions: LinkedPromotionPage[],
): Promise<WriteOutcome> {
  if (outcome.status === "failed") return outcome;
  const page = (await findByMeta(client, PAGES, "omnibridge_key", [campaignPageKey(campaign.key)])).get(campaignPageKey(campaign.key));
  if (!page?.link) return outcome;
  const wanted = fromCampaign(campaign, locale, page.link, promotions).meta.omnibridge_utm_url;
  try {
    if (page.meta?.omnibridge_utm_url !== wanted) await client.update(PAGES, page.id, { meta: { omnibridge_utm_url: wanted } });
  } catch (error) {
    return failed(campaign.key, error, "utm");
  }
  return { ...outcome, externalId: page.link };
}

/**
 * Campaigns → landing pages linking their promotions' pages and carrying their UTM-tagged URL.
 * Planned: draft; active: published; completed or cancelled: trashed. externalId is the page URL.
 */
export async function writeCampaigns(client: WordpressClient, locale: string, campaigns: readonly Campaign[]): Promise<WriteOutcome[]> {
  if (campaigns.length === 0) return [];
  const promotions = await linkedPages(client, campaigns);
  const existing = await findByMeta(client, PAGES, "omnibridge_key", campaigns.map((c) => campaignPageKey(c.key)));
  const outcomes: WriteOutcome[] = [];
  for (const campaign of campaigns) {
    const found = existing.get(campaignPageKey(campaign.key));
    // A trashed page gets its slug back when restored: its permalink is known only afterwards.
    const page = found?.status === "trash" ? undefined : found;
    if (campaignPhase(campaign) === "ended") {
      const [trashed] = await archiveCampaigns(client, [campaign.key]);
      outcomes.push({ ...trashed!, externalId: found?.link ?? trashed!.externalId });
      continue;
    }
    const linked = campaign.promotionKeys.flatMap((key) => promotions.get(key) ?? []);
    const body = fromCampaign(campaign, locale, page?.link ?? undefined, linked);
    const [outcome] = await upsertPosts(client, PAGES, [{ key: campaign.key, lookupKey: campaignPageKey(campaign.key), body }]);
    outcomes.push(page?.link && outcome!.status !== "failed" ? { ...outcome!, externalId: page.link } : await settleLink(client, campaign, locale, outcome!, linked));
  }
  return outcomes;
}

/** Trash campaign landing pages by campaign key. */
export async function archiveCampaigns(client: WordpressClient, keys: readonly string[]): Promise<WriteOutcome[]> {
  return rekey(await trashPosts(client, PAGES, keys.map(campaignPageKey)), keys);
}
