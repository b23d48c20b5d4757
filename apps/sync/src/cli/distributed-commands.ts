import { migrationsOf, stateUrlOf, UsageError } from "../engine";
import { configOf, print, type GlobalOptions } from "./context";
import { describeRun } from "./describe-run";
import { onShutdown, signalExitCode } from "../runtime/shutdown";

// The distributed mode (bullmq, ioredis, pg) loads only when one of its commands runs: a bare
// `omnibridge --help` or a SQLite run never pays for it.
const distributed = () => import("../extensions/distributed");

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
  const { DistributedState, queueSettings, runDistributed } = await distributed();
  const shutdown = onShutdown(stderr);
  try {
    const summary = await runDistributed(config, {
      flows, full: options.full, dryRun: options.dryRun, stateUrl: options.state, queue: queueSettings(options),
      log: options.json ? undefined : stderr, signal: shutdown.signal,
    });
    const signal = shutdown.received();
    if (!signal) {
      print(options, summary, () => describeRun(summary));
      return summary.exitCode;
    }
    // Partitions already queued are applied by the workers; the run itself stops here.
    const state = await DistributedState.open(stateUrlOf(config, options.state), migrationsOf(config));
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
  const { queueSettings, redisConnection, runsQueue, serveMetrics, startWorker, syncSchedules } = await distributed();
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
  const { queueSettings, redisConnection, runsQueue, startWebhookReceiver } = await distributed();
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
