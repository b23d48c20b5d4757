// Probe (not a test): SQL statements, time and a digest of the CRM lifetime figures of the `customers` flow.
// Run: cd apps/sync && node --import tsx test/marketing/lifetime-probe.ts [products=1000]
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { startOdooEmulator } from "@omnibridge/erp-connector/testing";
import { startHubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { createWorld } from "@omnibridge/testkit";
import { startOfUtcDay } from "@omnibridge/segments";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { resolveConfig } from "../../src/config";
import { runSync } from "../../src/engine";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as { prototype: { prepare: (sql: string) => unknown } };
const counts = { all: 0, refs: 0 };
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: unknown, sql: string) {
  counts.all++;
  if (sql.includes("golden_refs")) counts.refs++;
  return prepare.call(this, sql);
};

const products = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-ltprobe-"));
const world = createWorld({ seed: 7, products, epoch: startOfUtcDay(new Date()) });
const odoo = await startOdooEmulator({ world });
const hubspot = await startHubSpotEmulator({ customers: world.customers(), companies: world.companies(), segments: world.segments() });
try {
  const config = resolveConfig({
    state: { url: `sqlite:${path.join(dir, "state.db")}` },
    systems: { odoo: { adapter: "odoo", settings: odoo.settings }, hubspot: { adapter: "hubspot", settings: hubspot.settings } },
    flows: [
      { name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }] },
      { name: "orders", source: { system: "odoo", entity: "order" }, lifetime: true },
    ],
    marketing: { reportingCurrency: "EUR", rates: { USD: "0.92" } },
  }, { baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
  const orders = await runSync(config, { flows: ["orders"] });
  counts.all = 0; counts.refs = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await runSync(config, { flows: ["customers"] });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const flow = run.flows[0]!;
  const contacts = [...hubspot.store.type("contacts").values()].map((c) => c.properties as Record<string, unknown>);
  const lifetimes = contacts.map((p) => Object.entries(p).filter(([k]) => k.startsWith("omnibridge_")).sort())
    .map((e) => JSON.stringify(e)).sort();
  const withClv = contacts.filter((p) => p.omnibridge_clv).length;
  const digest = createHash("sha256").update(lifetimes.join("\n")).digest("hex").slice(0, 16);
  console.log(JSON.stringify({ withClv, digest,
    products, ordersStatus: orders.status, status: run.status, read: flow.read, written: flow.written,
    statements: counts.all, refStatements: counts.refs, wallMs: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  }));
} finally {
  await Promise.allSettled([odoo.stop(), hubspot.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
