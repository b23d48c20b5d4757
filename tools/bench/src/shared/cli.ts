import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Path of the built `omnibridge` CLI (apps/sync/dist/cli.js); throws with the build command when missing. */
export function cliPath(): string {
  const file = path.join(path.dirname(require.resolve("@omnibridge/sync/package.json")), "dist", "cli.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm turbo run build --filter=@omnibridge/sync...`);
  return file;
}

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-preload.mjs");

/** Resource usage of the sync process, written by its exit hook. */
export interface ProcessUsage {
  maxRssKb: number;
  userCpuUs: number;
  systemCpuUs: number;
}

/** Outcome of one CLI invocation. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Undefined when the process was killed (no exit hook runs on SIGKILL). */
  usage: ProcessUsage | undefined;
  /** Died of the SIGKILL sent at `killAfterMs`. */
  killed: boolean;
  /** The signal sent at `killAfterMs`, when the process was still running then. */
  signalled?: NodeJS.Signals;
  /** Still running `graceMs` after a non-KILL signal, so SIGKILLed. */
  escalated?: boolean;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  args: string[];
  config: string;
  state: string;
  env: Record<string, string>;
  cwd: string;
  /** Signal the process after this many ms (if still running). */
  killAfterMs?: number;
  /** The signal sent at `killAfterMs` (default SIGKILL). */
  killSignal?: NodeJS.Signals;
  /** After a signal other than SIGKILL: SIGKILL the process if it still runs this many ms later (default 30 000). */
  graceMs?: number;
}

/** Spawn `omnibridge --config … --state … <args>` as a child process and wait for it. */
export function runCli(options: RunCliOptions): Promise<CliResult> {
  const usageFile = path.join(options.cwd, `usage-${process.pid}-${Date.now()}.json`);
  const started = performance.now();
  // OB_BENCH_CHILD_IMPORTS: extra `--import` modules for the CLI child (e.g. a resolve hook that tries a patched package).
  const extra = (process.env.OB_BENCH_CHILD_IMPORTS ?? "").split(",").filter(Boolean).flatMap((m) => ["--import", m]);
  const child = spawn(process.execPath, [...extra, "--import", PRELOAD, cliPath(), "--config", options.config, "--state", options.state, ...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, OMNIBRIDGE_BENCH_USAGE: usageFile, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  let killed = false;
  let signalled: NodeJS.Signals | undefined;
  let escalated = false;
  let grace: NodeJS.Timeout | undefined;
  const killSignal = options.killSignal ?? "SIGKILL";
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalled = killSignal;
    if (killSignal === "SIGKILL") {
      killed = child.kill("SIGKILL");
      return;
    }
    child.kill(killSignal);
    grace = setTimeout(() => {
      escalated = child.kill("SIGKILL");
    }, options.graceMs ?? 30_000);
  }, options.killAfterMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (grace) clearTimeout(grace);
      const wallMs = performance.now() - started;
      const usage = existsSync(usageFile) ? (JSON.parse(readFileSync(usageFile, "utf8")) as ProcessUsage) : undefined;
      rmSync(usageFile, { force: true });
      resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), wallMs, usage,
        killed: killed && signal === "SIGKILL", ...(signalled ? { signalled } : {}), ...(signalled && killSignal !== "SIGKILL" ? { escalated } : {}),
      });
    });
  });
}
