/**
 * Distributed-mode benchmark (not a test): `node --import tsx bench/distributed.ts [--products 4255] [--workers 1,2,4] [--samples 40]`
 * after `pnpm --filter @omnibridge/sync build` (workers run the built CLI). Needs Redis and PostgreSQL.
 * 1. Throughput of `run --distributed` with 1, 2, 4 worker processes on the 100k world (4,255 products ≈ 103k
 *    records): prices → Akeneo and customers → HubSpot, each on fresh state, as a scaling ratio and a fraction of
 *    the target's rate-limit ceiling (limit × batch size).
 * 2. Webhook-to-target latency of a single stock change: signed ERP webhook → incremental run → Contentful write
 *    committed (the projection row of that stock level, written in the same transaction right after the write).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { entitySchemas } from "@omnibridge/core-model";
import { createWorld, type World } from "@omnibridge/testkit";
import { sql } from "kysely";
import { signSharedSecret } from "../src/compose/webhook-signatures";
import type { ConfigInput } from "../src/config";
import { DistributedState } from "../src/distributed/pg-state";
import { redisConnection, runsQueue } from "../src/distributed/queues";
import { runDistributed } from "../src/distributed/run-distributed";
import { startWebhookReceiver } from "../src/distributed/webhook-receiver";
import { benchConfig, cleanUp, LIMITS, percentiles, REDIS_URL, startSystems, startWorker } from "./distributed-systems";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BATCH = 100; // maxBatchSize of the Akeneo and HubSpot connectors' price/contact writes
const THROUGHPUT_FLOWS: ConfigInput["flows"] = [
  { name: "prices", source: { system: "odoo", entity: "price" }, targets: [{ system: "akeneo", entity: "price" }], filters: [{ field: "priceListKey", op: "in", value: ["retail-eur", "retail-usd"] }] },
  { name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }] },
];
const CEILING: Record<string, number> = {
  prices: (LIMITS.akeneo.limit * 1000 / LIMITS.akeneo.windowMs) * BATCH,
  customers: (LIMITS.hubspot.limit * 1000 / LIMITS.hubspot.windowMs) * BATCH,
};

async function throughput(
  dir: string,
  world: World,
  workers: number,
): Promise<Array<{ flow: string; written: number; seconds: number; requests: number }>> {
  const host = await startSystems(world, false);
  const bench = benchConfig(dir, host, THROUGHPUT_FLOWS, `w${workers}`);
  const procs = Array.from({ length: workers }, () => startWorker(bench.file, bench.prefix, ["--no-runs"]));
  const out = [];
  try {
    await Promise.all(procs.map((p) => p.ready));
    for (const flow of THROUGHPUT_FLOWS) {
      const started = performance.now();
      const summary = await runDistributed(bench.config, { flows: [flow.name!], queue: { redisUrl: REDIS_URL, prefix: bench.prefix } });
      const seconds = (performance.now() - started) / 1000;
      const result = summary.flows[0]!;
      if (result.status !== "ok") throw new Error(`${flow.name}: ${result.error}`);
      out.push({ flow: flow.name!, written: result.written, seconds, requests: result.requests });
      process.stderr.write(`  ${workers} worker(s) ${flow.name}: ${result.written} written in ${seconds.toFixed(2)} s\n`);
    }
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await host.stop();
    await cleanUp(bench.url, bench.prefix);
  }
  return out;
}

async function latency(dir: string, samples: number): Promise<number[]> {
  const world = createWorld({ seed: 2032, products: 80, invalidRate: 0 });
  const host = await startSystems(world, true);
  const flows: ConfigInput["flows"] = [
    { name: "products", source: { system: "akeneo", entity: "product" }, targets: [{ system: "contentful", entity: "product" }] },
    { name: "shop-stock", source: { system: "odoo", entity: "stockLevel" }, targets: [{ system: "contentful", entity: "stockLevel" }], filters: [{ field: "locationKey", op: "eq", value: "WH-DE-01" }] },
  ];
  const bench = benchConfig(dir, host, flows, "latency");
  const queue = { redisUrl: REDIS_URL, prefix: bench.prefix };
  const procs = [0, 1].map(() => startWorker(bench.file, bench.prefix));
  const redis = redisConnection(queue);
  const runs = runsQueue(queue, redis);
  const receiver = await startWebhookReceiver({ config: bench.config, queue: runs, redis, prefix: bench.prefix, port: 0 });
  const state = await DistributedState.open(bench.url);
  const times: number[] = [];
  try {
    await Promise.all(procs.map((p) => p.ready));
    const first = await runDistributed(bench.config, { queue });
    if (first.flows.some((f) => f.status !== "ok")) throw new Error(`initial run: ${first.flows.map((f) => f.error).join("; ")}`);
    process.stderr.write(`  latency world: ${first.flows.map((f) => `${f.flow} ${f.written} written, ${f.failed} failed`).join(", ")}\n`);
    // Stock of SKUs that have a product page (variants' stock has none in Contentful: those fail not_found).
    const onPages = new Set((await sql<{ key: string }>`select key from projections where system = 'contentful' and entity = 'stockLevel'`.execute(state.db)).rows.map((r) => r.key));
    const levels = [...world.records("stockLevel")].filter((s) => onPages.has(s.key) && entitySchemas.stockLevel.safeParse(s).success);
    // One change per stock level (a second change to the same Odoo quant was not re-read by the emulator's delta: see the report).
    for (let i = 0; i < Math.min(samples, levels.length); i++) {
      const level = levels[i]!;
      const changed = { ...level, onHand: level.onHand + 1, available: level.available + 1, updatedAt: new Date(Date.now()).toISOString() };
      const writtenAt = async () => (await sql<{ written_at: string }>`select written_at from projections where system = 'contentful' and entity = 'stockLevel' and key = ${level.key}`.execute(state.db)).rows[0]?.written_at;
      const before = await writtenAt();
      await host.apply({ revision: world.revision + 1 + i, upserted: [{ entity: "stockLevel", record: changed }], deleted: [] });
      const body = JSON.stringify({ _model: "stock.quant", _id: i });
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${receiver.port}/webhooks/odoo`, { method: "POST", body, headers: signSharedSecret(body, "bench-secret") });
      if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
      const answer = (await response.json()) as unknown;
      while ((await writtenAt()) === before) {
        if (performance.now() - started > Number(arg("--timeout", "60000"))) {
          const history = await sql<Record<string, unknown>>`select r.id, r.status, f.flow, f.read, f.written, f.failed from runs r join run_flows f on f.run_id = r.id order by r.id`.execute(state.db);
          throw new Error(`stock ${level.key} never reached the target (webhook: ${JSON.stringify(answer)}); runs: ${JSON.stringify(history.rows)}`);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      times.push(performance.now() - started);
    }
  } finally {
    await receiver.close();
    await runs.close();
    redis.disconnect();
    await state.close();
    await Promise.all(procs.map((p) => p.stop()));
    await host.stop();
    await cleanUp(bench.url, bench.prefix);
  }
  return times;
}

const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-bench-dist-"));
try {
  const products = Number(arg("--products", "4255"));
  const counts = arg("--workers", "1,2,4").split(",").map(Number);
  const world = createWorld({ seed: 2030, products });
  process.stderr.write(`world: ${products} products\n`);
  const rows: string[] = [];
  const base = new Map<string, number>();
  for (const n of counts) {
    for (const r of await throughput(dir, world, n)) {
      const rate = r.written / r.seconds;
      if (!base.has(r.flow)) base.set(r.flow, rate);
      rows.push(`| ${r.flow} | ${n} | ${r.written} | ${r.seconds.toFixed(2)} | ${r.requests} | ${Math.round(rate)} | ${(rate / base.get(r.flow)!).toFixed(2)}× | ${(100 * rate / CEILING[r.flow]!).toFixed(1)} % of ${CEILING[r.flow]} |`);
    }
  }
  const samples = await latency(dir, Number(arg("--samples", "40")));
  const p = percentiles(samples);
  process.stdout.write([
    `## Distributed throughput (${products} products; emulators with vendor limits; state PostgreSQL; workers = built CLI processes)`,
    "", "| flow | workers | written | seconds | requests | records/s | scaling vs 1 | of ceiling (rec/s) |", "| --- | --- | --- | --- | --- | --- | --- | --- |", ...rows,
    "", `## Webhook → target latency, one stock change (2 workers; signed ERP webhook → Contentful write committed)`,
    "", `median ${p.median.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms over ${p.n} changes (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)})`, "",
  ].join("\n"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// Handles of the emulators' keep-alive agents: leave promptly.
setTimeout(() => process.exit(0), 500).unref();
