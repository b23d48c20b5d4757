import type { Kysely } from "kysely";
import type { StateDatabase } from "./schema";
import { chunks } from "./json";

/** Counts of one flow in one run. */
export interface FlowCounts {
  read: number;
  changed: number;
  written: number;
  skipped: number;
  failed: number;
  archived: number;
  requests: number;
  retries: number;
  durationMs: number;
}

/** A flow's result in a run. */
export interface FlowResult extends FlowCounts {
  flow: string;
  status: "ok" | "failed" | "guarded" | "dry-run";
  error?: string | undefined;
}

/** A stored run. */
export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  dryRun: boolean;
  full: boolean;
  flows: string[];
  exitCode: number | null;
  message: string | null;
}

/** Run history and held deletions. */
export class RunRepo {
  constructor(private readonly db: Kysely<StateDatabase>) {}

  /** Start a run; runs left `running` by a crashed process are marked `crashed` first. */
  async start(input: { flows: string[]; dryRun: boolean; full: boolean }, now: string): Promise<number> {
    await this.db.updateTable("runs").set({ status: "crashed" }).where("status", "=", "running").execute();
    const row = await this.db.insertInto("runs").values({
      started_at: now, status: "running", dry_run: input.dryRun ? 1 : 0, full_sync: input.full ? 1 : 0, flows: JSON.stringify(input.flows),
      finished_at: null, exit_code: null, message: null,
    }).returning("id").executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Record a flow's counts. */
  async saveFlow(runId: number, result: FlowResult): Promise<void> {
    const values = {
      run_id: runId, flow: result.flow, status: result.status, read: result.read, changed: result.changed, written: result.written,
      skipped: result.skipped, failed: result.failed, archived: result.archived, requests: result.requests, retries: result.retries,
      duration_ms: Math.round(result.durationMs), error: result.error ?? null,
    };
    await this.db.insertInto("run_flows").values(values).onConflict((oc) => oc.columns(["run_id", "flow"]).doUpdateSet(values)).execute();
  }

  /** Finish a run. */
  async finish(runId: number, status: string, exitCode: number, message: string | null, now: string): Promise<void> {
    await this.db.updateTable("runs").set({ status, exit_code: exitCode, message, finished_at: now }).where("id", "=", runId).execute();
  }

  /**
   * Record a run stopped by a shutdown signal as `interrupted` (not `crashed`: it stopped cleanly,
   * every applied page committed, the page in flight rolled back).
   */
  async interrupt(runId: number, signal: string, exitCode: number, now: string): Promise<void> {
    await this.db.updateTable("runs").set({ status: "interrupted", exit_code: exitCode, message: `interrupted by ${signal}`, finished_at: now })
      .where("id", "=", runId).execute();
  }

  /** Latest runs first. */
  async list(limit = 20): Promise<RunRecord[]> {
    const rows = await this.db.selectFrom("runs").selectAll().orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => ({
      id: Number(r.id), startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, dryRun: r.dry_run === 1,
      full: r.full_sync === 1, flows: JSON.parse(r.flows) as string[], exitCode: r.exit_code, message: r.message,
    }));
  }

  /** Per-flow counts of a run. */
  async flows(runId: number): Promise<FlowResult[]> {
    const run = await this.db.selectFrom("runs").select("flows").where("id", "=", runId).executeTakeFirst();
    const order: string[] = run ? (JSON.parse(run.flows) as string[]) : [];
    const rows = await this.db.selectFrom("run_flows").selectAll().where("run_id", "=", runId).execute();
    rows.sort((a, b) => order.indexOf(a.flow) - order.indexOf(b.flow));
    return rows.map((r) => ({
      flow: r.flow, status: r.status as FlowResult["status"], read: r.read, changed: r.changed, written: r.written, skipped: r.skipped,
      failed: r.failed, archived: r.archived, requests: r.requests, retries: r.retries, durationMs: r.duration_ms,
      error: r.error ?? undefined,
    }));
  }

  /** Hold source deletions until the guard allows them. */
  async holdDeletions(flow: string, entity: string, keys: readonly string[], now: string): Promise<void> {
    for (const part of chunks([...new Set(keys)], 200)) {
      await this.db.insertInto("pending_deletions").values(part.map((key) => ({ flow, entity, key, detected_at: now })))
        .onConflict((oc) => oc.columns(["flow", "key"]).doNothing()).execute();
    }
  }

  /** Keys whose deletion is held for a flow. */
  async heldDeletions(flow: string): Promise<string[]> {
    const rows = await this.db.selectFrom("pending_deletions").select("key").where("flow", "=", flow).orderBy("key").execute();
    return rows.map((r) => r.key);
  }

  /** Release held deletions once applied. */
  async releaseDeletions(flow: string, keys: readonly string[]): Promise<void> {
    for (const part of chunks(keys, 400)) await this.db.deleteFrom("pending_deletions").where("flow", "=", flow).where("key", "in", part).execute();
  }
}
