import type { Campaign } from "@omnibridge/core-model";
import type { ConfigInput } from "../../config";

/** System id of the campaign plan in the default config. */
export const CAMPAIGN_SYSTEM = "campaigns";

/**
 * The default segments: consent-aware marketing audiences, an analytics view of value and a
 * service view of B2B buyers, over the metrics and RFM scores the segment engine computes.
 */
export const DEFAULT_SEGMENTS = [
  { key: "newsletter-buyers", name: "Newsletter: buyers", purpose: "marketing", description: "Customers with at least one counted order (consent required)", rules: [{ field: "metrics.orderCount", op: "gte", value: 1 }] },
  { key: "vip", name: "VIP", purpose: "marketing", description: "Recent, frequent, high-spending customers (RFM R ≥ 4, F ≥ 4, M ≥ 4)", rules: [{ field: "rfm.r", op: "gte", value: 4 }, { field: "rfm.f", op: "gte", value: 4 }, { field: "rfm.m", op: "gte", value: 4 }] },
  { key: "win-back", name: "Win-back", purpose: "marketing", description: "At-risk and hibernating customers", rules: [{ field: "rfm.label", op: "in", value: ["at_risk", "hibernating"] }] },
  { key: "high-clv", name: "High CLV", purpose: "analytics", description: "CLV of at least 1,000.00 in the reporting currency", rules: [{ field: "metrics.clv.amount", op: "gte", value: 100_000 }] },
  { key: "b2b-buyers", name: "B2B buyers", purpose: "service", description: "Company contacts and customers who ordered for a company", rules: [{ field: "b2b", op: "eq", value: true }, { field: "metrics.orderCount", op: "gte", value: 1 }] },
] as const;

/**
 * Default marketing flows (issue 11): ERP promotions → CMS landing pages and the CRM (aimed at
 * the consent-aware newsletter audience: Odoo programs carry no audience), and the campaign
 * plan → CMS landing pages (the CMS that returns the page URL first) and the CRM.
 */
export function marketingFlows(cms: readonly string[], crm = "hubspot"): ConfigInput["flows"] {
  const channels = (entity: "promotion" | "campaign") => [
    ...[...cms].sort((a, b) => (a === "wordpress" ? -1 : b === "wordpress" ? 1 : 0)).map((system) => ({ system, entity })),
    { system: crm, entity, ...(entity === "promotion" ? { mapping: { set: { segmentKeys: ["newsletter-buyers"] } } } : {}) },
  ];
  return [
    { name: "promotions", source: { system: "odoo", entity: "promotion" }, targets: channels("promotion") },
    { name: "campaigns", source: { system: CAMPAIGN_SYSTEM, entity: "campaign" }, targets: channels("campaign") },
  ];
}

/** The rest of the default marketing config: segments, their valuation and push target, campaign ownership. */
export function marketingConfig(crm = "hubspot"): Pick<ConfigInput, "segments" | "marketing" | "ownership"> {
  return {
    segments: DEFAULT_SEGMENTS.map((s) => ({ ...s, rules: s.rules.map((r) => ({ ...r })) })),
    marketing: { segmentTargets: [crm], reportingCurrency: "EUR", rates: { USD: "0.92" }, lifespanYears: 3 },
    // The campaign plan is the campaigns' owner, so every channel (the CRM included) receives their changes.
    ownership: { campaign: { default: CAMPAIGN_SYSTEM } },
  };
}

/** The campaign plan system of a demo: the world's campaigns as the marketing team's plan. */
export function campaignPlanSystem(
  campaigns: Iterable<Campaign>,
): { id: string; adapter: string; settings: Record<string, unknown>; how: string } {
  const plan = [...campaigns];
  return { id: CAMPAIGN_SYSTEM, adapter: "campaign-plan", settings: { campaigns: plan }, how: `campaign plan in the config (${plan.length} campaigns)` };
}
