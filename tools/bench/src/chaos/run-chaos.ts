import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorld, type FaultPlan } from "@omnibridge/testkit";
import { runCli, type CliResult } from "../shared/cli";
import { benchFlows, writeConfig } from "../shared/config-file";
import { startSystems, type Systems } from "../shared/systems";
import { matchInvalid, normalizedInHubSpot, scriptsWrittenToHubSpot, warnedKeys, type BadInputRow, type LetterRow } from "./bad-input";
import { expectedProjection } from "./expected";
import { killLoop } from "./kill-loop";
import { scanForSecrets, secretForms, type SecretScan } from "./security";
import { shopLoopPassed, shopLoopPhase, type ShopLoopReport } from "./shop-loop";
import { probeTls, type TlsProbe } from "./tls";
import { vendorFaultPhase, vendorFaultsPassed, type VendorFaultReport } from "./vendor-faults";
import { verifyAkeneoPrices, verifyHubSpot, type TargetCheck } from "./verify";

/** Faults of the chaos run, on every emulator (per request). */
export const CHAOS_FAULTS: FaultPlan = { default: { serverError: 0.05, rateLimited: 0.02, timeout: 0.01, reset: 0.005, malformed: 0.005 } };

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  products: number;
  kills: number;
  seed: number;
  maxKillDelayMs?: number;
  /** Share of the world changed each time a run completes before its kill point (default 0.02). */
  mutationRate?: number;
  /** Also run the bad-input world and the TLS probe (default true). */
  badInput?: boolean;
  tls?: boolean;
  /** Also run the vendor-fault phase: trickled bodies, HTML 200s, a repeated next link, SIGTERM (default true). */
  vendorFaults?: boolean;
  /** Runs stopped with SIGTERM in the vendor-fault phase (default 3). */
  sigterms?: number;
  /** SIGKILLs of the shop order loop phase (Shopware ⇄ Odoo; default 10; 0 skips the phase). */
  shopKills?: number;
  log?: (line: string) => void;
}

/** Everything the chaos suite measured. */
export interface ChaosReport {
  options: Omit<ChaosOptions, "log">;
  faults: FaultPlan;
  kills: number;
  killPointsMs: number[];
  completedBeforeKill: number[];
  revisions: number;
  finalExit: number | null;
  replayed: boolean;
  requestsServed: Record<string, number>;
  targets: TargetCheck[];
  /** Run history after the final run, by status (SIGKILLed runs are marked `crashed` by the next run's start). */
  runStatuses: Record<string, number>;
  /** Runs left `running` after the final run. */
  stuckRunning: number;
  secrets: SecretScan;
  vendorFaults?: VendorFaultReport;
  /** The shop order loop: Shopware orders → Odoo exactly once, ERP shipments back to the shop, under the same faults and kills. */
  shop?: ShopLoopReport;
  badInput?: {
    rows: BadInputRow[];
    exit: number | null;
    targets: TargetCheck[];
    scriptsInTargets: number;
    canaryFired: boolean;
    secrets: SecretScan;
  };
  tls?: TlsProbe[];
  passed: boolean;
}

/** State URL and files of a scratch directory. */
function stateOf(dir: string): { url: string; files: string[] } {
  const db = path.join(dir, "state.db");
  return { url: `sqlite:${db}`, files: [db, `${db}-wal`, `${db}-shm`] };
}

/** Run history and dead letters as the CLI prints them (JSON), for checks and the secret scan. */
async function inspect(systems: Systems, dir: string, config: string, state: string): Promise<{ runs: CliResult; letters: CliResult }> {
  const base = { config, state, env: systems.env, cwd: dir };
  const runs = await runCli({ ...base, args: ["runs", "--json", "-n", "1000"] });
  const letters = await runCli({ ...base, args: ["dlq", "list", "--all", "--json", "-n", "100000"] });
  return { runs, letters };
}

function secretsOf(systems: Systems): string[] {
  const akeneo = systems.akeneo.settings;
  return secretForms(systems.secrets, [[akeneo.clientId, akeneo.secret]]);
}

function texts(results: readonly CliResult[], extra: string[]): Record<string, string> {
  return { "CLI stdout+stderr of every run": [...results.flatMap((r) => [r.stdout, r.stderr]), ...extra].join("\n") };
}

/** Phase 1: faults on every emulator, repeated kill -9, rerun until done; then compare every target with the world. */
async function killPhase(options: ChaosOptions, log: (line: string) => void): Promise<Omit<ChaosReport, "options" | "passed" | "faults">> {
  const world = createWorld({ seed: options.seed, products: options.products });
  const faults = { odoo: CHAOS_FAULTS, akeneo: CHAOS_FAULTS, hubspot: CHAOS_FAULTS };
  const systems = await startSystems({ world, faults, seed: options.seed });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-chaos-"));
  try {
    const config = writeConfig({ dir, systems: systems.config, flows: benchFlows(), extraSettings: { timeoutMs: 1_500 } });
    const state = stateOf(dir);
    const loop = await killLoop({
      systems, world, dir, config, state: state.url, kills: options.kills, seed: options.seed,
      maxDelayMs: options.maxKillDelayMs ?? 6_000, mutationRate: options.mutationRate ?? 0.02, log,
    });
    let replayed = false;
    let { letters } = await inspect(systems, dir, config, state.url);
    const open = (JSON.parse(letters.stdout || "[]") as Array<LetterRow & { status: string }>).filter((l) => l.status === "open");
    if (open.length > 0) {
      log(`  ${open.length} open dead letters after the final run: omnibridge dlq replay`);
      await runCli({ config, state: state.url, env: systems.env, cwd: dir, args: ["dlq", "replay", "--json"] });
      replayed = true;
    }
    const inspected = await inspect(systems, dir, config, state.url);
    letters = inspected.letters;
    const expected = expectedProjection(loop.world);
    const targets = [...verifyHubSpot(systems.hubspot, expected), verifyAkeneoPrices(systems.akeneo, expected)];
    const secrets = scanForSecrets(secretsOf(systems), texts([], [...loop.output, inspected.runs.stdout, letters.stdout]), state.files);
    const runStatuses: Record<string, number> = {};
    for (const row of JSON.parse(inspected.runs.stdout || "[]") as Array<{ status: string }>) runStatuses[row.status] = (runStatuses[row.status] ?? 0) + 1;
    const requestsServed = {
      odoo: systems.odoo.requestCount(), akeneo: systems.akeneo.requestCount(), hubspot: systems.hubspot.server.requestCount(),
    };
    return {
      kills: loop.kills, killPointsMs: loop.killPointsMs, completedBeforeKill: loop.completedRuns, revisions: loop.revisions,
      finalExit: loop.final.code, replayed, requestsServed, targets, runStatuses, stuckRunning: runStatuses.running ?? 0, secrets,
    };
  } finally {
    await systems.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Phase 2: 1 % deliberately broken source records; each must be dead-lettered, nothing else affected, nothing executed. */
async function badInputPhase(options: ChaosOptions, log: (line: string) => void): Promise<NonNullable<ChaosReport["badInput"]>> {
  const world = createWorld({ seed: options.seed + 1, products: options.products, invalidRate: 0.01 });
  const systems = await startSystems({ world, seed: options.seed + 1 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-badinput-"));
  try {
    const config = writeConfig({ dir, systems: systems.config, flows: benchFlows() });
    const state = stateOf(dir);
    const canary = path.join(dir, "canary.txt");
    const run = await runCli({ config, state: state.url, env: { ...systems.env, OMNIBRIDGE_BENCH_CANARY: canary }, cwd: dir, args: ["run", "--json"] });
    log(`  bad-input run: exit ${run.code} in ${(run.wallMs / 1000).toFixed(1)} s`);
    const { runs, letters } = await inspect(systems, dir, config, state.url);
    const rows = matchInvalid(world, JSON.parse(letters.stdout || "[]") as LetterRow[], normalizedInHubSpot(systems.hubspot, warnedKeys(run.stdout)));
    const expected = expectedProjection(world);
    return {
      rows, exit: run.code, targets: [...verifyHubSpot(systems.hubspot, expected), verifyAkeneoPrices(systems.akeneo, expected)],
      scriptsInTargets: scriptsWrittenToHubSpot(systems.hubspot), canaryFired: existsSync(canary) && readFileSync(canary, "utf8").length > 0,
      secrets: scanForSecrets(secretsOf(systems), texts([run], [runs.stdout, letters.stdout]), state.files),
    };
  } finally {
    await systems.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when every check of the report holds. */
export function chaosPassed(report: Omit<ChaosReport, "passed">): boolean {
  const clean = (checks: readonly TargetCheck[]) => checks.every((c) => c.lost === 0 && c.duplicated === 0 && c.wrong === 0);
  const bad = report.badInput;
  const badInputHandled = !bad || (
    clean(bad.targets) && bad.scriptsInTargets === 0 && !bad.canaryFired && bad.secrets.hits.length === 0 &&
    bad.rows.every((r) => r.deadLettered + r.normalized === r.expected)
  );
  return report.kills >= report.options.kills && (report.finalExit === 0 || report.finalExit === 1) && clean(report.targets) &&
    report.stuckRunning === 0 && (!report.vendorFaults || vendorFaultsPassed(report.vendorFaults)) &&
    (!report.shop || shopLoopPassed(report.shop, report.options.shopKills ?? 10)) &&
    report.secrets.hits.length === 0 && badInputHandled && (!report.tls || report.tls.every((t) => t.refused));
}

/** Run the whole chaos suite. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const { log: _log, ...rest } = options;
  log(`chaos: ${options.products} products, ${options.kills} kills, seed ${options.seed}`);
  const kill = await killPhase(options, log);
  const vendorFaults = options.vendorFaults === false ? undefined : await vendorFaultPhase({
    products: options.products, seed: options.seed, ...(options.sigterms === undefined ? {} : { sigterms: options.sigterms }), log,
  });
  const shopKills = options.shopKills ?? 10;
  const shop = shopKills === 0 ? undefined : await shopLoopPhase({
    products: options.products, kills: shopKills, seed: options.seed, faults: CHAOS_FAULTS, log,
  });
  const badInput = options.badInput === false ? undefined : await badInputPhase(options, log);
  const tls = options.tls === false ? undefined : await probeTls();
  const report = {
    options: rest, faults: CHAOS_FAULTS, ...kill,
    ...(vendorFaults ? { vendorFaults } : {}), ...(shop ? { shop } : {}), ...(badInput ? { badInput } : {}), ...(tls ? { tls } : {}),
  };
  return { ...report, passed: chaosPassed(report) };
}
