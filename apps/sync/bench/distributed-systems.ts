/** Systems, config and worker processes of the distributed benchmark (bench/distributed.ts). */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { contentfulEmulator } from "@omnibridge/cms-connector/testing";
import { hubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { odooEmulator } from "@omnibridge/erp-connector/testing";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";
import { startEmulators, type EmulatorHost, type World } from "@omnibridge/testkit";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { stringify } from "yaml";
import { BUILTIN_ADAPTERS } from "../src/compose";
import { resolveConfig, type ConfigInput, type ResolvedConfig } from "../src/config";
import { PAGES_QUEUE, RUNS_QUEUE } from "../src/distributed/queues";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

export const REDIS_URL = process.env.OMNIBRIDGE_REDIS_URL ?? "redis://127.0.0.1:6379";
export const POSTGRES_URL = process.env.OMNIBRIDGE_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/cli.js");

/** Vendor limits the emulators enforce (HubSpot at 10 / 1 s: the same average as 100 / 10 s, as BENCHMARKS.md does). */
export const LIMITS = {
  hubspot: { limit: 10, windowMs: 1000 },
  akeneo: { limit: 100, windowMs: 1000 },
  contentful: { limit: 7, windowMs: 1000 },
};

/** Start the emulators a benchmark needs, with the vendors' limits. */
export function startSystems(world: World, withCms: boolean): Promise<EmulatorHost> {
  return startEmulators({
    world, factories: [odooEmulator, akeneoEmulator, hubSpotEmulator, ...(withCms ? [contentfulEmulator] : [])],
    rateLimits: { hubspot: { ...LIMITS.hubspot, mode: "sliding" }, akeneo: { ...LIMITS.akeneo, mode: "sliding" } },
  });
}

/** A fresh state schema, queue prefix and config file. */
export function benchConfig(dir: string, host: EmulatorHost, flows: ConfigInput["flows"], tag: string): { file: string; config: ResolvedConfig; url: string; prefix: string } {
  const id = `${process.pid}_${tag}_${Math.random().toString(36).slice(2, 6)}`;
  const url = `${POSTGRES_URL}?schema=omnibridge_bench_${id}`;
  const systems = Object.fromEntries(host.emulators.map((e) => [e.name, {
    adapter: e.name, settings: { ...e.settings, ...(e.name === "hubspot" ? { rateLimit: LIMITS.hubspot } : {}), ...(e.name === "odoo" ? { webhookSecret: "bench-secret" } : {}) },
  }]));
  const data: ConfigInput = { systems, flows, state: { url }, pageSize: 200 };
  const file = path.join(dir, `omnibridge-${id}.yaml`);
  writeFileSync(file, stringify(data));
  return { file, url, prefix: `obbench-${id}`, config: resolveConfig(data, { file, baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS }) };
}

/** A built-CLI worker process. */
export interface BenchWorker {
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Start `node dist/cli.js worker`. */
export function startWorker(file: string, prefix: string, args: string[] = []): BenchWorker {
  const child = spawn(process.execPath, [CLI, "worker", "--config", file, "--redis", REDIS_URL, "--prefix", prefix, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000);
      if (log.includes(" ready (")) resolve();
    });
    void exited.then(() => reject(new Error(`worker exited: ${log.slice(-1000)}`)));
  });
  return { ready, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

/** Drop a bench schema and a queue prefix. */
export async function cleanUp(url: string, prefix: string): Promise<void> {
  const schema = new URL(url).searchParams.get("schema")!;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
  for (const name of [PAGES_QUEUE, RUNS_QUEUE]) {
    const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

/** Median and p99 of samples (ms). */
export function percentiles(samples: readonly number[]): { median: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}
