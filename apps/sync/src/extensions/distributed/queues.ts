import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";

/** Queue of partitions (one job per source page). */
export const PAGES_QUEUE = "omnibridge-pages";
/** Queue of run requests (schedules, webhooks): a worker coordinates the run. */
export const RUNS_QUEUE = "omnibridge-runs";

/** Where the queues live. */
export interface QueueSettings {
  /** `redis://127.0.0.1:6379` (default `OMNIBRIDGE_REDIS_URL`, then that). */
  redisUrl: string;
  /** Key prefix of every queue and rate window (one per deployment; tests use a unique one). */
  prefix: string;
}

/** Queue settings from options and the environment. */
export function queueSettings(options: { redis?: string | undefined; prefix?: string | undefined }): QueueSettings {
  return {
    redisUrl: options.redis ?? process.env.OMNIBRIDGE_REDIS_URL ?? "redis://127.0.0.1:6379",
    prefix: options.prefix ?? process.env.OMNIBRIDGE_QUEUE_PREFIX ?? "omnibridge",
  };
}

/** A Redis connection as BullMQ workers need it (blocking commands never time out). */
export function redisConnection(settings: QueueSettings): Redis {
  return new Redis(settings.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** A partition job's data. */
export interface PageJobData {
  runId: number;
  flow: string;
  seq: number;
}

/** A run request's data. */
export interface RunJobData {
  flows: string[];
  full: boolean;
  /** What asked for it (`schedule`, `webhook hubspot`). */
  reason: string;
  /** Pending-run marker to clear when the run starts (webhook de-duplication). */
  pendingKey?: string | undefined;
}

/** Deterministic id of a partition's job: enqueueing it twice is a no-op. */
export function pageJobId(data: PageJobData): string {
  return `p-${data.runId}-${data.seq}-${data.flow}`;
}

/** Retry policy of partition jobs: transient failures (a vendor's 5xx, a deadlock) are retried with backoff. */
export const PAGE_JOB_OPTIONS: JobsOptions = {
  attempts: 6, backoff: { type: "exponential", delay: 500 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 },
};

/** Open the partition queue. */
export function pagesQueue(settings: QueueSettings, connection: ConnectionOptions): Queue<PageJobData> {
  return new Queue<PageJobData>(PAGES_QUEUE, { connection, prefix: settings.prefix });
}

/** Open the run-request queue. */
export function runsQueue(settings: QueueSettings, connection: ConnectionOptions): Queue<RunJobData> {
  return new Queue<RunJobData>(RUNS_QUEUE, { connection, prefix: settings.prefix });
}
