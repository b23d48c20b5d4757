import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorld, mutateWorld } from "@omnibridge/testkit";
import { HUBSPOT_LIMIT } from "./bench/run-scale";
import { cliPath, runCli } from "./shared/cli";
import { benchFlows, writeConfig } from "./shared/config-file";
import { machineInfo } from "./shared/machine";
import { mdTable, writeReport } from "./shared/report-files";
import { parseScale } from "./shared/scale";
import { startSystems } from "./shared/systems";

/**
 * `pnpm bench:dashboard [-- --scale 100k] [--state postgres://…?schema=…] [--samples 30] [--seed 2026]`:
 * fill a state with a real sync of a world of that size (every bench flow, then a 1 % change and a
 * second run), start `omnibridge ui` on it, and measure how long each page takes to answer
 * (sequential requests after a warm-up; p50/p95/max). Measured, never asserted: the target is < 200 ms.
 */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = parseScale(flag("scale") ?? "100k");
const seed = Number(flag("seed") ?? 2026);
const samples = Number(flag("samples") ?? 30);
const TARGET_MS = 200;

/** The built CLI, waiting up to a minute while a parallel build replaces apps/sync/dist. */
async function builtCli(): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return cliPath();
    } catch (error) {
      if (i >= 120) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Start `omnibridge ui --port 0` and wait for the URL it prints. */
async function startUi(
  config: string,
  state: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [await builtCli(), "--config", config, "--state", state, "ui", "--port", "0"], {
    cwd, env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /dashboard: (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => reject(new Error(`omnibridge ui exited with ${code}: ${err.slice(-500)}`)));
  });
}

/** Time `samples` sequential GETs of a page after 3 warm-up requests. */
async function measure(url: string, samples: number): Promise<{ status: number; bytes: number; p50: number; p95: number; max: number }> {
  let status = 0;
  let bytes = 0;
  const times: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const started = performance.now();
    const response = await fetch(url, { redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - started;
    status = response.status;
    bytes = body.length;
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { status, bytes, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}

async function firstMatch(url: string, pattern: RegExp): Promise<string | undefined> {
  return pattern.exec(await (await fetch(url)).text())?.[1];
}

const started = performance.now();
const dir = mkdtempSync(path.join(os.tmpdir(), "ob-bench-dashboard-"));
const state = flag("state") ?? `sqlite:${path.join(dir, "state.db")}`;
// No deliberately broken records: at 100k one breaks a whole Akeneo product-model page (pim-connector), and the products flow must fill the state.
const world = createWorld({ seed, products: scale.products });
const worldRecords = Object.values(world.counts as unknown as Record<string, number>).reduce((a, b) => a + b, 0);
console.log(`dashboard bench: ${scale.label} (${scale.products} products → ${worldRecords} world records), state ${state.replace(/\/\/[^@/]*@/, "//")}`);
const systems = await startSystems({ world, rateLimits: { hubspot: HUBSPOT_LIMIT } });
let ui: ChildProcess | undefined;
try {
  const config = writeConfig({ dir, systems: systems.config, flows: benchFlows(), pageSize: 200 });
  const run = (label: string) => runCli({ args: ["run", "--json"], config, state, env: systems.env, cwd: dir }).then((r) => {
    console.log(`  ${label}: exit ${r.code} in ${(r.wallMs / 1000).toFixed(1)} s`);
    const summary = /^\{[\s\S]*\}\s*$/.test(r.stdout) ? (JSON.parse(r.stdout) as { flows?: Array<Record<string, unknown>> }) : {};
    for (const f of summary.flows ?? []) console.log(`    ${String(f.flow).padEnd(14)} ${String(f.status).padEnd(7)} read ${String(f.read).padStart(7)} written ${String(f.written).padStart(7)}${f.error ? ` ${String(f.error).slice(0, 120)}` : ""}`);
    if (r.code !== 0 && r.code !== 1) throw new Error(`omnibridge run failed (exit ${r.code}): ${r.stderr.slice(-500)} ${r.stdout.slice(-500)}`);
  });
  await run("full sync");
  await systems.apply(mutateWorld(world, { changeRate: 0.01 }).changes);
  await run("1 % changed, second run");
  const dashboard = await startUi(config, state, systems.env, dir);
  ui = dashboard.child;
  const base = dashboard.url;
  const overview = await (await fetch(base)).text();
  const golden = /<span class="n">([\d,]+)<\/span> golden records/.exec(overview)?.[1] ?? "?";
  const runId = /href="\/runs\/(\d+)"/.exec(overview)?.[1] ?? "1";
  // A product the state holds (one the 1 % change deleted, or an invalid one, has no page): the first of the middle ones that answers.
  let product = "";
  for (let i = Math.floor(scale.products / 2); i < Math.floor(scale.products / 2) + 50 && !product; i++) {
    const key = world.productAt(i)?.key;
    if (key && (await fetch(new URL(`/records/product/${encodeURIComponent(key)}`, base))).status === 200) product = key;
  }
  const customer = [...world.customers()][7]!.key;
  const hubspotId = await firstMatch(new URL(`/records/customer/${encodeURIComponent(customer)}`, base).href, /<th scope="row">hubspot<\/th><td><code>([^<]+)<\/code>/);
  const flow = await firstMatch(new URL("/dead-letters", base).href, /id="f-flow" name="flow"><option value="">any<\/option>\s*<option value="([^"]+)">/);
  const pages: Array<[string, string]> = [
    ["overview", "/"], ["runs", "/runs"], [`run #${runId}`, `/runs/${runId}`], ["dead letters (open)", "/dead-letters"],
    [`dead letters (flow ${flow ?? "-"})`, `/dead-letters?flow=${encodeURIComponent(flow ?? "")}`], ["dead letters (all, newest 200)", "/dead-letters?status=all"],
    ["search by canonical key", `/records?q=${encodeURIComponent(product)}`], ["search by HubSpot id", `/records?q=${encodeURIComponent(hubspotId ?? "none")}`],
    ["record (product)", `/records/product/${encodeURIComponent(product)}`], ["record (customer)", `/records/customer/${encodeURIComponent(customer)}`],
    ["segments", "/segments"], ["rate budgets", "/budgets"], ["systems (checks cached 30 s)", "/systems"],
  ];
  const results = [];
  for (const [label, pathname] of pages) {
    const figure = await measure(new URL(pathname, base).href, samples);
    results.push({ page: label, path: pathname, ...figure });
    console.log(`  ${label.padEnd(34)} ${String(figure.status)}  p50 ${figure.p50.toFixed(1).padStart(6)} ms  p95 ${figure.p95.toFixed(1).padStart(6)} ms  max ${figure.max.toFixed(1).padStart(6)} ms`);
  }
  const machine = machineInfo();
  const command = `pnpm --filter @omnibridge/bench bench:dashboard -- --scale ${scale.label} --samples ${samples} --seed ${seed}${flag("state") ? " --state <url>" : ""}`;
  const slowest = Math.max(...results.map((r) => r.p95));
  const md = [
    `## Dashboard page answer times (${scale.label}: ${worldRecords} world records, ${golden} golden records, ${state.startsWith("postgres") ? "PostgreSQL" : "SQLite"} state)`,
    "", `\`${command}\` · ${samples} sequential requests per page after 3 warm-ups · target < ${TARGET_MS} ms`, "",
    mdTable(["page", "status", "p50 ms", "p95 ms", "max ms", "KiB"], results.map((r) => [r.page, r.status, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), (r.bytes / 1024).toFixed(1)])),
    "", `Slowest p95: ${slowest.toFixed(1)} ms (${slowest < TARGET_MS ? "under" : "OVER"} the ${TARGET_MS} ms target). Machine: ${JSON.stringify(machine)}.`,
    `Bench wall time ${((performance.now() - started) / 1000).toFixed(0)} s (mostly the two syncs that fill the state).`, "",
  ].join("\n");
  const files = writeReport("dashboard-", md, { command, machine, scale, worldRecords, golden, state: state.startsWith("postgres") ? "postgres" : "sqlite", results });
  console.log(`\n${md}\nreport: ${files.md}`);
} finally {
  ui?.kill("SIGTERM");
  await systems.stop();
  rmSync(dir, { recursive: true, force: true });
}
