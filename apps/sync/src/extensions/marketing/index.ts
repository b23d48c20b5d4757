import type { GoldenRecord } from "@omnibridge/core-model";
import { z } from "zod";
import type { ResolvedConfig, ResolvedFlow } from "../../config";
import type { ConnectorSet } from "../../compose";
import { bindTarget } from "../../engine/bind";
import type { FlowExtension, PageHooks, SyncExtension } from "../../engine/extension";
import type { BoundTarget } from "../../engine/types";
import { createCampaignPlanConnector } from "./campaign-plan";
import { foldIds, withKnownIds } from "./campaign-ids";
import { applyOrderLifetime, lifetimeValuation, orderRefs, withLifetime, type LifetimeValuation, type PartyTargets } from "./lifetime-step";
import { MARKETING, marketingOf, marketingSettingsSchema, resolveMarketing } from "./marketing-config";
import { screenPage } from "./promotion-screen";
import { segmentAsOf } from "./segment-compute";
import { needsSegmentsFirst, runSegmentStep, SEGMENT_STEP } from "./segment-step";
import { segmentMigration } from "./segment-tables";

/** Targets of every flow whose source is a customer or company (where lifetime figures go). */
async function bindPartyTargets(connectors: ConnectorSet, config: ResolvedConfig): Promise<PartyTargets> {
  const out: PartyTargets = {};
  for (const flow of config.flows) {
    const entity = flow.source.entity;
    if (entity !== "customer" && entity !== "company") continue;
    for (const target of flow.targets) {
      if (target.entity !== entity || (out[entity] ?? []).some((t) => t.system === target.system)) continue;
      (out[entity] ??= []).push(await bindTarget(connectors, flow.name, target));
    }
  }
  return out;
}

const lifetimeOn = (flow: ResolvedFlow) => flow.options.lifetime === true;

function valuationOf(config: ResolvedConfig): LifetimeValuation {
  const { marketing } = marketingOf(config);
  return lifetimeValuation(
    { reportingCurrency: marketing.reportingCurrency, rates: marketing.rates, lifespanYears: marketing.lifespanYears },
    () => segmentAsOf(config),
  );
}

/** The page hooks of one flow: promotion screening, campaign landing ids, lifetime figures. */
async function hooksFor(flow: ResolvedFlow, config: ResolvedConfig, connectors: ConnectorSet): Promise<FlowExtension | undefined> {
  const entity = flow.source.entity;
  const hooks: PageHooks = {};
  let partyTargets: PartyTargets = {};
  if (entity === "promotion") hooks.screen = screenPage;
  if (entity === "campaign") {
    hooks.merged = (_ctx, repos, goldens) => withKnownIds(repos, goldens);
    hooks.written = (_ctx, _target, goldens, result) => foldIds(goldens, result.ids);
  }
  const valuation = valuationOf(config);
  if ((entity === "customer" || entity === "company") && config.flows.some(lifetimeOn)) {
    hooks.merged = async (ctx, repos, goldens: GoldenRecord[]) => {
      const figures = await withLifetime(ctx, valuation, repos, entity, goldens);
      goldens.forEach((g, i) => (goldens[i] = figures.get(g.key) ?? g));
    };
  }
  if (entity === "order" && lifetimeOn(flow)) {
    partyTargets = await bindPartyTargets(connectors, config);
    hooks.saved = async (_ctx, repos, goldens) => {
      for (const g of goldens) await repos.golden.setRefs("order", g.key, orderRefs(g));
    };
    hooks.afterWrites = async (ctx, repos, goldens, ids, letters) => {
      letters.push(...(await applyOrderLifetime(ctx, valuation, partyTargets, repos, goldens, ids)));
    };
  }
  if (Object.keys(hooks).length === 0) return undefined;
  const connectorsUsed = Object.values(partyTargets).flat().map((t: BoundTarget) => t.connector);
  return { hooks, connectors: connectorsUsed };
}

/**
 * Marketing beside the engine: promotions screened against the golden catalogue, campaigns
 * from a plan kept in the config (adapter `campaign-plan`) with their landing-page ids, lifetime
 * figures of customers and companies from orders of every channel (flow option `lifetime: true`),
 * and the segment step (config keys `segments:` and `marketing:`) with its own tables.
 */
export const marketingExtension: SyncExtension = {
  name: MARKETING,
  config: {
    /** Computed segment definitions (validated by the segment engine). */
    segments: z.array(z.unknown()).default([]),
    /** Segment valuation and where segment lists go. */
    marketing: marketingSettingsSchema,
  },
  flowConfig: {
    /** Compute lifetime figures (orders → customers/companies) and push them where customers flow. */
    lifetime: z.boolean().default(false),
  },
  resolve: (parsed, context, problems) =>
    resolveMarketing(parsed.segments, marketingSettingsSchema.parse(parsed.marketing), context.systems, problems),
  adapters: { "campaign-plan": (settings, context) => createCampaignPlanConnector({ system: context.system, ...settings }) },
  migrations: { "002_segments": segmentMigration },
  steps: [{
    name: SEGMENT_STEP,
    // Segment lists must exist before promotions/campaigns target their members; else the step runs last.
    runsBefore: needsSegmentsFirst,
    run: (scope) => runSegmentStep(scope),
  }],
  forFlow: (flow, { config, connectors }) => hooksFor(flow, config, connectors),
};

export { marketingOf } from "./marketing-config";
export { campaignPlanSystem, marketingConfig, marketingFlows, CAMPAIGN_SYSTEM, DEFAULT_SEGMENTS } from "./default-marketing";
export { segmentsOf } from "./segment-repo";
