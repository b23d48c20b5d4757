import type { ConnectorV1 } from "@omnibridge/core-model";
import type { ConnectorSet } from "../compose";
import type { ResolvedConfig, ResolvedFlow, ResolvedTarget } from "../config";
import type { DeadLetterInput, StateStore } from "../state";
import { extensionsOf, type PageHooks } from "./extension";
import { zeroCounts, type BoundTarget, type ChangeEntry, type FlowContext, type RunWarnings } from "./types";

/** A flow that cannot run as configured (missing capability): a config error, exit code 2. */
export class BindError extends Error {
  override readonly name = "BindError";
}

/** The source connector of a flow, checked for read support. */
export async function bindSource(connectors: ConnectorSet, flow: ResolvedFlow): Promise<{ connector: ConnectorV1; role: string }> {
  const connector = await connectors.get(flow.source.system);
  const capability = connector.capabilities[flow.source.entity];
  if (!capability?.read) throw new BindError(`${flow.name}: system "${flow.source.system}" (${connector.vendor}) cannot read ${flow.source.entity}`);
  return { connector, role: await connectors.role(flow.source.system) };
}

/** A target bound to its connector, checked for write support. */
export async function bindTarget(connectors: ConnectorSet, flowName: string, target: ResolvedTarget): Promise<BoundTarget> {
  const connector = await connectors.get(target.system);
  const capability = connector.capabilities[target.entity];
  if (!capability?.write) throw new BindError(`${flowName}: system "${target.system}" (${connector.vendor}) cannot write ${target.entity}`);
  return {
    ...target, connector, role: await connectors.role(target.system),
    maxBatchSize: Math.max(1, capability.maxBatchSize), writeConcurrency: Math.max(1, Math.trunc(capability.writeConcurrency ?? 1)),
    canArchive: capability.archive,
  };
}

/** The run-independent part of a flow's context: its connectors and extension hooks, bound once (per run or per worker). */
export type BoundFlow = Pick<FlowContext, "flow" | "source" | "sourceRole" | "targets" | "ownership" | "hooks" | "extraConnectors">;

/** Bind a flow: its source (must read), its targets (must write), and what each extension adds to it. */
export async function bindFlow(config: ResolvedConfig, connectors: ConnectorSet, flow: ResolvedFlow): Promise<BoundFlow> {
  const source = await bindSource(connectors, flow);
  const targets: BoundTarget[] = [];
  for (const target of flow.targets) targets.push(await bindTarget(connectors, flow.name, target));
  const hooks: PageHooks[] = [];
  const extraConnectors: ConnectorV1[] = [];
  for (const extension of extensionsOf(config)) {
    const added = await extension.forFlow?.(flow, { config, connectors });
    if (!added) continue;
    hooks.push(added.hooks);
    extraConnectors.push(...(added.connectors ?? []));
  }
  return { flow, source: source.connector, sourceRole: source.role, targets, ownership: config.ownership, hooks, extraConnectors };
}

/** What one unit of work (a run of a flow, a partition, a deletion pass) adds to a bound flow. */
export interface WorkScope {
  runId: number;
  store: StateStore;
  dryRun?: boolean;
  changes?: ChangeEntry[] | undefined;
  deadLetters?: DeadLetterInput[];
  warnings?: RunWarnings;
  signal?: AbortSignal | undefined;
}

/** A full engine context for one unit of work. */
export function contextOf(bound: BoundFlow, scope: WorkScope): FlowContext {
  return {
    ...bound, runId: scope.runId, store: scope.store, dryRun: scope.dryRun ?? false, counts: zeroCounts(), changes: scope.changes,
    newDeadLetters: scope.deadLetters ?? [], warnings: scope.warnings ?? { count: 0, examples: [], skipped: {} },
    now: () => new Date().toISOString(), signal: scope.signal,
  };
}

/** Every distinct connector a flow touches. */
export function connectorsOf(bound: BoundFlow): ConnectorV1[] {
  return [...new Set([bound.source, ...bound.targets.map((t) => t.connector), ...bound.extraConnectors])];
}
