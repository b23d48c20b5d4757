import type { Campaign, Promotion } from "@omnibridge/core-model";
import { escapeHtml, periodText, rewardText } from "../../shared/marketing-text";
import { pickLocale, slugify } from "../../shared/slug";
import type { ContentfulFields } from "../contentful-api";

/** Key the entry id of a promotion derives from (`promotion:<key>`). */
export const promotionEntryKey = (key: string) => `promotion:${key}`;
/** Key the entry id of a campaign derives from (`campaign:<key>`). */
export const campaignEntryKey = (key: string) => `campaign:${key}`;

type Fields = Record<string, Record<string, unknown>>;

/** Non-localized values sit under the default locale; empty values are left out (the CMA rejects nulls in arrays). */
function single(fields: Fields, main: string, values: Record<string, unknown>): void {
  for (const [id, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    fields[id] = { [main]: value };
  }
}

/** The landing body of a promotion in one locale: every value escaped, money formatted in that locale. */
export function promotionBody(promotion: Promotion, locale: string): string {
  const description = pickLocale(promotion.description, locale);
  const codes = promotion.couponCodes.map((code) => `<code>${escapeHtml(code)}</code>`).join(", ");
  return [
    `<p class="omnibridge-promotion-reward">${escapeHtml(rewardText(promotion, locale))}</p>`,
    description ? `<p class="omnibridge-promotion-description">${escapeHtml(description)}</p>` : "",
    `<p class="omnibridge-promotion-validity">${escapeHtml(periodText(promotion.validFrom, promotion.validTo))}</p>`,
    codes ? `<p class="omnibridge-promotion-codes">Code: ${codes}</p>` : "",
  ].filter(Boolean).join("\n");
}

/**
 * Promotion → `promotion` entry, written in every locale of the space (a locale the promotion has
 * no name in falls back to its first name, so the entry is complete everywhere). The whole field
 * set is rebuilt: the promotion is owned by the ERP, editors' changes to these fields are overwritten.
 */
export function promotionFields(promotion: Promotion, locales: readonly string[], main: string): ContentfulFields {
  const fields: Fields = {};
  single(fields, main, {
    key: promotion.key, kind: promotion.kind, status: promotion.status, rewardType: promotion.reward.type, reward: promotion.reward,
    minimumAmount: promotion.minimumAmount, minimumQuantity: promotion.minimumQuantity, couponCodes: promotion.couponCodes,
    validFrom: promotion.validFrom, validTo: promotion.validTo, linkedSkus: promotion.skus, linkedCategoryKeys: promotion.categoryKeys,
    channels: promotion.channels, segmentKeys: promotion.segmentKeys,
  });
  for (const [id, value] of [["title", (l: string) => pickLocale(promotion.name, l) ?? promotion.key],
    ["slug", () => slugify(`promotion-${promotion.key}`)], ["rewardText", (l: string) => rewardText(promotion, l)],
    ["body", (l: string) => promotionBody(promotion, l)]] as const) {
    fields[id] = Object.fromEntries(locales.map((locale) => [locale, value(locale)]));
  }
  return fields;
}

/** Campaign → `campaign` entry: period, channels, segments, promotions (by key) and UTM; title in every locale. */
export function campaignFields(campaign: Campaign, locales: readonly string[], main: string, landingPageUrl?: string): ContentfulFields {
  const fields: Fields = {};
  single(fields, main, {
    key: campaign.key, status: campaign.status, startsAt: campaign.startsAt, endsAt: campaign.endsAt, channels: campaign.channels,
    segmentKeys: campaign.segmentKeys, promotionKeys: campaign.promotionKeys, contentKeys: campaign.contentKeys, utm: campaign.utm,
    budget: campaign.budget, landingPageUrl,
  });
  fields.title = Object.fromEntries(locales.map((locale) => [locale, campaign.name]));
  fields.slug = Object.fromEntries(locales.map((locale) => [locale, slugify(`campaign-${campaign.key}`)]));
  return fields;
}
