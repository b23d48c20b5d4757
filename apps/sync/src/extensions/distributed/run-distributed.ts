import { ConnectorSet } from "../../compose";
import type { ResolvedConfig } from "../../config";
import { EXIT, migrationsOf, selectFlows, stateUrlOf, UsageError, type RunSummary } from "../../engine";
import type { DeadLetterInput, FlowResult } from "../../state";
import { withSharedBudgets } from "./budgets";
import { runFlowDistributed } from "./coordinator";
import { DistributedState } from "./pg-state";
import { pagesQueue, redisConnection, type QueueSettings } from "./queues";

/** Options of {@link runDistributed}. */
export interface DistributedRunOptions {
  flows?: readonly string[] | undefined;
  full?: boolean | undefined;
  dryRun?: boolean | undefined;
  stateUrl?: string | undefined;
  queue: QueueSettings;
  log?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * `omnibridge run --distributed`: the scheduler. Flows run one after another (a later flow may
 * read what an earlier one wrote, as in a single-process run); each flow's pages are applied by
 * however many workers take them. The run is recorded in the same run history.
 */
export async function runDistributed(config: ResolvedConfig, options: DistributedRunOptions): Promise<RunSummary> {
  if (options.dryRun) throw new UsageError("--dry-run runs in one process: drop --distributed");
  const flows = selectFlows(config, options.flows);
  const state = await DistributedState.open(stateUrlOf(config, options.stateUrl), migrationsOf(config));
  const redis = redisConnection(options.queue);
  const shared = withSharedBudgets(config, redis, options.queue.prefix);
  const connectors = new ConnectorSet(shared.config);
  const queue = pagesQueue(options.queue, redis);
  const full = options.full ?? false;
  const log = options.log ?? (() => undefined);
  try {
    const now = new Date().toISOString();
    const row = await state.db.insertInto("runs").values({
      started_at: now, status: "running", dry_run: 0, full_sync: full ? 1 : 0, flows: JSON.stringify(flows.map((f) => f.name)),
      finished_at: null, exit_code: null, message: null,
    }).returning("id").executeTakeFirstOrThrow();
    const runId = Number(row.id);
    const results: FlowResult[] = [];
    for (const flow of flows) {
      if (options.signal?.aborted) break; // shutting down: no further flow starts
      const result = await runFlowDistributed(
        { config: shared.config, connectors, state, queue, runId, full, log, signal: options.signal },
        flow,
      );
      results.push(result);
      await state.repos.runs.saveFlow(runId, result);
      log(`${flow.name}: ${result.status}, read ${result.read}, written ${result.written}, failed ${result.failed}`);
    }
    const deadLetters = await lettersOf(state, runId);
    const { status, exitCode } = verdict(results, deadLetters);
    const message = results.filter((r) => r.error).map((r) => `${r.flow}: ${r.error}`).join("; ") || null;
    await state.repos.runs.finish(runId, status, exitCode, message, new Date().toISOString());
    // Warning issues stay with the workers that applied the pages (not gathered across processes yet).
    return {
      runId, status, exitCode, dryRun: false, full, flows: results, deadLetters,
      warnings: { count: 0, examples: [], skipped: {} }, changes: undefined, state: state.location,
    };
  } finally {
    await queue.close();
    await connectors.close();
    await state.close();
    redis.disconnect();
  }
}

async function lettersOf(state: DistributedState, runId: number): Promise<DeadLetterInput[]> {
  const rows = await state.db.selectFrom("dead_letters").selectAll().where("run_id", "=", runId).where("status", "=", "open").execute();
  return rows.map((r) => ({
    runId, flow: r.flow, system: r.system, entity: r.entity, recordKey: r.record_key, stage: r.stage as DeadLetterInput["stage"],
    reason: r.reason, field: r.field ?? undefined, message: r.message, vendorCode: r.vendor_code ?? undefined,
  }));
}

function verdict(results: FlowResult[], letters: DeadLetterInput[]): { status: RunSummary["status"]; exitCode: number } {
  if (results.some((r) => r.status === "guarded")) return { status: "guarded", exitCode: EXIT.unreachable };
  if (results.some((r) => r.status === "failed") || letters.length > 0 || results.some((r) => r.failed > 0)) return { status: "failed", exitCode: EXIT.failures };
  return { status: "ok", exitCode: EXIT.ok };
}
