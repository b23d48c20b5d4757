import { moneyToDecimal, type Campaign, type Money, type Promotion } from "@omnibridge/core-model";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text for HTML (element content and quoted attributes): nothing from a record is ever markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Undo {@link escapeHtml} (titles of our own pages are stored escaped; they are escaped again when linked). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}

/**
 * Money in integer minor units → `€5.00` in the locale's currency format. The decimal comes
 * from the minor units exactly (`moneyToDecimal`), so no float rounding is involved.
 */
export function formatMoney(money: Money, locale: string): string {
  const decimal = moneyToDecimal(money);
  const digits = decimal.includes(".") ? decimal.split(".")[1]!.length : 0;
  const format = (tag: string) => new Intl.NumberFormat(tag, { style: "currency", currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  let formatter: Intl.NumberFormat;
  try {
    formatter = format(locale);
  } catch {
    formatter = format("en");
  }
  // A string keeps every digit (Intl.NumberFormat v3 formats decimal strings exactly).
  return formatter.format(decimal as unknown as number);
}

function percentText(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0+$/, "")} %`;
}

/** The reward in words: `10 % off`, `€5.00 off orders over €50.00`, `Buy 2 get 1`, `Free shipping`. */
export function rewardText(promotion: Pick<Promotion, "reward" | "minimumAmount" | "minimumQuantity">, locale: string): string {
  const { reward } = promotion;
  const minimum = promotion.minimumAmount ? formatMoney(promotion.minimumAmount, locale) : undefined;
  let text: string;
  switch (reward.type) {
    case "percentage":
      text = `${percentText(reward.percent)} off${minimum ? ` orders over ${minimum}` : ""}`;
      break;
    case "fixed_amount":
      text = `${formatMoney(reward.amount, locale)} off${minimum ? ` orders over ${minimum}` : ""}`;
      break;
    case "buy_x_get_y":
      text = `Buy ${reward.buyQuantity} get ${reward.getQuantity}${reward.getPercent < 100 ? ` at ${percentText(reward.getPercent)} off` : ""}${minimum ? ` on orders over ${minimum}` : ""}`;
      break;
    case "free_shipping":
      text = `Free shipping${minimum ? ` on orders over ${minimum}` : ""}`;
      break;
  }
  return promotion.minimumQuantity ? `${text} when buying at least ${promotion.minimumQuantity} items` : text;
}

/** `2026-12-01` (UTC date of an instant). */
export const isoDate = (instant: string) => new Date(instant).toISOString().slice(0, 10);

/** Validity in words: `Valid from 2026-12-01 until 2026-12-31`, open ends left out. */
export function periodText(from: string | null | undefined, to: string | null | undefined, label = "Valid"): string {
  if (from && to) return `${label} from ${isoDate(from)} until ${isoDate(to)}`;
  if (from) return `${label} from ${isoDate(from)}`;
  if (to) return `${label} until ${isoDate(to)}`;
  return `${label} until further notice`;
}

/** True when `now` lies within [from, to] (open ends are unbounded). */
export function covers(from: string | null | undefined, to: string | null | undefined, now: Date): boolean {
  return (!from || Date.parse(from) <= now.getTime()) && (!to || Date.parse(to) >= now.getTime());
}

/** What a channel shows for a promotion: live (active and within its validity), pending (draft or outside it), or ended. */
export function promotionPhase(promotion: Pick<Promotion, "status" | "validFrom" | "validTo">, now: Date): "live" | "pending" | "ended" {
  if (promotion.status === "ended" || promotion.status === "archived") return "ended";
  return promotion.status === "active" && covers(promotion.validFrom, promotion.validTo, now) ? "live" : "pending";
}

/** The same for a campaign: active → live, planned → pending, completed/cancelled → ended. */
export function campaignPhase(campaign: Pick<Campaign, "status">): "live" | "pending" | "ended" {
  return campaign.status === "active" ? "live" : campaign.status === "planned" ? "pending" : "ended";
}

/** `url` with the campaign's UTM parameters (existing query kept; UTM values replace older ones). */
export function utmUrl(url: string, utm: Campaign["utm"]): string {
  if (!utm) return url;
  const target = new URL(url);
  const pairs: Array<[string, string | null | undefined]> = [
    ["utm_source", utm.source], ["utm_medium", utm.medium], ["utm_campaign", utm.campaign], ["utm_term", utm.term], ["utm_content", utm.content],
  ];
  for (const [name, value] of pairs) if (value) target.searchParams.set(name, value);
  return target.toString();
}

/**
 * The campaign's landing page URL: the first http(s) URL among its externalIds (the sync app
 * records the CMS write's externalId — the landing page URL — there).
 */
export function landingUrlOf(campaign: Pick<Campaign, "externalIds">): string | undefined {
  return Object.values(campaign.externalIds).find((value) => /^https?:\/\//.test(value));
}
