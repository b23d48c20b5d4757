import http from "node:http";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ConnectorV1, EntityKind } from "@omnibridge/core-model";
import { contentfulEmulator } from "@omnibridge/cms-connector/testing";
import { hubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { odooEmulator } from "@omnibridge/erp-connector/testing";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";
import { startEmulators, type EmulatorHost, type World } from "@omnibridge/testkit";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { stringify } from "yaml";
import { z } from "zod";
import { BUILTIN_ADAPTERS, createConnector } from "../../src/compose";
import { resolveConfig, type ConfigInput, type ResolvedConfig } from "../../src/config";
import { defaultFlows } from "../../src/demo/default-flows";
import { PAGES_QUEUE, RUNS_QUEUE } from "../../src/extensions/distributed/queues";
import { startCli, type CliResult } from "../support/cli";
import { business } from "../support/expect";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

/** The Redis server the tests use. */
export const REDIS_URL = process.env.OMNIBRIDGE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A unique BullMQ/limiter key prefix for one test run. */
export function freshPrefix(): string {
  return `obtest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Obliterate a test prefix's queues and delete its other keys. */
export async function dropPrefix(prefix: string): Promise<void> {
  for (const name of [PAGES_QUEUE, RUNS_QUEUE]) {
    const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  const redis = new Redis(REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  redis.disconnect();
}

/** Start the four vendor emulators over a world. */
export function startWorld(world: World): Promise<EmulatorHost> {
  return startEmulators({ world, factories: [odooEmulator, akeneoEmulator, hubSpotEmulator, contentfulEmulator] });
}

/** Fast test limits (the vendors' own would make each run take a minute). */
export const TEST_LIMITS: Record<string, { limit: number; windowMs: number }> = { contentful: { limit: 10, windowMs: 1000 } };

/** The default flows (Contentful as the CMS) over a host, as config data, settings overridable per system. */
export function configData(host: EmulatorHost, stateUrl: string, overrides: Record<string, Record<string, unknown>> = {}): ConfigInput {
  const systems = Object.fromEntries(host.emulators.map((e) => [e.name, {
    adapter: e.name,
    settings: { ...e.settings, ...(TEST_LIMITS[e.name] ? { rateLimit: TEST_LIMITS[e.name] } : {}), ...(overrides[e.name] ?? {}) },
  }]));
  return { systems, flows: defaultFlows(["contentful"]), state: { url: stateUrl } };
}

/** Resolve config data, and write it as YAML for worker processes. */
export function writeConfig(dir: string, data: ConfigInput): { file: string; config: ResolvedConfig } {
  const file = path.join(dir, "omnibridge.config.yaml");
  writeFileSync(file, stringify(data));
  const config = resolveConfig(data, { file, baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
  return { file, config };
}

/** A worker child process (the CLI through tsx) with its log. */
export interface WorkerProcess {
  pid: number;
  log(): string;
  ready: Promise<void>;
  done: Promise<CliResult>;
  kill(signal: NodeJS.Signals): void;
}

/** Start `omnibridge worker` as a child process. */
export function startWorkerProcess(dir: string, file: string, prefix: string, args: string[] = []): WorkerProcess {
  const { child, done } = startCli(["worker", "--config", file, "--redis", REDIS_URL, "--prefix", prefix, ...args], dir);
  let log = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes(" ready (")) resolve();
    });
    void done.then((r) => reject(new Error(`worker exited early (${r.code ?? r.signal}): ${r.stderr.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  return { pid: child.pid!, log: () => log, ready, done, kill: (signal) => child.kill(signal) };
}

/** Records read from a system, by key, and the keys that came more than once. */
export interface TargetRecords {
  records: Map<string, Record<string, unknown>>;
  duplicates: string[];
}

/** Every record of an entity in a system, read through its connector: by key, plus how many keys came twice. */
export async function readTarget(system: string, settings: Record<string, unknown>, entity: EntityKind): Promise<TargetRecords> {
  const connector: ConnectorV1 = await createConnector(system, settings, { system });
  if (!connector.capabilities[entity]?.read) {
    await connector.close();
    // Contentful's connector only writes: read the space back through its Sync API (the emulator's published state).
    if (system === "contentful") return readContentfulSpace(settings);
    // A PIM stores the prices written to it on its products: read those back instead.
    return readTarget(system, settings, "product");
  }
  const records = new Map<string, Record<string, unknown>>();
  const duplicates: string[] = [];
  try {
    for await (const page of connector.read(entity, { pageSize: 100 })) {
      for (const item of page.items) {
        if (records.has(item.key)) duplicates.push(item.key);
        records.set(item.key, hostFree(business(item as unknown as Record<string, unknown>)));
      }
    }
  } finally {
    await connector.close();
  }
  return { records, duplicates };
}

/** Target (system, entity) pairs of a config's flows. */
export function targetsOf(config: ResolvedConfig): Array<{ system: string; entity: EntityKind }> {
  const seen = new Map<string, { system: string; entity: EntityKind }>();
  for (const flow of config.flows) for (const t of flow.targets) seen.set(`${t.system}/${t.entity}`, { system: t.system, entity: t.entity });
  return [...seen.values()];
}

/** Every target's records, through the connectors. */
export async function snapshotTargets(host: EmulatorHost, config: ResolvedConfig): Promise<Map<string, TargetRecords>> {
  const out = new Map<string, TargetRecords>();
  for (const { system, entity } of targetsOf(config)) out.set(`${system}/${entity}`, await readTarget(system, host.get(system).settings, entity));
  return out;
}

/** A loopback proxy in front of a server that records when each request arrived. */
export async function recordingProxy(target: string): Promise<{ url: string; arrivals: number[]; close: () => Promise<void> }> {
  const arrivals: number[] = [];
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    arrivals.push(Date.now());
    const options = { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent };
    const forward = http.request(options, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, arrivals, close: () => new Promise((r) => { agent.destroy(); server.closeAllConnections(); server.close(() => r()); }) };
}

/** Largest number of timestamps inside any window of `windowMs` (a window [t, t + windowMs)). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const syncPageSchema = z.object({
  items: z.array(z.object({
    sys: z.object({ id: z.string(), contentType: z.object({ sys: z.object({ id: z.string() }) }).optional() }),
    fields: z.record(z.string(), z.unknown()).optional(),
  })),
  nextPageUrl: z.string().optional(),
  nextSyncUrl: z.string().optional(),
});

/** Every published entry of a Contentful space (CDA Sync API, initial pass), by content type and entry id. */
export async function readContentfulSpace(settings: Record<string, unknown>): Promise<TargetRecords> {
  const records = new Map<string, Record<string, unknown>>();
  const duplicates: string[] = [];
  let url: string | undefined = `${String(settings.deliveryUrl)}/spaces/${String(settings.spaceId)}/environments/${String(settings.environment ?? "master")}/sync?initial=true&limit=200`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${String(settings.deliveryToken)}` } });
    const page = syncPageSchema.parse(await response.json());
    for (const item of page.items) {
      const key = `${item.sys.contentType?.sys.id ?? "?"}/${item.sys.id}`;
      if (records.has(key)) duplicates.push(key);
      records.set(key, hostFree(item.fields ?? {}));
    }
    url = page.nextPageUrl;
  }
  return { records, duplicates };
}

/** A record with emulator base URLs (which differ by port between two worlds) replaced by one placeholder. */
export function hostFree(record: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record).replace(/http:\/\/127\.0\.0\.1:\d+/g, "http://emulator")) as Record<string, unknown>;
}
