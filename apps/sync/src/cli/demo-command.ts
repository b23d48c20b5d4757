import { rmSync } from "node:fs";
import path from "node:path";
import { createWorld, mutateWorld } from "@omnibridge/testkit";
import { describeRun, outcomeOf, parseDeadLetterLimit } from "./describe-run";
import { print, type GlobalOptions } from "./context";
import { createProgress } from "./progress";
import { onShutdown } from "../runtime/shutdown";
import { BUILTIN_ADAPTERS } from "../compose";
import { resolveConfig, type ResolvedConfig } from "../config";
import { runSync, UsageError, type RunSummary } from "../engine";
import { parseStateUrl } from "../state";
import { defaultFlows } from "../demo/default-flows";
import { DEFAULT_EXTENSIONS } from "../extensions";
import { campaignPlanSystem, marketingConfig } from "../extensions/marketing";
import { startWorldSystems } from "../demo/world-systems";
import { runShopDemo } from "../extensions/shop/demo-shop";

/** Options of `omnibridge demo`. */
export interface DemoOptions extends GlobalOptions {
  products?: string;
  cms?: string;
  seed?: string;
  /** Dead letters each run may leave and still exit 0 (count or `<n>%` of records read; default 1%). */
  maxDeadLetters?: string;
  strict?: boolean;
  /** `--no-ui`: end after the runs instead of serving the dashboard until Ctrl-C. */
  ui?: boolean;
  uiPort?: string;
}

/** Products in the demo world unless `--products` says otherwise. */
export const DEMO_PRODUCTS = 500;

/**
 * The main job in one command: start the world (emulators, and the real WordPress where it
 * starts), run every default flow, mutate 1% of the world, run again, say what moved and where to look.
 * Exits like `omnibridge run` (the worse of the two runs): the world's deliberately broken records
 * (0.2%) dead-letter, which a completed run reports and still exits 0 under the default 1% limit.
 */
export async function demoCommand(options: DemoOptions): Promise<number> {
  const products = Number(options.products ?? DEMO_PRODUCTS);
  const limit = parseDeadLetterLimit(options.maxDeadLetters, options.strict);
  if (!Number.isInteger(products) || products < 10) throw new UsageError("--products must be an integer ≥ 10");
  const cms = (options.cms ?? "both") as "wordpress" | "contentful" | "both";
  if (!["wordpress", "contentful", "both"].includes(cms)) throw new UsageError("--cms must be wordpress, contentful or both");
  const stateUrl = options.state ?? "sqlite:.omnibridge/demo-state.db";
  const target = parseStateUrl(stateUrl);
  if (target.dialect === "sqlite" && !options.state) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target.file}${suffix}`, { force: true });
  const log = (line: string) => void (options.json ? undefined : process.stdout.write(`${line}\n`));
  const world = createWorld({ seed: Number(options.seed ?? 2030), products, invalidRate: 0.002 });
  log(`omnibridge demo: world seed ${world.seed}, ${products} products, ${world.counts.skus} SKUs, ${world.counts.prices} prices, ` +
    `${world.counts.stockLevels} stock levels, ${world.counts.customers} customers, ${world.counts.companies} companies, ${world.counts.orders} orders`);
  const started = performance.now();
  const { host, systems, missing, stop } = await startWorldSystems(world, cms);
  systems.push(campaignPlanSystem(world.campaigns()));
  try {
    for (const s of systems) log(`  ${s.id.padEnd(11)} ${s.how}`);
    for (const m of missing) log(`  not available: ${m}`);
    const ids = new Set(systems.map((s) => s.id));
    const flows = defaultFlows(["wordpress", "contentful"].filter((c) => ids.has(c)), { marketing: true })
      .map((f) => ({ ...f, targets: (f.targets ?? []).filter((t) => ids.has(t.system)) }))
      .filter((f) => ids.has(f.source.system));
    const config = resolveConfig(
      {
        systems: Object.fromEntries(systems.map((s) => [s.id, { adapter: s.adapter, settings: s.settings }])),
        flows,
        state: { url: stateUrl },
        ...marketingConfig(),
      },
      { baseDir: process.cwd(), env: process.env, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS },
    );
    log("\nRun 1: initial sync of every default flow");
    const first = await runSync(config, { onProgress: options.json ? undefined : createProgress(process.stderr, {}) });
    const firstOutcome = outcomeOf(first, limit);
    log(describeRun(first, firstOutcome));
    const { world: next, changes } = mutateWorld(world, { changeRate: 0.01 });
    await host.apply(changes);
    log(`\nMutated 1% of the world: ${changes.upserted.length} records changed, ${changes.deleted.length} deleted (${tally(changes.upserted.map((c) => c.entity))})`);
    log("Run 2: only the changes move");
    const expected = Object.fromEntries(first.flows.map((f) => [f.flow, f.read]));
    const second = await runSync(config, { onProgress: options.json ? undefined : createProgress(process.stderr, expected) });
    const secondOutcome = outcomeOf(second, limit);
    log(describeRun(second, secondOutcome));
    // The sales channel: a real Medusa shop (installed on first use), two orders placed as a shopper,
    // arriving in Odoo once, their shipment status back in the shop. Without a shop: says so, goes on.
    if (ids.has("odoo")) {
      log("\nThe shop order loop (real Medusa 2.18.0)");
      await runShopDemo({ odoo: host.get("odoo"), world, log });
    }
    const elapsed = (performance.now() - started) / 1000;
    const where = whereToLook(stateUrl);
    const report = {
      world: { seed: world.seed, revision: next.revision, counts: world.counts },
      systems, missing, elapsedSeconds: elapsed, where,
      runs: [
        { ...first, exitCode: firstOutcome.exitCode, outcome: firstOutcome },
        { ...second, exitCode: secondOutcome.exitCode, outcome: secondOutcome },
      ],
    };
    print(options, report,
      () => `\nDone in ${elapsed.toFixed(1)} s: run 1 wrote ${written(first)} records, run 2 wrote ${written(second)} after the 1% mutation.\n\nWhere to look:\n${where.map((w) => `  ${w}`).join("\n")}`);
    if (options.ui !== false && !options.json) await serveUntilStopped(config, stateUrl, Number(options.uiPort ?? 4600), log);
    return Math.max(firstOutcome.exitCode, secondOutcome.exitCode);
  } finally {
    await stop();
  }
}

/**
 * The dashboard over the demo's state, with the world's systems still up (checks, replays), until
 * Ctrl-C (SIGINT) or SIGTERM. A port in use is reported, not fatal: the demo's work is done.
 */
async function serveUntilStopped(config: ResolvedConfig, stateUrl: string, port: number, log: (line: string) => void): Promise<void> {
  const { startDashboard } = await import("../extensions/dashboard");
  let dashboard: Awaited<ReturnType<typeof startDashboard>>;
  try {
    dashboard = await startDashboard({ config, stateUrl, port });
  } catch (error) {
    log(`\nDashboard not started: ${error instanceof Error ? error.message : String(error)} (omnibridge ui --state ${stateUrl} --port <other>)`);
    return;
  }
  log(`\nDashboard: ${dashboard.url} — runs, dead letters, golden records with each field's owner. Ctrl-C stops the demo (--no-ui skips this).`);
  const stop = onShutdown(() => undefined);
  try {
    await new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve(), { once: true }));
  } finally {
    stop.dispose();
    await dashboard.close();
  }
}

function written(run: RunSummary): number {
  return run.flows.reduce((n, f) => n + f.written, 0);
}

function tally(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
}

function whereToLook(stateUrl: string): string[] {
  const target = parseStateUrl(stateUrl);
  const relative = target.dialect === "sqlite" ? path.relative(process.cwd(), target.file) : "";
  const state = target.dialect === "sqlite" ? (relative && !relative.startsWith("..") ? relative : target.file) : target.location;
  const flag = `--state ${stateUrl}`;
  return [
    `state:         ${state}`,
    `run history:   omnibridge runs ${flag}`,
    `dead letters:  omnibridge dlq list ${flag}   (invalid source records, and records a target rejected, with reasons)`,
    `id map:        omnibridge ids lookup customer <key> ${flag}`,
  ];
}
