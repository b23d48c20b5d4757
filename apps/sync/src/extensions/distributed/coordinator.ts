import type { AnyEntity, Page } from "@omnibridge/core-model";
import type { Queue } from "bullmq";
import { sql } from "kysely";
import type { ConnectorSet } from "../../compose";
import type { ResolvedConfig, ResolvedFlow } from "../../config";
import { describe } from "../../engine/flow-runner";
import { applyDeletions } from "../../engine/deletions";
import { zeroCounts } from "../../engine/types";
import type { FlowCounts, FlowResult } from "../../state";
import { bindFlow, contextOf } from "./flow-binding";
import type { DistributedState } from "./pg-state";
import { PAGE_JOB_OPTIONS, pageJobId, type PageJobData } from "./queues";

/** What the coordinator of one flow needs. */
export interface FlowPlanInput {
  config: ResolvedConfig;
  connectors: ConnectorSet;
  state: DistributedState;
  queue: Queue<PageJobData>;
  runId: number;
  full: boolean;
  log: (line: string) => void;
  signal?: AbortSignal | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run one flow across the workers: under a per-flow lock (one run of a flow at a time, any number
 * of flows), read the source from its checkpoint exactly as the engine does, store each page as a
 * partition row and enqueue its job, wait until every partition is applied, then apply held
 * deletions (with the engine's guard) and sum the partitions' counts.
 */
export async function runFlowDistributed(input: FlowPlanInput, flow: ResolvedFlow): Promise<FlowResult> {
  const { state } = input;
  return state.db.connection().execute(async (conn) => {
    const lock = sql`select pg_advisory_lock(hashtext(${state.lockSpace}), hashtext(${`flow:${flow.name}`}))`;
    await lock.execute(conn);
    try {
      return await planAndWait(input, flow);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${state.lockSpace}), hashtext(${`flow:${flow.name}`}))`.execute(conn);
    }
  });
}

async function planAndWait(input: FlowPlanInput, flow: ResolvedFlow): Promise<FlowResult> {
  const { state, runId } = input;
  const started = performance.now();
  let bound;
  try {
    bound = await bindFlow(input.config, input.connectors, flow);
  } catch (error) {
    return { flow: flow.name, status: "failed", ...zeroCounts(), error: describe(error) };
  }
  const startCursor = input.full ? null : await state.repos.golden.checkpoint(flow.name);
  await state.db.insertInto("ob_run_flow_plans").values({ run_id: runId, flow: flow.name, start_cursor: startCursor, pages: 0, status: "reading" }).execute();
  let seq = 0;
  let error: string | undefined;
  const reading = performance.now();
  try {
    const read = bound.source.read(flow.source.entity, {
      cursor: startCursor, pageSize: flow.pageSize, ...(input.signal ? { signal: input.signal } : {}),
    });
    for await (const page of read as AsyncIterable<Page<AnyEntity>>) {
      await enqueuePage(input, flow.name, seq++, page);
    }
  } catch (caught) {
    error = `reading the source: ${describe(caught)}`;
  }
  await state.db.updateTable("ob_run_flow_plans").set({ pages: seq, status: error ? "failed" : "read" }).where("run_id", "=", runId).where("flow", "=", flow.name).execute();
  input.log(`${flow.name}: ${seq} partitions enqueued in ${Math.round(performance.now() - reading)} ms`);
  const failed = await waitForPartitions(input, flow.name);
  const counts = await sumCounts(input, flow.name);
  error ??= failed.length > 0 ? `${failed.length} partitions failed: ${failed.slice(0, 3).join("; ")}` : undefined;
  let status: FlowResult["status"] = error ? "failed" : "ok";
  if (!error) {
    const ctx = contextOf(bound, runId, state.engineStore());
    const deletion = await applyDeletions(ctx, input.config.deletionGuard.maxShare);
    counts.archived += ctx.counts.archived;
    counts.failed += ctx.counts.failed;
    if (deletion.status === "guarded") {
      status = "guarded";
      error = `deletion guard: ${deletion.held} deletions exceed ${Math.round(deletion.maxShare * 100)}% of ${deletion.known} known ${flow.source.entity} records; nothing archived`;
    }
  }
  await state.db.updateTable("ob_run_flow_plans").set({ status: status === "ok" ? "done" : status }).where("run_id", "=", runId).where("flow", "=", flow.name).execute();
  return { flow: flow.name, status, ...counts, durationMs: performance.now() - started, error };
}

async function enqueuePage(input: FlowPlanInput, flow: string, seq: number, page: Page<AnyEntity>): Promise<void> {
  const data: PageJobData = { runId: input.runId, flow, seq };
  await input.state.db.insertInto("ob_partitions").values({
    run_id: input.runId, flow, seq, payload: JSON.stringify(page), cursor: page.cursor, status: "pending",
    counts: null, worker: null, attempts: 0, error: null, created_at: new Date().toISOString(), applied_at: null,
  }).onConflict((oc) => oc.columns(["run_id", "flow", "seq"]).doNothing()).execute();
  await input.queue.add("page", data, { ...PAGE_JOB_OPTIONS, jobId: pageJobId(data) });
}

/**
 * Wait until no partition of the flow is pending. A pending partition whose job BullMQ gave up on
 * (stalled too often) is marked failed; one whose job vanished is enqueued again: none is lost.
 */
async function waitForPartitions(input: FlowPlanInput, flow: string): Promise<string[]> {
  const { state, runId } = input;
  for (let round = 1; ; round++) {
    // Shutting down: stop waiting. Pending partitions stay queued for the other workers, and the
    // flow is not finished here (no deletions applied): the run is handed back as a whole.
    if (input.signal?.aborted) return [`interrupted while partitions were pending: ${describe(input.signal.reason)}`];
    const pending = await state.db.selectFrom("ob_partitions").select("seq").where("run_id", "=", runId).where("flow", "=", flow)
      .where("status", "=", "pending").orderBy("seq").execute();
    if (pending.length === 0) break;
    if (round % 25 === 0) await rescue(input, flow, pending.map((p) => p.seq));
    if (round % 300 === 0) input.log(`${flow}: ${pending.length} partitions still pending (is an \`omnibridge worker\` running on prefix ${input.queue.opts.prefix ?? "bull"}?)`);
    await sleep(Math.min(200, 20 * round));
  }
  const failed = await state.db.selectFrom("ob_partitions").select(["seq", "error"]).where("run_id", "=", runId).where("flow", "=", flow)
    .where("status", "=", "failed").orderBy("seq").execute();
  return failed.map((f) => `page ${f.seq}: ${f.error ?? "failed"}`);
}

async function rescue(input: FlowPlanInput, flow: string, seqs: number[]): Promise<void> {
  for (const seq of seqs.slice(0, 200)) {
    const data = { runId: input.runId, flow, seq };
    const job = await input.queue.getJob(pageJobId(data));
    const state = job ? await job.getState() : "unknown";
    if (state === "unknown") await input.queue.add("page", data, { ...PAGE_JOB_OPTIONS, jobId: pageJobId(data) });
    else if (state === "failed") {
      await input.state.db.updateTable("ob_partitions").set({ status: "failed", error: job?.failedReason ?? "job failed" })
        .where("run_id", "=", input.runId).where("flow", "=", flow).where("seq", "=", seq).where("status", "=", "pending").execute();
    }
  }
}

async function sumCounts(input: FlowPlanInput, flow: string): Promise<FlowCounts> {
  const rows = await input.state.db.selectFrom("ob_partitions").select("counts").where("run_id", "=", input.runId).where("flow", "=", flow)
    .where("counts", "is not", null).execute();
  const total = zeroCounts();
  for (const row of rows) {
    const counts = JSON.parse(row.counts!) as FlowCounts;
    for (const key of Object.keys(total) as Array<keyof FlowCounts>) total[key] += counts[key] ?? 0;
  }
  return total;
}
