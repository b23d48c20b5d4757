import { hostname } from "node:os";
import { Worker, type Job } from "bullmq";
import { ConnectorSet } from "../../compose";
import type { ResolvedConfig } from "../../config";
import { migrationsOf, stateUrlOf } from "../../engine";
import { describe } from "../../engine/flow-runner";
import { PartitionApplier } from "./apply-partition";
import { withSharedBudgets } from "./budgets";
import { DistributedState } from "./pg-state";
import { signalExitCode } from "../../runtime/shutdown";
import { PAGES_QUEUE, RUNS_QUEUE, redisConnection, runsQueue, type PageJobData, type QueueSettings, type RunJobData } from "./queues";
import { runDistributed } from "./run-distributed";
import { countJob, newMetrics, type WorkerMetrics } from "./worker-metrics";

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  queue: QueueSettings;
  stateUrl?: string | undefined;
  /** Partitions processed at once by this process (default 1). */
  concurrency?: number | undefined;
  /** Also coordinate run requests from schedules and webhooks (default true). */
  runs?: boolean | undefined;
  /** How long a job's lock lasts without renewal; a dead worker's job is retried after it (default 30 s). */
  lockDurationMs?: number | undefined;
  /** How often stalled jobs are looked for (default 15 s). */
  stalledIntervalMs?: number | undefined;
  name?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

/** A running worker. */
export interface WorkerHandle {
  name: string;
  metrics(): WorkerMetrics;
  /**
   * Graceful stop: finish the current partition jobs; a run this worker coordinates stops
   * waiting, is recorded `interrupted` and is queued again for another worker; then close everything.
   */
  close(signal?: NodeJS.Signals): Promise<void>;
}

/** Start a worker process's BullMQ workers: partitions, and (optionally) run coordination. */
export async function startWorker(config: ResolvedConfig, options: WorkerOptions): Promise<WorkerHandle> {
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => undefined);
  const stateUrl = stateUrlOf(config, options.stateUrl);
  const state = await DistributedState.open(stateUrl, migrationsOf(config));
  const redis = redisConnection(options.queue);
  const shared = withSharedBudgets(config, redis, options.queue.prefix);
  const connectors = new ConnectorSet(shared.config);
  const applier = new PartitionApplier(shared.config, connectors, state, name);
  const metrics = newMetrics(name);
  const common = {
    connection: redis, prefix: options.queue.prefix, lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000, maxStalledCount: 5,
  };
  const stopping = new AbortController();
  let stopSignal: NodeJS.Signals | undefined;
  const applyJob = pageProcessor({ name, log, applier, metrics, state, budgets: [...shared.budgets.values()] });
  const pages = new Worker<PageJobData>(PAGES_QUEUE, async (job) => applyJob(job), { ...common, concurrency: options.concurrency ?? 1 });
  const runs = options.runs === false ? undefined : new Worker<RunJobData>(RUNS_QUEUE, async (job) => {
    if (job.data.pendingKey) await redis.del(job.data.pendingKey);
    metrics.runsCoordinated++;
    const summary = await runDistributed(config, {
      flows: job.data.flows, full: job.data.full, stateUrl, queue: options.queue, log, signal: stopping.signal,
    });
    if (stopping.signal.aborted) {
      await handBack({ state, redis, queue: options.queue, runId: summary.runId, data: job.data, signal: stopSignal });
      log(`${name} run #${summary.runId} (${job.data.reason}): interrupted, queued again for another worker`);
      return { runId: summary.runId, status: "interrupted" };
    }
    log(`${name} run #${summary.runId} (${job.data.reason}): ${summary.status}`);
    return { runId: summary.runId, status: summary.status };
  }, { ...common, concurrency: 1, lockDuration: 60_000 });
  for (const w of [pages, runs]) w?.on("error", (error) => log(`${name} queue error: ${describe(error)}`));
  await Promise.all([pages.waitUntilReady(), runs?.waitUntilReady()]);
  log(`${name} ready (queue prefix ${options.queue.prefix}, state ${state.location})`);
  return {
    name, metrics: () => ({ ...metrics }),
    async close(signal) {
      stopSignal = signal;
      stopping.abort(new Error(`worker ${name} stopping${signal ? ` (${signal})` : ""}`));
      await Promise.all([pages.close(), runs?.close()]);
      await connectors.close();
      await state.close();
      redis.disconnect();
    },
  };
}

/** Record an interrupted coordinated run and queue its request again, so another worker coordinates it. */
async function handBack(input: {
  state: DistributedState;
  redis: ReturnType<typeof redisConnection>;
  queue: QueueSettings;
  runId: number;
  data: RunJobData;
  signal: NodeJS.Signals | undefined;
}): Promise<void> {
  await input.state.repos.runs.interrupt(input.runId, input.signal ?? "worker shutdown", signalExitCode(input.signal ?? "SIGTERM"), new Date().toISOString());
  const queue = runsQueue(input.queue, input.redis);
  try {
    const { pendingKey: _marker, ...data } = input.data;
    await queue.add("run", { ...data, reason: `${data.reason} (resumed after run #${input.runId} was interrupted)` }, {
      jobId: `resume-${input.runId}-${Date.now()}`, removeOnComplete: 100, removeOnFail: 100,
    });
  } finally {
    await queue.close();
  }
}

/** What the partition processor needs. */
interface ProcessorDeps {
  name: string;
  log: (line: string) => void;
  applier: PartitionApplier;
  metrics: WorkerMetrics;
  state: DistributedState;
  budgets: Array<{ throttled: number }>;
}

/** The BullMQ processor of partition jobs: apply, count, log; on the last failed attempt mark the partition failed. */
function pageProcessor(deps: ProcessorDeps): (job: Job<PageJobData>) => Promise<string> {
  const { name, log, metrics } = deps;
  return async (job) => {
    const started = performance.now();
    const label = `${job.data.flow}#${job.data.seq} (run ${job.data.runId})`;
    log(`${name} start ${label} attempt ${job.attemptsMade + 1}`);
    try {
      const result = await deps.applier.apply(job.data);
      const ms = performance.now() - started;
      countJob(metrics, result.counts, ms);
      const counts = result.counts ? `: read ${result.counts.read}, written ${result.counts.written}, ${result.counts.requests} requests` : "";
      log(`${name} ${label} ${result.status}${counts} in ${Math.round(ms)} ms`);
      return result.status;
    } catch (error) {
      metrics.jobsFailed++;
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log(`${name} ${label} attempt ${job.attemptsMade + 1} failed${final ? " (giving up)" : ""}: ${describe(error)}`);
      if (final) await markFailed(deps.state, job.data, describe(error));
      throw error;
    } finally {
      metrics.throttled = deps.budgets.reduce((n, b) => n + b.throttled, 0);
    }
  };
}

async function markFailed(state: DistributedState, data: PageJobData, error: string): Promise<void> {
  await state.db.updateTable("ob_partitions").set({ status: "failed", error: error.slice(0, 2000) })
    .where("run_id", "=", data.runId).where("flow", "=", data.flow).where("seq", "=", data.seq).where("status", "=", "pending").execute();
}
