import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorld, type EmulatorHost } from "@omnibridge/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../src/config";
import { DistributedState } from "../../src/extensions/distributed/pg-state";
import { runsQueue, type QueueSettings } from "../../src/extensions/distributed/queues";
import { startWorker, type WorkerHandle } from "../../src/extensions/distributed/worker";
import { dropPostgresState, freshPostgresState } from "../support/postgres";
import { configData, dropPrefix, freshPrefix, REDIS_URL, startWorld, writeConfig } from "./support";

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms).unref())]);

describe("a worker coordinating a run stops on close() (issue 18 #6, real Redis and PostgreSQL)", () => {
  const world = createWorld({ seed: 77, products: 40, invalidRate: 0 });
  const prefix = freshPrefix();
  const queue: QueueSettings = { redisUrl: REDIS_URL, prefix };
  let dir: string;
  let url: string;
  let host: EmulatorHost;
  let config: ResolvedConfig;
  let redis: Redis;
  let state: DistributedState;
  const workers: WorkerHandle[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-worker-stop-"));
    host = await startWorld(world);
    url = await freshPostgresState();
    ({ config } = writeConfig(dir, { ...configData(host, url), pageSize: 5 }));
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    state = await DistributedState.open(url);
  });
  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => undefined);
    await state?.close();
    redis?.disconnect();
    await host?.stop();
    await dropPostgresState(url);
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  const runRows = () => state.db.selectFrom("runs").select(["id", "status"]).orderBy("id").execute();

  it("records the coordinated run interrupted and queues it again; another worker finishes it", async () => {
    const runs = runsQueue(queue, redis);
    // One worker coordinates the run and applies partitions one at a time: close() lands while partitions are pending.
    const coordinator = await startWorker(config, { queue, stateUrl: url, name: "coordinator", runs: true, concurrency: 1 });
    workers.push(coordinator);
    await runs.add("run", { flows: ["products"], full: false, reason: "test" }, { jobId: "first-run" });
    for (let i = 0; i < 400 && (await state.db.selectFrom("ob_partitions").select("seq").execute()).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await runRows()).map((r) => r.status)).toEqual(["running"]);

    await within(coordinator.close("SIGTERM"), 30_000, "close()");
    const [interrupted] = await runRows();
    expect(interrupted!.status).toBe("interrupted");
    const waiting = await runs.getJobs(["waiting"]);
    expect(waiting.map((j) => [j.data.flows, j.data.reason])).toEqual([[["products"], `test (resumed after run #${interrupted!.id} was interrupted)`]]);

    const next = await startWorker(config, { queue, stateUrl: url, name: "next" });
    workers.push(next);
    let rows = await runRows();
    for (let i = 0; i < 1200 && !(rows.length === 2 && !["running"].includes(rows[1]!.status)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await runRows();
    }
    expect(rows.map((r) => r.status)).toEqual(["interrupted", "ok"]);
    await runs.close();
  });
});
