import type { ConnectorV1 } from "@omnibridge/core-model";
import type { ResolvedConfig, ResolvedFlow } from "../../config";
import { UsageError } from "../../engine";
import { contextOf as engineContextOf, type BoundFlow } from "../../engine/bind";
import type { FlowContext } from "../../engine/types";
import type { StateStore } from "../../state";

export { bindFlow, connectorsOf, type BoundFlow } from "../../engine/bind";

/** A flow of the config by name, or a usage error. */
export function flowNamed(config: ResolvedConfig, name: string): ResolvedFlow {
  const flow = config.flows.find((f) => f.name === name);
  if (!flow) throw new UsageError(`unknown flow "${name}"`);
  return flow;
}

/** A full engine context for one unit of work (a partition, a deletion pass): the engine's own binding. */
export function contextOf(bound: BoundFlow, runId: number, store: StateStore): FlowContext {
  return engineContextOf(bound, { runId, store });
}

/** Connector metrics summed (requests, retries), to attribute a unit of work's requests. */
export function metricsOf(connectors: readonly ConnectorV1[]): { requests: number; retries: number } {
  return connectors.reduce((sum, c) => {
    const m = c.metrics();
    return { requests: sum.requests + m.requests, retries: sum.retries + m.retries };
  }, { requests: 0, retries: 0 });
}
