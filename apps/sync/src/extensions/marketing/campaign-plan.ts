import {
  campaignSchema, CONNECTOR_CONTRACT_V1, ConnectorError, issuesFromZod, systemIdSchema,
  type Campaign, type ConnectorV1, type EntityKind, type EntityOf, type Page, type RecordIssue,
} from "@omnibridge/core-model";
import { z } from "zod";

/**
 * Settings of the `campaign-plan` adapter: the marketing team's campaign plan, kept in the
 * config (none of our vendors exposes campaigns to read: HubSpot's marketing campaigns API is
 * not covered, and the CMS and ERP have no campaign object). Each entry is a canonical
 * campaign; invalid entries become per-record issues (dead letters), the others flow.
 */
export const campaignPlanSettingsSchema = z.object({
  system: systemIdSchema.default("campaigns"),
  campaigns: z.array(z.unknown()).default([]),
  /** Change time of entries without their own `updatedAt` (bump it, or theirs, when editing the plan). */
  updatedAt: z.iso.datetime({ offset: true }).default("1970-01-01T00:00:00.000Z"),
});

function keyOf(entry: unknown, index: number): string {
  const key = typeof entry === "object" && entry !== null ? (entry as { key?: unknown }).key : undefined;
  return typeof key === "string" && key ? key : `campaigns[${index}]`;
}

/** Read the plan: valid campaigns, and one issue per invalid field of the invalid ones. */
export function readCampaignPlan(entries: readonly unknown[], updatedAt = "1970-01-01T00:00:00.000Z"): { items: Campaign[]; issues: RecordIssue[] } {
  const items: Campaign[] = [];
  const issues: RecordIssue[] = [];
  entries.forEach((entry, i) => {
    const parsed = campaignSchema.safeParse(typeof entry === "object" && entry !== null ? { updatedAt, ...entry } : entry);
    if (parsed.success) items.push(parsed.data);
    else issues.push(...issuesFromZod(keyOf(entry, i), parsed.error));
  });
  return { items, issues };
}

/**
 * A read-only connector over the config's campaign plan (adapter `campaign-plan`, role `crm`:
 * the CRM side owns campaigns). Every read returns the whole plan in one page; the engine
 * skips unchanged campaigns by hash. End a campaign by setting `status: completed|cancelled`.
 */
export function createCampaignPlanConnector(settings: Record<string, unknown>): ConnectorV1 {
  const parsed = campaignPlanSettingsSchema.safeParse(settings);
  if (!parsed.success) throw new ConnectorError("invalid", `campaign plan: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { system, campaigns, updatedAt } = parsed.data;
  const unsupported = (entity: string) => new ConnectorError("invalid", `the campaign plan only reads campaigns, not ${entity}`, { system });
  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "campaign-plan", system, role: "crm",
    capabilities: { campaign: { read: true, delta: false, write: false, archive: false, maxBatchSize: 1 } },
    check: async () => ({ ok: true, latencyMs: 0, message: `${campaigns.length} campaigns in the config` }),
    async *read<K extends EntityKind>(entity: K): AsyncIterable<Page<EntityOf<K>>> {
      if (entity !== "campaign") throw unsupported(entity);
      const { items, issues } = readCampaignPlan(campaigns, updatedAt);
      yield { items: items as unknown as EntityOf<K>[], issues, deleted: [], cursor: null, hasMore: false };
    },
    write: async (entity) => Promise.reject(unsupported(`writes of ${entity}`)),
    archive: async (entity) => Promise.reject(unsupported(`archives of ${entity}`)),
    metrics: () => ({ requests: 0, retries: 0, rateLimited: 0 }),
    close: async () => undefined,
  };
}
