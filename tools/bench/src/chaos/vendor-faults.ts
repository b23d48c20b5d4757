import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorld } from "@omnibridge/testkit";
import { runCli, type CliResult } from "../shared/cli";
import { benchFlows, writeConfig } from "../shared/config-file";
import { seededRandom } from "../shared/rng";
import { SYSTEM_IDS, startSystems, type SystemId } from "../shared/systems";
import { expectedProjection } from "./expected";
import { startFaultProxy, type FaultProxy, type ProxyFaultKind, type ProxyFaultRates } from "./fault-proxy";
import { verifyAkeneoPrices, verifyHubSpot, type TargetCheck } from "./verify";

/** Proxy faults of the vendor-fault phase, per request on every system. */
export const PROXY_FAULTS: ProxyFaultRates = { trickle: 0.02, html200: 0.03 };

/** A run row as `omnibridge runs --json` prints it. */
interface RunRow {
  id: number;
  status: string;
  flows: Array<{ flow: string; status: string; error?: string }>;
}

/** The run that met a repeated `next` link. */
export interface LoopRun {
  exit: number | null;
  wallMs: number;
  /** Still running at the harness's deadline (SIGKILLed): the loop was not caught. */
  hung: boolean;
  maxRssKb: number | undefined;
  /** Its row in the run history. */
  status: string;
  /** Flows that stopped, with their error. */
  failedFlows: Array<{ flow: string; error: string }>;
  /** Failed flows whose error names the repeated link or the page ceiling (the loop guard). */
  guardedFlows: string[];
}

/** One run sent SIGTERM. */
export interface SigtermRun {
  atMs: number;
  exit: number | null;
  wallMs: number;
  /** Status of its row right after it exited (before any other run could mark it). */
  status: string;
  /** Ignored SIGTERM for the grace period and was SIGKILLed. */
  escalated: boolean;
  /** Finished before the signal was due. */
  finishedFirst: boolean;
}

/** What the vendor-fault phase measured. */
export interface VendorFaultReport {
  rates: ProxyFaultRates;
  totalTimeoutMs: number;
  trickleByteMs: number;
  faults: Record<SystemId, { requests: number } & Record<ProxyFaultKind, number>>;
  loop: LoopRun;
  sigterms: SigtermRun[];
  /** Runs with the random faults still on until one exited 0 or 1 (exit codes). */
  faultedRuns: number[];
  /** Exit of the run after the faults were switched off. */
  recoveryExit: number | null;
  replayed: boolean;
  targets: TargetCheck[];
  /** Rows of the whole run history by status. */
  runStatuses: Record<string, number>;
  stuckRunning: number;
}

/** Options of {@link vendorFaultPhase}. */
export interface VendorFaultOptions {
  products: number;
  seed: number;
  /** Runs stopped with SIGTERM (default 3). */
  sigterms?: number;
  rates?: ProxyFaultRates;
  log?: (line: string) => void;
}

const TOTAL_TIMEOUT_MS = 3_000;
const TRICKLE_BYTE_MS = 100;
/** Small pages, so every list has a `next` link to repeat. */
const PAGE_SIZE = 40;
/** A run meeting the loop must end well before this; past it the harness SIGKILLs it and calls it a hang. */
const LOOP_DEADLINE_MS = 180_000;

function rowsOf(result: CliResult): RunRow[] {
  try {
    return JSON.parse(result.stdout || "[]") as RunRow[];
  } catch {
    throw new Error(`omnibridge runs --json printed no JSON: ${result.stderr.slice(0, 300)}`);
  }
}

const GUARD = /repeat|points back|already read|more than \d+ pages|endless|loop/i;

/**
 * Phase 3: the vendor misbehaves in ways the testkit injector cannot play. A fault proxy in front
 * of every emulator trickles bodies and answers HTML 200s at seeded random; one run meets a
 * repeated `next` link (Akeneo and HubSpot lists) and must stop those flows with the loop guard's
 * error instead of reading forever; runs are stopped with SIGTERM and must be recorded as
 * `interrupted`; then the sync must converge: every target equal to the world's projection and
 * no run left `running`.
 */
export async function vendorFaultPhase(options: VendorFaultOptions): Promise<VendorFaultReport> {
  const log = options.log ?? (() => undefined);
  const rates = options.rates ?? PROXY_FAULTS;
  const world = createWorld({ seed: options.seed + 2, products: options.products });
  const systems = await startSystems({ world, seed: options.seed + 2 });
  const proxies: Partial<Record<SystemId, FaultProxy>> = {};
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-vendor-faults-"));
  try {
    for (const [i, id] of SYSTEM_IDS.entries()) {
      proxies[id] = await startFaultProxy({
        target: systems[id].settings.url, seed: options.seed + 10 + i, rates, trickleByteMs: TRICKLE_BYTE_MS,
      });
    }
    const proxied = { ...systems.config };
    for (const id of SYSTEM_IDS) proxied[id] = { ...proxied[id], settings: { ...proxied[id].settings, url: proxies[id]!.url } };
    const config = writeConfig({ dir, systems: proxied, flows: benchFlows(), pageSize: PAGE_SIZE,
      extraSettings: { timeoutMs: 1_500, tls: { totalTimeoutMs: TOTAL_TIMEOUT_MS } },
    });
    const state = `sqlite:${path.join(dir, "state.db")}`;
    const base = { config, state, env: systems.env, cwd: dir };
    const latest = async (): Promise<RunRow | undefined> =>
      rowsOf(await runCli({ ...base, args: ["runs", "--json", "-n", "1"] })).sort((a, b) => b.id - a.id)[0];
    const each = (fn: (p: FaultProxy) => void) => Object.values(proxies).forEach(fn);

    // 1. A vendor repeating its next link.
    each((p) => p.setNextLoop(true));
    const looped = await runCli({ ...base, args: ["run", "--json"], killAfterMs: LOOP_DEADLINE_MS });
    each((p) => p.setNextLoop(false));
    const loopRow = await latest();
    const failedFlows = (loopRow?.flows ?? []).filter((f) => f.status === "failed").map((f) => ({ flow: f.flow, error: f.error ?? "" }));
    const loop: LoopRun = {
      exit: looped.code, wallMs: looped.wallMs, hung: looped.killed, maxRssKb: looped.usage?.maxRssKb, status: loopRow?.status ?? "–",
      failedFlows, guardedFlows: failedFlows.filter((f) => GUARD.test(f.error)).map((f) => f.flow),
    };
    log(`  next-link loop: exit ${loop.exit} in ${(loop.wallMs / 1000).toFixed(1)} s${loop.hung ? " (HUNG: killed at the deadline)" : ""}, ` +
      `row ${loop.status}, guarded flows ${loop.guardedFlows.join(", ") || "none"}, peak RSS ${loop.maxRssKb ?? "?"} kB`);

    // 2. SIGTERM during runs.
    const random = seededRandom(options.seed + 3);
    const sigterms: SigtermRun[] = [];
    for (let i = 0; i < (options.sigterms ?? 3); i++) {
      const at = Math.round(500 + random() * 2_000);
      const r = await runCli({ ...base, args: ["run", "--json"], killAfterMs: at, killSignal: "SIGTERM", graceMs: 20_000 });
      const row = await latest();
      const run: SigtermRun = { atMs: at, exit: r.code, wallMs: r.wallMs, status: row?.status ?? "–", escalated: r.escalated === true, finishedFirst: r.signalled === undefined };
      sigterms.push(run);
      log(`  SIGTERM at ${at} ms: exit ${run.exit}${run.escalated ? " (ignored: SIGKILLed after 20 s)" : ""}${run.finishedFirst ? " (finished before the signal)" : ""}, row ${run.status}`);
    }

    // 3. Converge with trickles and HTML 200s still on, then with the vendor healthy again.
    const faultedRuns: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await runCli({ ...base, args: ["run", "--json"] });
      faultedRuns.push(r.code ?? -1);
      log(`  run under trickles and HTML 200s: exit ${r.code} in ${(r.wallMs / 1000).toFixed(1)} s`);
      if (r.code === 0) break;
    }
    each((p) => p.setRates({}));
    const recovery = await runCli({ ...base, args: ["run", "--json"] });
    log(`  run with the faults off: exit ${recovery.code} in ${(recovery.wallMs / 1000).toFixed(1)} s`);
    const letters = JSON.parse((await runCli({ ...base, args: ["dlq", "list", "--all", "--json", "-n", "100000"] })).stdout || "[]") as Array<{ status: string }>;
    const replayed = letters.some((l) => l.status === "open");
    if (replayed) await runCli({ ...base, args: ["dlq", "replay", "--json"] });

    const expected = expectedProjection(world);
    const targets = [...verifyHubSpot(systems.hubspot, expected), verifyAkeneoPrices(systems.akeneo, expected)];
    const history = rowsOf(await runCli({ ...base, args: ["runs", "--json", "-n", "1000"] }));
    const runStatuses: Record<string, number> = {};
    for (const row of history) runStatuses[row.status] = (runStatuses[row.status] ?? 0) + 1;
    const faults = Object.fromEntries(SYSTEM_IDS.map((id) => [id, proxies[id]!.stats()])) as VendorFaultReport["faults"];
    return {
      rates, totalTimeoutMs: TOTAL_TIMEOUT_MS, trickleByteMs: TRICKLE_BYTE_MS, faults, loop, sigterms, faultedRuns,
      recoveryExit: recovery.code, replayed, targets, runStatuses, stuckRunning: runStatuses.running ?? 0,
    };
  } finally {
    await Promise.allSettled(Object.values(proxies).map((p) => p.stop()));
    await systems.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the phase holds: loop caught, SIGTERMs recorded, nothing lost/duplicated/wrong, nothing left running. */
export function vendorFaultsPassed(report: VendorFaultReport): boolean {
  const clean = report.targets.every((c) => c.lost === 0 && c.duplicated === 0 && c.wrong === 0);
  const loopCaught = !report.loop.hung && report.loop.guardedFlows.length > 0 && report.loop.status !== "running";
  const signalled = report.sigterms.filter((s) => !s.finishedFirst);
  const sigtermsRecorded = signalled.every((s) => !s.escalated && s.status === "interrupted");
  const faulted = Object.values(report.faults).reduce((n, s) => n + s.trickle + s.html200 + s.html200Applied, 0);
  return clean && loopCaught && sigtermsRecorded && report.stuckRunning === 0 && (report.recoveryExit === 0 || report.recoveryExit === 1) &&
    (Object.values(report.rates).every((r) => !r) || faulted > 0);
}
