import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorld, mutateWorld, type RateLimitOptions } from "@omnibridge/testkit";
import { runCli } from "../shared/cli";
import { benchFlows, writeConfig } from "../shared/config-file";
import type { Scale } from "../shared/scale";
import { startSystems, type SystemId, type Systems } from "../shared/systems";
import { runBaseline, type BaselineRun } from "./baseline";
import { batchLimits, type BatchLimits } from "./capabilities";
import { measureCpu, type CpuFigure } from "./cpu";
import { incrementalRatios, requestEfficiency, throughput, type IncrementalRatio, type RequestEfficiency, type ThroughputFigure } from "./figures";
import { runFlows, type FlowRun } from "./flow-runs";
import { runShopBench, type ShopBenchResult } from "./shop-bench";

/** HubSpot limit of the throughput experiment: HubSpot's 100 / 10 s average in 1-s windows, so the sustained rate decides, not one window's burst. */
export const THROUGHPUT_HUBSPOT_LIMIT: RateLimitOptions = { limit: 10, windowMs: 1_000 };
/** Akeneo's documented 100 req/s (the emulator's default). */
export const AKENEO_LIMIT: RateLimitOptions = { limit: 100, windowMs: 1_000 };
/** HubSpot's Free/Starter burst limit (the emulator's default). */
export const HUBSPOT_LIMIT: RateLimitOptions = { limit: 100, windowMs: 10_000 };

/** Everything measured at one scale. */
export interface ScaleResult {
  scale: Scale;
  worldRecords: number;
  counts: Record<string, number>;
  seedSeconds: number;
  limits: BatchLimits;
  /** CPU of a CLI process that starts, opens config and state, and exits (subtracted from per-flow CPU). */
  startupCpuMs: number;
  full: FlowRun[];
  incremental: FlowRun[];
  mutated: number;
  ratios: IncrementalRatio[];
  efficiency: RequestEfficiency[];
  throughput: Array<ThroughputFigure & { pageSize: number }>;
  cpu: CpuFigure[];
  baseline: BaselineRun[];
  /** Largest peak RSS of the sync process over every flow run (MiB). */
  peakRssMiB: number;
  /** Shop targets (Shopware emulator behind the assumed Admin API limit); absent with `--shop-rate 0`. */
  shop?: ShopBenchResult;
}

/** Options of {@link runScale}. */
export interface ScaleOptions {
  seed: number;
  /** Records the per-record baseline processes (it is ~1 request per record under the same limit). */
  baselineCap: number;
  cpuRecords: number;
  /** Page sizes the throughput experiment runs with (the config default is 200). */
  throughputPageSizes: readonly number[];
  /** Flows left out of the full/incremental runs (e.g. `orders` at 1M: bounded by HubSpot's limit, see BENCHMARKS.md). */
  skipFlows: readonly string[];
  /** The Admin API limit assumed in front of the Shopware emulator (undefined: no shop run). */
  shopRateLimit?: RateLimitOptions;
  log: (line: string) => void;
}

async function withRun<T>(
  systems: Systems,
  fn: (ctx: { systems: Systems; dir: string; config: string; state: string }) => Promise<T>,
  pageSize = 200,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-bench-"));
  try {
    const config = writeConfig({ dir, systems: systems.config, flows: benchFlows(), pageSize });
    return await fn({ systems, dir, config, state: `sqlite:${path.join(dir, "state.db")}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Full sync, 1 % incremental, CPU probes and the integrator baseline, at one scale. */
async function mainRuns(scale: Scale, options: ScaleOptions): Promise<Omit<ScaleResult, "throughput" | "ratios" | "efficiency" | "peakRssMiB">> {
  const world = createWorld({ seed: options.seed, products: scale.products });
  const counts = { ...world.counts } as unknown as Record<string, number>;
  const worldRecords = Object.values(counts).reduce((a, b) => a + b, 0);
  options.log(`scale ${scale.label}: ${scale.products} products → ${worldRecords} world records`);
  const seeded = performance.now();
  const systems = await startSystems({ world, rateLimits: { hubspot: HUBSPOT_LIMIT, akeneo: AKENEO_LIMIT } });
  const seedSeconds = (performance.now() - seeded) / 1000;
  try {
    const limits = await batchLimits(systems);
    return await withRun(systems, async (ctx) => {
      const startup = await runCli({ args: ["runs", "--json", "-n", "1"], config: ctx.config, state: ctx.state, env: systems.env, cwd: ctx.dir });
      const startupCpuMs = startup.usage ? (startup.usage.userCpuUs + startup.usage.systemCpuUs) / 1000 : 0;
      options.log("  full sync, one CLI process per flow:");
      const flows = benchFlows().filter((f) => !options.skipFlows.includes(f.name));
      const full = await runFlows(ctx, flows, options.log);
      const { changes } = mutateWorld(world, { changeRate: 0.01 });
      await systems.apply(changes);
      options.log(`  mutated 1 %: ${changes.upserted.length} records; incremental run:`);
      const incremental = await runFlows(ctx, flows, options.log);
      options.log("  CPU probes");
      const cpu = await measureCpu(systems, options.cpuRecords);
      options.log("  baseline (integrator script with @hubspot/api-client)");
      const customers = full.find((r) => r.flow === "customers")!.counts.read;
      // Each baseline starts with a fresh HubSpot window (100 / 10 s), as the sync's flows did: no 429 left over from the run before.
      const fresh = () => new Promise((resolve) => setTimeout(resolve, HUBSPOT_LIMIT.windowMs + 1_000));
      await fresh();
      const perRecord = await runBaseline(systems, "per-record", Math.min(customers, options.baselineCap));
      await fresh();
      const baseline = [perRecord, await runBaseline(systems, "batched", customers)];
      return {
        scale, worldRecords, counts, seedSeconds, limits, startupCpuMs, full, incremental,
        mutated: changes.upserted.length, cpu, baseline,
      };
    });
  } finally {
    await systems.stop();
  }
}

/** Customers → HubSpot and prices → Akeneo on fresh state, HubSpot at 10 req / 1 s (see THROUGHPUT_HUBSPOT_LIMIT). */
async function throughputRuns(
  scale: Scale,
  options: ScaleOptions,
  limits: BatchLimits,
  pageSize: number,
): Promise<Array<ThroughputFigure & { pageSize: number }>> {
  const world = createWorld({ seed: options.seed, products: scale.products });
  const systems = await startSystems({ world, rateLimits: { hubspot: THROUGHPUT_HUBSPOT_LIMIT, akeneo: AKENEO_LIMIT } });
  try {
    return await withRun(systems, async (ctx) => {
      options.log(`  throughput (page size ${pageSize}; HubSpot ${THROUGHPUT_HUBSPOT_LIMIT.limit} / ${THROUGHPUT_HUBSPOT_LIMIT.windowMs} ms, Akeneo ${AKENEO_LIMIT.limit} / s):`);
      const flows = benchFlows().filter((f) => f.name === "customers" || f.name === "prices");
      const runs = await runFlows(ctx, flows, options.log);
      return runs.map((run) => {
        const target = flows.find((f) => f.name === run.flow)!.targets[0]!;
        const limit = target.system === "hubspot" ? THROUGHPUT_HUBSPOT_LIMIT : AKENEO_LIMIT;
        return { ...throughput(run, target, limit, limits[target.system as SystemId][target.entity] ?? 1), pageSize };
      });
    }, pageSize);
  } finally {
    await systems.stop();
  }
}

/** Every figure of one scale. */
export async function runScale(scale: Scale, options: ScaleOptions): Promise<ScaleResult> {
  const main = await mainRuns(scale, options);
  const through: ScaleResult["throughput"] = [];
  for (const pageSize of options.throughputPageSizes) through.push(...(await throughputRuns(scale, options, main.limits, pageSize)));
  const shop = options.shopRateLimit
    ? await runShopBench(scale, { seed: options.seed, rateLimit: options.shopRateLimit, log: options.log })
    : undefined;
  const peakKb = Math.max(...[...main.full, ...main.incremental].map((r) => r.usage?.maxRssKb ?? 0));
  return {
    ...main, throughput: through, ...(shop ? { shop } : {}), ratios: incrementalRatios(main.full, main.incremental),
    efficiency: requestEfficiency(main.full, benchFlows(), main.limits), peakRssMiB: peakKb / 1024,
  };
}
