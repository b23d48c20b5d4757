import type { ConnectorV1 } from "@omnibridge/core-model";
import type { ConnectorSet } from "../compose";
import type { ResolvedConfig, ResolvedFlow } from "../config";
import { UsageError } from "../engine";
import { bindPartyTargets, bindSource, bindTarget } from "../engine/bind";
import { zeroCounts, type FlowContext } from "../engine/types";
import type { StateStore } from "../state";

/** The run-independent part of a flow's context: its connectors, bound once per process. */
export type BoundFlow = Pick<FlowContext, "flow" | "source" | "sourceRole" | "targets" | "partyTargets" | "lifetimeOn" | "ownership">;

/** Bind a flow's source and targets exactly as the single-process engine does (run.ts). */
export async function bindFlow(config: ResolvedConfig, connectors: ConnectorSet, flow: ResolvedFlow): Promise<BoundFlow> {
  const source = await bindSource(connectors, flow);
  const targets = [];
  for (const target of flow.targets) targets.push(await bindTarget(connectors, flow.name, target));
  const ordersWithLifetime = flow.source.entity === "order" && flow.lifetime;
  return {
    flow, source: source.connector, sourceRole: source.role, targets,
    partyTargets: ordersWithLifetime ? await bindPartyTargets(connectors, config) : {},
    lifetimeOn: flow.source.entity === "order" ? flow.lifetime : config.flows.some((f) => f.lifetime),
    ownership: config.ownership,
  };
}

/** A flow of the config by name, or a usage error. */
export function flowNamed(config: ResolvedConfig, name: string): ResolvedFlow {
  const flow = config.flows.find((f) => f.name === name);
  if (!flow) throw new UsageError(`unknown flow "${name}"`);
  return flow;
}

/** A full engine context for one unit of work (a partition, a deletion pass). */
export function contextOf(bound: BoundFlow, runId: number, store: StateStore): FlowContext {
  return {
    ...bound, runId, store, dryRun: false, counts: zeroCounts(), changes: undefined, newDeadLetters: [],
    now: () => new Date().toISOString(), signal: undefined,
  };
}

/** Every distinct connector a flow touches. */
export function connectorsOf(bound: BoundFlow): ConnectorV1[] {
  return [...new Set([bound.source, ...bound.targets.map((t) => t.connector), ...Object.values(bound.partyTargets).flat().map((t) => t.connector)])];
}

/** Connector metrics summed (requests, retries), to attribute a unit of work's requests. */
export function metricsOf(connectors: readonly ConnectorV1[]): { requests: number; retries: number } {
  return connectors.reduce((sum, c) => {
    const m = c.metrics();
    return { requests: sum.requests + m.requests, retries: sum.retries + m.retries };
  }, { requests: 0, retries: 0 });
}
