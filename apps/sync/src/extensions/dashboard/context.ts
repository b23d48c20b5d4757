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

/**
 * Systems to look ids up in: the config's, or without a config the id map's (a scan of its
 * system index, so only when there is no config to name them).
 */
export async function systemsOf(ctx: DashboardContext): Promise<string[]> {
  const systems = ctx.config ? Object.keys(ctx.config.systems) : await ctx.records.idSystems();
  return [...systems].sort();
}
