export { runDistributed } from "./run-distributed";
export type { DistributedRunOptions } from "./run-distributed";
export { startWorker } from "./worker";
export type { WorkerHandle, WorkerOptions } from "./worker";
export { startWebhookReceiver } from "./webhook-receiver";
export { RedisRateBudget } from "./redis-budget";
export type { RateLimit } from "./redis-budget";
export { queueSettings } from "./queues";
export type { QueueSettings } from "./queues";
