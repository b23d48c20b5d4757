import type { Kysely } from "kysely";
import type { FlowCounts, RunRecord } from "../../state";
import type { DashboardDatabase } from "./tables";

/** A flow's counts in one run. */
export interface RunFlow extends FlowCounts {
  runId: number;
  flow: string;
  status: string;
  error: string | null;
}

/** A run with its flows. */
export interface RunWithFlows extends RunRecord {
  runFlows: RunFlow[];
}

/** Live progress of one flow of a running run. */
export interface FlowProgress {
  flow: string;
  pages: number;
  read: number;
  changed: number;
  written: number;
  skipped: number;
  failed: number;
  updatedAt: string;
}

/** Requests of one system in one minute. */
export interface RequestWindow {
  system: string;
  windowStart: string;
  requests: number;
  retries: number;
  rateLimited: number;
}

type RunRow = DashboardDatabase["runs"] & { id: number };
type FlowRow = DashboardDatabase["run_flows"];

function toRun(r: RunRow): RunRecord {
  return {
    id: Number(r.id), startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, dryRun: Number(r.dry_run) === 1,
    full: Number(r.full_sync) === 1, flows: JSON.parse(r.flows) as string[], exitCode: r.exit_code, message: r.message,
  };
}

function toFlow(r: FlowRow): RunFlow {
  return {
    runId: Number(r.run_id), flow: r.flow, status: r.status, read: r.read, changed: r.changed, written: r.written, skipped: r.skipped,
    failed: r.failed, archived: r.archived, requests: r.requests, retries: r.retries, durationMs: r.duration_ms, error: r.error,
  };
}

/** What the dashboard reads about runs: history, last run per flow, live progress, request windows. */
export class RunReads {
  constructor(private readonly db: Kysely<DashboardDatabase>) {}

  /** Latest runs (newest first) with their flows' counts, in two queries. */
  async recent(limit: number, before?: number): Promise<RunWithFlows[]> {
    let q = this.db.selectFrom("runs").selectAll().orderBy("id", "desc").limit(limit);
    if (before !== undefined) q = q.where("id", "<", before);
    const runs = (await q.execute()).map((r) => toRun(r as RunRow));
    if (runs.length === 0) return [];
    const flows = (await this.db.selectFrom("run_flows").selectAll().where("run_id", "in", runs.map((r) => r.id)).execute()).map(toFlow);
    return runs.map((run) => ({
      ...run,
      runFlows: flows.filter((f) => f.runId === run.id).sort((a, b) => run.flows.indexOf(a.flow) - run.flows.indexOf(b.flow)),
    }));
  }

  /** One run with its flows. */
  async run(id: number): Promise<RunWithFlows | undefined> {
    return (await this.recent(1, id + 1)).find((r) => r.id === id);
  }

  /** The newest run still running, if any. */
  async running(): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom("runs").selectAll().where("status", "=", "running").orderBy("id", "desc").limit(1).executeTakeFirst();
    return row ? toRun(row as RunRow) : undefined;
  }

  /** Each flow's latest recorded counts with its run's times (index on run_flows(flow, run_id)). */
  async lastPerFlow(): Promise<Array<RunFlow & { startedAt: string; finishedAt: string | null }>> {
    const rows = await this.db.selectFrom("run_flows as f").innerJoin("runs as r", "r.id", "f.run_id")
      .selectAll("f").select(["r.started_at", "r.finished_at"])
      .where("f.run_id", "=", (eb) => eb.selectFrom("run_flows as g").select((e) => e.fn.max("g.run_id").as("m")).whereRef("g.flow", "=", "f.flow"))
      .execute();
    return rows.map((r) => ({ ...toFlow(r), startedAt: r.started_at, finishedAt: r.finished_at }));
  }

  /** Progress rows of a run (saved with each page by the dashboard's page hook). */
  async progress(runId: number): Promise<FlowProgress[]> {
    const rows = await this.db.selectFrom("dashboard_progress").selectAll().where("run_id", "=", runId).execute();
    return rows.map((r) => ({
      flow: r.flow, pages: r.pages, read: r.read, changed: r.changed, written: r.written, skipped: r.skipped, failed: r.failed,
      updatedAt: r.updated_at,
    }));
  }

  /** Records each flow read in its largest of the last runs before `runId` (what a progress bar expects). */
  async expectedReads(runId: number): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("run_flows").select(["flow", (eb) => eb.fn.max("read").as("n")])
      .where("run_id", "<", runId).where("run_id", ">=", runId - 10).groupBy("flow").execute();
    return Object.fromEntries(rows.map((r) => [r.flow, Number(r.n)]));
  }

  /** Request windows since a time, oldest first. */
  async requestWindows(since: string): Promise<RequestWindow[]> {
    const rows = await this.db.selectFrom("dashboard_requests")
      .select(["system", "window_start", (eb) => eb.fn.sum<number>("requests").as("requests"), (eb) => eb.fn.sum<number>("retries").as("retries"),
        (eb) => eb.fn.sum<number>("rate_limited").as("rate_limited")])
      .where("window_start", ">=", since).groupBy(["system", "window_start"]).orderBy("window_start").orderBy("system").execute();
    return rows.map((r) => ({
      system: r.system, windowStart: r.window_start, requests: Number(r.requests), retries: Number(r.retries),
      rateLimited: Number(r.rate_limited),
    }));
  }
}
