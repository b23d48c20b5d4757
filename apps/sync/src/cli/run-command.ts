import { runSync, stateUrlOf, type RunSummary } from "../engine";
import { StateStore } from "../state";
import { configOf, print, type GlobalOptions } from "./context";
import { describeRun } from "./describe-run";
import { createProgress } from "./progress";
import { onShutdown, signalExitCode } from "../runtime/shutdown";

/** `omnibridge run [flow…] [--dry-run] [--full]`: returns the exit code. */
export async function runCommand(
  flows: string[],
  options: GlobalOptions & { dryRun?: boolean; full?: boolean; distributed?: boolean },
): Promise<number> {
  if (options.distributed) return (await import("./distributed-commands")).distributedRunCommand(flows, options);
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
    print(options, summary, () => describeRun(summary));
    return summary.exitCode;
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
