import type { ResolvedConfig } from "../../config";
import type { ReplaySummary } from "../../engine/replay";
import type { StateStore } from "../../state";
import { RecordReads } from "./read-records";
import { RunReads } from "./read-runs";
import type { SystemChecks } from "./systems-check";
import { dashboardDb } from "./tables";

/** What the pages and actions of one dashboard share. */
export interface DashboardContext {
  store: StateStore;
  /** Absent when the dashboard looks at a state without a config (`--state` only): no replay, no checks. */
  config: ResolvedConfig | undefined;
  stateUrl: string;
  runs: RunReads;
  records: RecordReads;
  checks: SystemChecks | undefined;
  /** Replay dead letters (the engine's replay, with this state). */
  replay(ids: number[]): Promise<ReplaySummary>;
}

/** The read models over a store. */
export function readsOf(store: StateStore): Pick<DashboardContext, "runs" | "records"> {
  const db = dashboardDb(store.repos.db);
  return { runs: new RunReads(db), records: new RecordReads(db) };
}

/** Systems known to the config, or to the state's id map. */
export async function systemsOf(ctx: DashboardContext): Promise<string[]> {
  const fromState = await ctx.records.idSystems();
  return [...new Set([...Object.keys(ctx.config?.systems ?? {}), ...fromState])].sort();
}
