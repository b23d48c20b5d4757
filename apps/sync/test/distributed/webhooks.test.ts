import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { entitySchemas } from "@omnibridge/core-model";
import { createWorld, type EmulatorHost } from "@omnibridge/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSharedSecret } from "../../src/compose/webhook-signatures";
import type { ResolvedConfig } from "../../src/config";
import { runsQueue, type QueueSettings } from "../../src/extensions/distributed/queues";
import { runDistributed } from "../../src/extensions/distributed/run-distributed";
import { schedulesOf, syncSchedules } from "../../src/extensions/distributed/schedules";
import { startWebhookReceiver } from "../../src/extensions/distributed/webhook-receiver";
import { startWorker, type WorkerHandle } from "../../src/extensions/distributed/worker";
import { serveMetrics } from "../../src/extensions/distributed/worker-metrics";
import { dropPostgresState, freshPostgresState } from "../support/postgres";
import { configData, dropPrefix, freshPrefix, readContentfulSpace, REDIS_URL, startWorld, writeConfig } from "./support";

const SECRETS: Record<string, string> = { hubspot: "hubspot-client-secret", odoo: "erp-shared-secret" };

function hubSpotHeaders(uri: string, body: string, secret: string, timestamp = Date.now()): Record<string, string> {
  const signature = createHmac("sha256", secret).update(`POST${uri}${body}${timestamp}`).digest("base64");
  return { "x-hubspot-request-timestamp": String(timestamp), "x-hubspot-signature-v3": signature, "content-type": "application/json" };
}

describe("webhooks and schedules (real Redis and PostgreSQL)", () => {
  const world = createWorld({ seed: 2031, products: 10, invalidRate: 0 });
  const prefix = freshPrefix();
  const queue: QueueSettings = { redisUrl: REDIS_URL, prefix };
  let dir: string;
  let url: string;
  let host: EmulatorHost;
  let config: ResolvedConfig;
  let redis: Redis;
  let worker: WorkerHandle;
  let receiver: { port: number; close: () => Promise<void> };
  let runs: ReturnType<typeof runsQueue>;
  const post = (system: string, body: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${receiver.port}/webhooks/${system}`, { method: "POST", body, headers });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-webhooks-"));
    host = await startWorld(world);
    url = await freshPostgresState();
    ({ config } = writeConfig(dir, configData(host, url)));
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    runs = runsQueue(queue, redis);
    worker = await startWorker(config, { queue, stateUrl: url, name: "in-process-worker" });
    receiver = await startWebhookReceiver({ config, queue: runs, redis, prefix, port: 0, secretOf: (s) => SECRETS[s] });
  });
  afterAll(async () => {
    await receiver?.close();
    await worker?.close();
    await runs?.close();
    redis?.disconnect();
    await host?.stop();
    await dropPostgresState(url);
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects bad and stale signatures with 401 and enqueues nothing", async () => {
    const body = JSON.stringify([{ subscriptionType: "contact.propertyChange", objectId: 1 }]);
    const uri = `http://127.0.0.1:${receiver.port}/webhooks/hubspot`;
    expect((await post("hubspot", body, hubSpotHeaders(uri, body, "wrong-secret"))).status).toBe(401);
    const stale = await post("hubspot", body, hubSpotHeaders(uri, body, SECRETS.hubspot!, Date.now() - 6 * 60_000));
    expect([stale.status, await stale.json()]).toEqual([401, { error: "stale_timestamp" }]);
    const erp = JSON.stringify({ _model: "stock.quant", _id: 7 });
    expect((await post("odoo", erp, signSharedSecret(erp, "wrong"))).status).toBe(401);
    expect((await post("odoo", erp, signSharedSecret(erp, SECRETS.odoo!, Date.now() - 6 * 60_000))).status).toBe(401);
    expect((await post("odoo", erp, { "x-omnibridge-timestamp": String(Date.now()) })).status).toBe(401);
    expect(await runs.getJobCounts("waiting", "active", "delayed", "paused")).toEqual({ waiting: 0, active: 0, delayed: 0, paused: 0 });
  });

  it("a valid HubSpot v3 signature enqueues the flows fed by the changed objects", async () => {
    await worker.close();
    worker = await startWorker(config, { queue, stateUrl: url, name: "in-process-worker", runs: false });
    const body = JSON.stringify([{ subscriptionType: "contact.propertyChange", objectId: 1 }]);
    const uri = `http://127.0.0.1:${receiver.port}/webhooks/hubspot`;
    const response = await post("hubspot", body, hubSpotHeaders(uri, body, SECRETS.hubspot!));
    expect([response.status, await response.json()]).toEqual([202, { enqueued: ["crm-customers"], coalesced: [] }]);
    const again = await post("hubspot", body, hubSpotHeaders(uri, body, SECRETS.hubspot!));
    expect(await again.json()).toEqual({ enqueued: [], coalesced: ["crm-customers"] });
    const waiting = await runs.getJobs(["waiting"]);
    expect(waiting.map((j) => j.data.flows)).toEqual([["crm-customers"]]);
    await runs.drain();
    await redis.del(`${prefix}:pending-run:crm-customers`);
  });

  it("a signed ERP stock change reaches the CMS through an incremental run", async () => {
    await worker.close();
    worker = await startWorker(config, { queue, stateUrl: url, name: "in-process-worker" });
    const first = await runDistributed(config, { stateUrl: url, queue });
    expect(first.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    const level = [...world.records("stockLevel")].find((s) => s.locationKey === "WH-DE-01" && entitySchemas.stockLevel.safeParse(s).success)!;
    const changed = { ...level, onHand: level.onHand + 7, available: level.available + 7, updatedAt: new Date().toISOString() };
    await host.apply({ revision: world.revision + 1, upserted: [{ entity: "stockLevel", record: changed }], deleted: [] });
    const body = JSON.stringify({ _model: "stock.quant", _id: 1 });
    const response = await post("odoo", body, signSharedSecret(body, SECRETS.odoo!));
    expect(await response.json()).toEqual({ enqueued: ["shop-stock"], coalesced: [] });
    const settings = host.get("contentful").settings;
    // The product page carries a row per sellable SKU with its availability (issue 19: offers).
    const shown = (fields: Record<string, unknown>) => {
      const offers = Object.values((fields.offers ?? {}) as Record<string, { variants?: Array<{ sku: string; available: unknown }> }>)[0];
      return offers?.variants?.find((v) => v.sku === level.sku)?.available;
    };
    let values: unknown[] = [];
    for (let waited = 0; waited < 30_000; waited += 100) {
      values = [...(await readContentfulSpace(settings)).records.values()].map(shown).filter((v) => v !== undefined);
      if (values.includes(changed.available)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(values, `availability of ${level.key} in the CMS`).toContain(changed.available);
    expect(worker.metrics().runsCoordinated).toBeGreaterThanOrEqual(1);
    expect(worker.metrics().jobsDone).toBeGreaterThanOrEqual(2);
    const served = await serveMetrics(worker.metrics, 0);
    try {
      const text = await (await fetch(`http://127.0.0.1:${served.port}/metrics`)).text();
      expect(text).toMatch(new RegExp(`^omnibridge_worker_jobs_done\\{worker="in-process-worker"\\} ${worker.metrics().jobsDone}$`, "m"));
      expect(text).toMatch(/^omnibridge_worker_requests\{worker="in-process-worker"\} [1-9]\d*$/m);
      const json = (await (await fetch(`http://127.0.0.1:${served.port}/metrics.json`)).json()) as { records: number };
      expect(json.records).toBeGreaterThan(0);
    } finally {
      await served.close();
    }
  });

  it("schedules from the config become one BullMQ job scheduler each, kept in step with the config", async () => {
    const withSchedules = { ...config, schedules: [{ flows: ["shop-stock", "shop-prices"], cron: "*/5 * * * *" }] };
    expect(schedulesOf(withSchedules)).toEqual([{ id: "schedule:shop-stock,shop-prices:*/5 * * * *", cron: "*/5 * * * *", flows: ["shop-stock", "shop-prices"] }]);
    await syncSchedules(withSchedules, runs);
    await syncSchedules(withSchedules, runs);
    const schedulers = await runs.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([["schedule:shop-stock,shop-prices:*/5 * * * *", "*/5 * * * *"]]);
    const delayed = await runs.getJobs(["delayed"]);
    expect(delayed.map((j) => j.data.flows)).toEqual([["shop-stock", "shop-prices"]]);
    await syncSchedules(config, runs);
    expect(await runs.getJobSchedulers(0, -1)).toEqual([]);
  });
});
