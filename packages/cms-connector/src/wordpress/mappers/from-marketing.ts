import type { Campaign, Promotion } from "@omnibridge/core-model";
import { campaignPhase, escapeHtml, periodText, promotionPhase, rewardText, utmUrl } from "../../shared/marketing-text";
import { pickLocale, slugify } from "../../shared/slug";
import type { WordpressPostBody } from "./from-canonical";

/** Key (`omnibridge_key` meta) of a promotion's landing page. */
export const promotionPageKey = (key: string) => `promotion:${key}`;
/** Key (`omnibridge_key` meta) of a campaign's landing page. */
export const campaignPageKey = (key: string) => `campaign:${key}`;

const paragraph = (cls: string, text: string) => `<p class="${cls}">${escapeHtml(text)}</p>`;

/**
 * Promotion → landing page (a WordPress page). Everything from the record is escaped: the title
 * too, because WordPress renders titles as HTML. Validity, codes and the reward are also meta.
 * Published only while the promotion is active and its validity covers `now`.
 */
export function fromPromotion(promotion: Promotion, locale: string, now: Date): WordpressPostBody {
  const name = pickLocale(promotion.name, locale) ?? promotion.key;
  const description = pickLocale(promotion.description, locale) ?? "";
  const reward = rewardText(promotion, locale);
  const validity = periodText(promotion.validFrom, promotion.validTo);
  const codes = promotion.couponCodes.map((code) => `<code>${escapeHtml(code)}</code>`).join(", ");
  const content = [
    paragraph("omnibridge-promotion-reward", reward),
    description ? paragraph("omnibridge-promotion-description", description) : "",
    paragraph("omnibridge-promotion-validity", validity),
    codes ? `<p class="omnibridge-promotion-codes">${promotion.couponCodes.length > 1 ? "Codes" : "Code"}: ${codes}</p>` : "",
  ].filter(Boolean).join("\n");
  return {
    title: escapeHtml(name),
    content,
    excerpt: escapeHtml(`${reward}. ${validity}.`),
    slug: slugify(`promotion-${promotion.key}`),
    status: promotionPhase(promotion, now) === "live" ? "publish" : "draft",
    meta: {
      omnibridge_key: promotionPageKey(promotion.key),
      omnibridge_type: "landing_page",
      omnibridge_locale: locale,
      omnibridge_promotion_key: promotion.key,
      omnibridge_seo_title: name,
      omnibridge_seo_description: `${reward}. ${validity}.`,
      omnibridge_reward: reward,
      omnibridge_valid_from: promotion.validFrom ?? "",
      omnibridge_valid_to: promotion.validTo ?? "",
      omnibridge_coupon_codes: promotion.couponCodes.join(","),
      omnibridge_linked_skus: promotion.skus.join(","),
      omnibridge_category_keys: promotion.categoryKeys.join(","),
      omnibridge_channels: promotion.channels.join(","),
      omnibridge_segment_keys: promotion.segmentKeys.join(","),
    },
  };
}

/** A promotion landing page a campaign links to. */
export interface LinkedPromotionPage {
  key: string;
  title: string;
  link: string;
}

/**
 * Campaign → landing page linking its promotions' pages (found by key) and carrying the
 * UTM-tagged URL of itself (`link` is the page's permalink once it exists).
 */
export function fromCampaign(
  campaign: Campaign, locale: string, link: string | undefined, promotions: readonly LinkedPromotionPage[],
): WordpressPostBody {
  const items = promotions.map((page) => `<li><a href="${escapeHtml(page.link)}" data-promotion-key="${escapeHtml(page.key)}">${escapeHtml(page.title)}</a></li>`);
  const content = [
    paragraph("omnibridge-campaign-period", periodText(campaign.startsAt, campaign.endsAt, "Runs")),
    campaign.channels.length ? paragraph("omnibridge-campaign-channels", `Channels: ${campaign.channels.join(", ")}`) : "",
    items.length ? `<ul class="omnibridge-campaign-promotions">\n${items.join("\n")}\n</ul>` : "",
  ].filter(Boolean).join("\n");
  return {
    title: escapeHtml(campaign.name),
    content,
    excerpt: escapeHtml(periodText(campaign.startsAt, campaign.endsAt, "Runs")),
    slug: slugify(`campaign-${campaign.key}`),
    status: campaignPhase(campaign) === "live" ? "publish" : "draft",
    meta: {
      omnibridge_key: campaignPageKey(campaign.key),
      omnibridge_type: "landing_page",
      omnibridge_locale: locale,
      omnibridge_campaign_key: campaign.key,
      omnibridge_seo_title: campaign.name,
      omnibridge_valid_from: campaign.startsAt,
      omnibridge_valid_to: campaign.endsAt ?? "",
      omnibridge_channels: campaign.channels.join(","),
      omnibridge_segment_keys: campaign.segmentKeys.join(","),
      omnibridge_promotion_keys: campaign.promotionKeys.join(","),
      omnibridge_utm_url: link ? utmUrl(link, campaign.utm) : "",
    },
  };
}
