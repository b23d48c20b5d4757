import type { Command } from "commander";
import type { DistributedOptions } from "./distributed-commands";

// Loaded when a distributed command runs (it loads bullmq, ioredis and pg in turn).
const commands = () => import("./distributed-commands");

type Wrap = <A extends unknown[]>(fn: (...args: A) => Promise<number>) => (...args: A) => Promise<void>;

/** Register `worker` and `webhooks` on the program. */
export function registerDistributedCommands(program: Command, wrap: Wrap): void {
  program.command("worker").description("take flow partitions and run requests from the BullMQ queue (state in PostgreSQL)")
    .option("--redis <url>", "Redis URL (default OMNIBRIDGE_REDIS_URL, redis://127.0.0.1:6379)").option("--prefix <prefix>", "queue key prefix (default omnibridge)")
    .option("--concurrency <n>", "partitions at once", "1").option("--metrics-port <port>", "serve /metrics and /metrics.json on 127.0.0.1")
    .option("--lock-duration <ms>", "job lock; a dead worker's job is retried after it", "30000").option("--stalled-interval <ms>", "stalled-job check interval", "15000")
    .option("--no-runs", "do not coordinate scheduled or webhook runs")
    .action(wrap(async (options: DistributedOptions) => (await commands()).workerCommand(options)));
  program.command("webhooks").description("receive signed vendor webhooks and enqueue incremental runs of the affected flows")
    .option("--port <port>", "port", "8787").option("--host <host>", "interface", "127.0.0.1").option("--public-url <url>", "base URL vendors call (signatures cover it)")
    .option("--redis <url>", "Redis URL").option("--prefix <prefix>", "queue key prefix")
    .action(wrap(async (options: DistributedOptions) => (await commands()).webhooksCommand(options)));
}
