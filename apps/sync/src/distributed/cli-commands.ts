import type { Command } from "commander";
import { describeRun } from "../cli/run-command";
import { configOf, print, type GlobalOptions } from "../cli/context";
import { onShutdown, signalExitCode } from "../cli/shutdown";
import { stateUrlOf, UsageError } from "../engine";
import { DistributedState } from "./pg-state";
import { queueSettings, redisConnection, runsQueue } from "./queues";
import { runDistributed } from "./run-distributed";
import { syncSchedules } from "./schedules";
import { startWebhookReceiver } from "./webhook-receiver";
import { startWorker } from "./worker";
import { serveMetrics } from "./worker-metrics";

/** Options of the distributed commands. */
export interface DistributedOptions extends GlobalOptions {
  redis?: string;
  prefix?: string;
  concurrency?: string;
  metricsPort?: string;
  lockDuration?: string;
  stalledInterval?: string;
  runs?: boolean;
  port?: string;
  host?: string;
  publicUrl?: string;
  full?: boolean;
  dryRun?: boolean;
}

const stderr = (line: string) => void process.stderr.write(`${line}\n`);

function int(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}`);
  return n;
}

/** Resolves on the first SIGTERM or SIGINT. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => resolve(signal);
    process.once("SIGTERM", on);
    process.once("SIGINT", on);
  });
}

/** `omnibridge run --distributed`: schedule the flows' partitions and wait for the workers. */
export async function distributedRunCommand(flows: string[], options: DistributedOptions): Promise<number> {
  const config = await configOf(options);
  const shutdown = onShutdown(stderr);
  try {
    const summary = await runDistributed(config, {
      flows, full: options.full, dryRun: options.dryRun, stateUrl: options.state, queue: queueSettings(options), log: options.json ? undefined : stderr, signal: shutdown.signal,
    });
    const signal = shutdown.received();
    if (!signal) {
      print(options, summary, () => describeRun(summary));
      return summary.exitCode;
    }
    // Partitions already queued are applied by the workers; the run itself stops here.
    const state = await DistributedState.open(stateUrlOf(config, options.state));
    try {
      await state.repos.runs.interrupt(summary.runId, signal, signalExitCode(signal), new Date().toISOString());
    } finally {
      await state.close();
    }
    print(options, { ...summary, status: "interrupted", exitCode: signalExitCode(signal) }, () => `Run #${summary.runId}: interrupted by ${signal}`);
    return signalExitCode(signal);
  } finally {
    shutdown.dispose();
  }
}

/** `omnibridge worker`: take partitions (and run requests) until SIGTERM/SIGINT, then stop gracefully. */
export async function workerCommand(options: DistributedOptions): Promise<number> {
  const config = await configOf(options);
  const queue = queueSettings(options);
  const worker = await startWorker(config, {
    queue, stateUrl: options.state, concurrency: int(options.concurrency, "--concurrency", 1), runs: options.runs,
    lockDurationMs: int(options.lockDuration, "--lock-duration", 1000), stalledIntervalMs: int(options.stalledInterval, "--stalled-interval", 500), log: stderr,
  });
  if (options.runs !== false) {
    const connection = redisConnection(queue);
    const runs = runsQueue(queue, connection);
    const ids = await syncSchedules(config, runs);
    if (ids.length > 0) stderr(`${worker.name} schedules: ${ids.join(", ")}`);
    await runs.close();
    connection.disconnect();
  }
  const port = int(options.metricsPort, "--metrics-port", 0);
  const metrics = port === undefined ? undefined : await serveMetrics(worker.metrics, port);
  if (metrics) stderr(`${worker.name} metrics at http://127.0.0.1:${metrics.port}/metrics`);
  const signal = await shutdownSignal();
  stderr(`${worker.name} ${signal}: finishing the current job, then stopping (send ${signal} again to exit at once)`);
  // A second signal exits at once (the jobs' locks lapse and other workers take them).
  const again = (second: NodeJS.Signals) => process.exit(signalExitCode(second));
  process.once("SIGTERM", again);
  process.once("SIGINT", again);
  await worker.close(signal);
  await metrics?.close();
  stderr(`${worker.name} stopped: ${JSON.stringify(worker.metrics())}`);
  return 0;
}

/** `omnibridge webhooks --port`: receive vendor webhooks and enqueue incremental runs. */
export async function webhooksCommand(options: DistributedOptions): Promise<number> {
  const config = await configOf(options);
  const queue = queueSettings(options);
  const redis = redisConnection(queue);
  const runs = runsQueue(queue, redis);
  const receiver = await startWebhookReceiver({
    config, queue: runs, redis, prefix: queue.prefix, port: int(options.port, "--port", 0) ?? 8787, host: options.host, publicUrl: options.publicUrl, log: stderr,
  });
  stderr(`webhooks at http://${options.host ?? "127.0.0.1"}:${receiver.port}/webhooks/<system>`);
  await shutdownSignal();
  await receiver.close();
  await runs.close();
  redis.disconnect();
  return 0;
}

type Wrap = <A extends unknown[]>(fn: (...args: A) => Promise<number>) => (...args: A) => Promise<void>;

/** Register `worker` and `webhooks` on the program. */
export function registerDistributedCommands(program: Command, wrap: Wrap): void {
  program.command("worker").description("take flow partitions and run requests from the BullMQ queue (state in PostgreSQL)")
    .option("--redis <url>", "Redis URL (default OMNIBRIDGE_REDIS_URL, redis://127.0.0.1:6379)").option("--prefix <prefix>", "queue key prefix (default omnibridge)")
    .option("--concurrency <n>", "partitions at once", "1").option("--metrics-port <port>", "serve /metrics and /metrics.json on 127.0.0.1")
    .option("--lock-duration <ms>", "job lock; a dead worker's job is retried after it", "30000").option("--stalled-interval <ms>", "stalled-job check interval", "15000")
    .option("--no-runs", "do not coordinate scheduled or webhook runs")
    .action(wrap((options: DistributedOptions) => workerCommand(options)));
  program.command("webhooks").description("receive signed vendor webhooks and enqueue incremental runs of the affected flows")
    .option("--port <port>", "port", "8787").option("--host <host>", "interface", "127.0.0.1").option("--public-url <url>", "base URL vendors call (signatures cover it)")
    .option("--redis <url>", "Redis URL").option("--prefix <prefix>", "queue key prefix")
    .action(wrap((options: DistributedOptions) => webhooksCommand(options)));
}
