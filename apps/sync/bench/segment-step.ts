/**
 * The segment step over a state store holding a testkit world's golden customers and orders:
 * a full computation (fresh state), an incremental one after one order changed, and a skipped
 * one (nothing changed). Run: `node --import tsx bench/segment-step.ts [products]` (not part of `pnpm test`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { mergeByOwnership, type AnyEntity, type GoldenRecord } from "@omnibridge/core-model";
import { createWorld } from "@omnibridge/testkit";
import { BUILTIN_ADAPTERS, ConnectorSet } from "../src/compose";
import { resolveConfig } from "../src/config";
import { DEFAULT_SEGMENTS } from "../src/extensions/marketing/default-marketing";
import { segmentsOf } from "../src/extensions/marketing";
import { runSegmentStep } from "../src/extensions/marketing/segment-step";
import { StateStore } from "../src/state";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

const products = Number(process.argv[2] ?? 5000);
const world = createWorld({ seed: 11, products });
const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-segment-bench-"));
const url = `sqlite:${path.join(dir, "state.db")}`;
const config = resolveConfig({
  state: { url }, systems: { odoo: { adapter: "odoo", settings: {} } }, flows: [{ source: { system: "odoo", entity: "order" } }],
  segments: DEFAULT_SEGMENTS.map((s) => ({ ...s, rules: s.rules.map((r) => ({ ...r })) })),
  marketing: { reportingCurrency: "EUR", rates: { USD: "0.92" }, asOf: world.epoch },
}, { baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });

const golden = (entity: "customer" | "order", record: AnyEntity): GoldenRecord =>
  mergeByOwnership(undefined, { entity, record: record as never, source: { system: "odoo", role: "erp" } }).golden;

async function seed(store: StateStore): Promise<void> {
  const now = new Date().toISOString();
  for (const entity of ["customer", "order"] as const) {
    let batch: GoldenRecord[] = [];
    for (const record of world.records(entity)) {
      batch.push(golden(entity, record));
      if (batch.length === 1000) await store.transaction(async (r) => r.golden.save(batch.splice(0), now));
    }
    await store.transaction(async (r) => r.golden.save(batch, now));
    batch = [];
  }
}

async function step(store: StateStore, label: string): Promise<void> {
  const connectors = new ConnectorSet(config);
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await runSegmentStep({ config, store, connectors, runId: 0, dryRun: false, changes: undefined, deadLetters: [] });
  const ms = performance.now() - started;
  const statuses = await segmentsOf(store.repos).statuses();
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  read ${String(result?.read).padStart(6)}  heap +${((process.memoryUsage().heapUsed - heap) / 1e6).toFixed(0)} MB  members ${statuses.map((s) => `${s.key}=${s.memberCount}`).join(" ")}`);
  await connectors.close();
}

const store = await StateStore.open(url);
try {
  await seed(store);
  console.log(`world: ${products} products, ${world.counts.customers} customers, ${world.counts.orders} orders`);
  await step(store, "full (fresh state)");
  await step(store, "nothing changed (skipped)");
  const order = world.orderAt(0)!;
  await store.transaction(async (r) => r.golden.save([golden("order", { ...order, status: "cancelled", updatedAt: new Date().toISOString() })], new Date().toISOString()));
  await step(store, "one order changed (recomputed)");
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
