import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { hostname } from "node:os";
import path from "node:path";
import { createWorld, type EmulatorHost } from "@omnibridge/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../src/config";
import { runSync } from "../../src/engine";
import { ConnectorSet } from "../../src/compose";
import { PartitionApplier } from "../../src/extensions/distributed/apply-partition";
import { withSharedBudgets } from "../../src/extensions/distributed/budgets";
import { DistributedState } from "../../src/extensions/distributed/pg-state";
import { runDistributed } from "../../src/extensions/distributed/run-distributed";
import { dropPostgresState, freshPostgresState } from "../support/postgres";
import {
  configData, dropPrefix, freshPrefix, maxInWindow, recordingProxy, REDIS_URL, snapshotTargets, startWorkerProcess, startWorld,
  TEST_LIMITS, writeConfig, type WorkerProcess,
} from "./support";

type Snapshot = Awaited<ReturnType<typeof snapshotTargets>>;

/** `flow#seq` of every partition a worker log says it applied. */
const appliedIn = (log: string) => [...log.matchAll(/ (\S+#\d+) \(run \d+\) applied/g)].map((m) => m[1]!);

function expectSameTargets(got: Snapshot, want: Snapshot): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [target, expected] of want) {
    const actual = got.get(target)!;
    expect(actual.duplicates, `${target} duplicates`).toEqual([]);
    expect([...actual.records.keys()].sort(), `${target} keys`).toEqual([...expected.records.keys()].sort());
    for (const [key, record] of expected.records) expect(actual.records.get(key), `${target} ${key}`).toEqual(record);
  }
}

async function partitionRows(url: string): Promise<Array<{ flow: string; seq: number; status: string; worker: string | null }>> {
  const state = await DistributedState.open(url);
  try {
    return await state.db.selectFrom("ob_partitions").select(["flow", "seq", "status", "worker"]).orderBy("flow").orderBy("seq").execute();
  } finally {
    await state.close();
  }
}

describe("distributed sync: worker processes on real Redis and PostgreSQL", () => {
  const world = createWorld({ seed: 2030, products: 12, invalidRate: 0.03 });
  const prefixes: string[] = [];
  const urls: string[] = [];
  const hosts: EmulatorHost[] = [];
  const workers: WorkerProcess[] = [];
  let dir: string;
  let reference: Snapshot;
  let referenceConfig: ResolvedConfig;

  const setUp = async (overrides: Record<string, Record<string, unknown>> = {}) => {
    const host = await startWorld(world);
    hosts.push(host);
    const url = await freshPostgresState();
    urls.push(url);
    const prefix = freshPrefix();
    prefixes.push(prefix);
    const sub = mkdtempSync(path.join(dir, "run-"));
    const { file, config } = writeConfig(sub, { ...configData(host, url, overrides), pageSize: 8 });
    return { host, url, prefix, sub, file, config };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-dist-"));
    const { host, prefix, config } = await setUp();
    const redis = new Redis(REDIS_URL);
    try {
      const summary = await runSync(withSharedBudgets(config, redis, prefix).config, {});
      expect(summary.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    referenceConfig = config;
    reference = await snapshotTargets(host, config);
  });

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await Promise.allSettled(workers.map((w) => w.done));
    for (const host of hosts) await host.stop();
    for (const url of urls) await dropPostgresState(url);
    for (const prefix of prefixes) await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it("with 3 workers the targets equal the single-process run record by record, every partition applied once, the vendor limit kept", async () => {
    const { host, url, prefix, sub, config: base } = await setUp();
    const proxy = await recordingProxy(String(host.get("contentful").settings.managementUrl));
    const { file, config } = writeConfig(sub, { ...configData(host, url, { contentful: { managementUrl: proxy.url } }), pageSize: 8 });
    expect(base.flows.length).toBe(config.flows.length);
    const three = [0, 1, 2].map(() => startWorkerProcess(sub, file, prefix));
    workers.push(...three);
    await Promise.all(three.map((w) => w.ready));
    const summary = await runDistributed(config, { queue: { redisUrl: REDIS_URL, prefix } });
    expect(summary.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    expectSameTargets(await snapshotTargets(host, referenceConfig), reference);
    const rows = await partitionRows(url);
    expect(rows.every((r) => r.status === "applied")).toBe(true);
    const applied = three.flatMap((w) => appliedIn(w.log()));
    expect(applied.sort()).toEqual(rows.map((r) => `${r.flow}#${r.seq}`).sort());
    expect(new Set(rows.map((r) => r.worker)).size).toBeGreaterThan(1);
    // The shared budget: all three workers and the scheduler together, as Contentful's management API received them.
    const limit = TEST_LIMITS.contentful!;
    expect(proxy.arrivals.length).toBeGreaterThan(limit.limit);
    expect(maxInWindow(proxy.arrivals, limit.windowMs)).toBeLessThanOrEqual(limit.limit);
    await proxy.close();
    // Graceful shutdown: SIGTERM lets each worker finish and exit 0 with its metrics.
    for (const w of three) w.kill("SIGTERM");
    const exits = await Promise.all(three.map((w) => w.done));
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
    expect(exits.every((e) => e.stderr.includes("stopped: {"))).toBe(true);
  });

  it("a worker SIGKILLed mid-job: its partition is recovered by another worker, nothing lost, nothing applied twice", async () => {
    const { host, url, prefix, sub, file, config } = await setUp();
    const args = ["--lock-duration", "2000", "--stalled-interval", "1000"];
    const three = [0, 1, 2].map(() => startWorkerProcess(sub, file, prefix, args));
    workers.push(...three);
    await Promise.all(three.map((w) => w.ready));
    const running = runDistributed(config, { queue: { redisUrl: REDIS_URL, prefix } });
    const victim = three[0]!;
    let inFlight: string | undefined;
    for (let waited = 0; waited < 60_000 && !inFlight; waited += 5) {
      const log = victim.log();
      const lastStart = [...log.matchAll(/ start (\S+#\d+) \(run \d+\)/g)].at(-1);
      if (appliedIn(log).length >= 2 && lastStart && !log.slice(lastStart.index).includes(" applied")) inFlight = lastStart[1];
      else await new Promise((r) => setTimeout(r, 5));
    }
    expect(inFlight, "the victim had a job in flight").toBeDefined();
    victim.kill("SIGKILL");
    expect((await victim.done).signal).toBe("SIGKILL");
    const summary = await running;
    expect(summary.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    expectSameTargets(await snapshotTargets(host, referenceConfig), reference);
    const rows = await partitionRows(url);
    expect(rows.every((r) => r.status === "applied")).toBe(true);
    const applied = three.flatMap((w) => appliedIn(w.log()));
    expect(applied.sort()).toEqual(rows.map((r) => `${r.flow}#${r.seq}`).sort());
    const survivors = three.slice(1);
    expect(survivors.some((w) => appliedIn(w.log()).includes(inFlight!)), `${inFlight} applied by a survivor`).toBe(true);
    expect(rows.find((r) => `${r.flow}#${r.seq}` === inFlight)?.worker).not.toBe(`${hostname()}:${victim.pid}`);
    for (const w of survivors) w.kill("SIGTERM");
    await Promise.all(survivors.map((w) => w.done));
  });

  it("partitions applied in reverse order converge to the same targets; the checkpoint only covers contiguous applied pages", async () => {
    const { host, url, prefix, config } = await setUp();
    const state = await DistributedState.open(url);
    const redis = new Redis(REDIS_URL);
    const shared = withSharedBudgets(config, redis, prefix).config;
    const connectors = new ConnectorSet(shared);
    const applier = new PartitionApplier(shared, connectors, state, "reverse-test");
    let finished = false;
    const held: Array<{ flow: string; checkpoint: string | null; start: string | null }> = [];
    const driver = (async () => {
      while (!finished) {
        const plans = await state.db.selectFrom("ob_run_flow_plans").selectAll().where("status", "=", "read").execute();
        for (const plan of plans) {
          const pending = await state.db.selectFrom("ob_partitions").select("seq").where("run_id", "=", plan.run_id).where("flow", "=", plan.flow)
            .where("status", "=", "pending").orderBy("seq", "desc").execute();
          for (const [i, p] of pending.entries()) {
            await applier.apply({ runId: plan.run_id, flow: plan.flow, seq: p.seq });
            if (i === 0 && pending.length > 1) {
              held.push({ flow: plan.flow, checkpoint: await state.repos.golden.checkpoint(plan.flow), start: plan.start_cursor });
            }
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      const summary = await runDistributed(config, { queue: { redisUrl: REDIS_URL, prefix } });
      expect(summary.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    } finally {
      finished = true;
      await driver;
      await connectors.close();
      await state.close();
      redis.disconnect();
    }
    expect(held.length).toBeGreaterThan(0);
    for (const h of held) expect(h.checkpoint, `${h.flow} checkpoint after its last page alone`).toBe(h.start);
    expectSameTargets(await snapshotTargets(host, referenceConfig), reference);
  });
});
