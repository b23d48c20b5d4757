import { runSync, stateUrlOf, type RunSummary } from "../engine";
import { StateStore } from "../state";
import { configOf, print, type GlobalOptions } from "./context";
import { describeRun, outcomeOf, parseDeadLetterLimit } from "./describe-run";
import { createProgress } from "./progress";
import { onShutdown, signalExitCode } from "../runtime/shutdown";

/** Options of `omnibridge run`. */
export interface RunCommandOptions extends GlobalOptions {
  dryRun?: boolean;
  full?: boolean;
  distributed?: boolean;
  /** Dead letters a completed run may leave and still exit 0: a count or `<n>%` of the records read (default 1%). */
  maxDeadLetters?: string;
  /** Exit 1 on any dead letter. */
  strict?: boolean;
}

/**
 * `omnibridge run [flow…] [--dry-run] [--full] [--max-dead-letters <n|p%>] [--strict]`: returns the
 * exit code. A run whose flows all completed but dead-lettered some records reads `completed, N dead
 * letters` and exits 0 within the limit (1 above it); see {@link outcomeOf}.
 */
export async function runCommand(flows: string[], options: RunCommandOptions): Promise<number> {
  if (options.distributed) return (await import("./distributed-commands")).distributedRunCommand(flows, options);
  const limit = parseDeadLetterLimit(options.maxDeadLetters, options.strict);
  const config = await configOf(options);
  const expected = await expectedReads(config.baseDir, stateUrlOf(config, options.state));
  const progress = options.json ? undefined : createProgress(process.stderr, expected);
  const shutdown = onShutdown((line) => void process.stderr.write(`\n${line}\n`));
  let summary: RunSummary;
  try {
    summary = await runSync(config, {
      flows, dryRun: options.dryRun, full: options.full, stateUrl: options.state, onProgress: progress, signal: shutdown.signal,
    });
  } finally {
    // After a first signal the handlers stay until the process exits: a second one always exits at once.
    if (!shutdown.received()) shutdown.dispose();
  }
  const signal = shutdown.received();
  if (!signal) {
    const outcome = outcomeOf(summary, limit);
    // --json: `status` stays the engine's (as the run history records it); `exitCode` is the process's; `outcome` says why.
    print(options, { ...summary, exitCode: outcome.exitCode, outcome }, () => describeRun(summary, outcome));
    return outcome.exitCode;
  }
  // Stopped by a signal: the run row says so (not `failed`, never left `running`).
  const exitCode = signalExitCode(signal);
  const store = await StateStore.open(stateUrlOf(config, options.state), config.baseDir);
  try {
    await store.repos.runs.interrupt(summary.runId, signal, exitCode, new Date().toISOString());
  } finally {
    await store.close();
  }
  const interrupted = { ...summary, status: "interrupted" as const, exitCode };
  print(options, interrupted, () => describeRun(summary).replace(/^(Dry run|Run) #(\d+): \S+ \(exit \d+\)/, `$1 #$2: interrupted by ${signal} (exit ${exitCode})`));
  return exitCode;
}

async function expectedReads(baseDir: string, url: string): Promise<Record<string, number>> {
  try {
    const store = await StateStore.open(url, baseDir);
    try {
      const out: Record<string, number> = {};
      for (const run of await store.repos.runs.list(5)) {
        for (const f of await store.repos.runs.flows(run.id)) out[f.flow] = Math.max(out[f.flow] ?? 0, f.read);
      }
      return out;
    } finally {
      await store.close();
    }
  } catch {
    return {};
  }
}
