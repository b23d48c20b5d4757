import { ConnectorSet } from "../compose";
import type { ResolvedConfig, ResolvedFlow } from "../config";
import { DEFAULT_STATE_URL, type DeadLetterInput, type FlowResult, type StateStore } from "../state";
import { bindFlow, contextOf } from "./bind";
import { extensionsOf, openStore, type ExtensionStep, type RunScope } from "./extension";
import { describe, runFlow, type FlowStop } from "./flow-runner";
import { zeroCounts, type ChangeEntry, type FlowContext, type ProgressEvent, type RunWarnings } from "./types";

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, failures: 1, config: 2, unreachable: 3 } as const;

/** Options of {@link runSync}. */
export interface RunOptions {
  /** Flow names to run (default: all, in config order). */
  flows?: readonly string[] | undefined;
  /** Compute and report every change without writing anything or keeping any state. */
  dryRun?: boolean | undefined;
  /** Ignore checkpoints and re-read everything (unchanged records are still skipped by hash). */
  full?: boolean | undefined;
  /** State URL; default the config's, then `OMNIBRIDGE_STATE_URL`, then `.omnibridge/state.db`. */
  stateUrl?: string | undefined;
  /** Collect the list of changes (always on in a dry run). */
  collectChanges?: boolean | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** What a run did. */
export interface RunSummary {
  runId: number;
  status: "ok" | "failed" | "guarded" | "unreachable" | "config" | "interrupted";
  exitCode: number;
  dryRun: boolean;
  full: boolean;
  flows: FlowResult[];
  deadLetters: DeadLetterInput[];
  /** Records delivered with a warning (cleaned markup, a fallback): counted, the first few kept. */
  warnings: RunWarnings;
  changes: ChangeEntry[] | undefined;
  state: string;
}

/** Thrown for unknown flow names: a usage error (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Select flows by name, in config order. */
export function selectFlows(config: ResolvedConfig, names: readonly string[] | undefined): ResolvedFlow[] {
  if (!names || names.length === 0) return config.flows;
  const unknown = names.filter((n) => !config.flows.some((f) => f.name === n));
  if (unknown.length > 0) throw new UsageError(`unknown flow ${unknown.map((n) => `"${n}"`).join(", ")} (flows: ${config.flows.map((f) => f.name).join(", ")})`);
  return config.flows.filter((f) => names.includes(f.name));
}

/** The state URL a run uses. */
export function stateUrlOf(config: ResolvedConfig, override?: string): string {
  return override ?? process.env.OMNIBRIDGE_STATE_URL ?? config.stateUrl ?? DEFAULT_STATE_URL;
}

/** Run flows: one connector per system shared by all flows (one rate budget per account). */
export async function runSync(config: ResolvedConfig, options: RunOptions = {}): Promise<RunSummary> {
  const flows = selectFlows(config, options.flows);
  const store = await openStore(config, stateUrlOf(config, options.stateUrl));
  const connectors = new ConnectorSet(config);
  const dryRun = options.dryRun ?? false;
  const full = options.full ?? false;
  const changes = dryRun || options.collectChanges ? ([] as ChangeEntry[]) : undefined;
  const deadLetters: DeadLetterInput[] = [];
  const warnings: RunWarnings = { count: 0, examples: [], skipped: {} };
  const results: FlowResult[] = [];
  const stops: Array<FlowStop | "config"> = [];
  try {
    const runId = await store.repos.runs.start({ flows: flows.map((f) => f.name), dryRun, full }, new Date().toISOString());
    if (dryRun) await store.enterSandbox();
    const scope: RunScope = { config, store, connectors, runId, dryRun, changes, deadLetters, signal: options.signal };
    // Extension steps run once: before the first flow that needs them, else after the last flow.
    const pending = new Set<ExtensionStep>(extensionsOf(config).flatMap((e) => e.steps ?? []));
    const runStep = async (step: ExtensionStep) => {
      pending.delete(step);
      options.onProgress?.({ type: "flow-start", flow: step.name, expected: undefined });
      const result = await step.run(scope);
      if (!result) return;
      results.push(result);
      stops.push(result.status === "failed" ? "failed" : undefined);
      options.onProgress?.({ type: "flow-end", flow: step.name, counts: result, status: result.status });
    };
    for (const flow of flows) {
      // Aborted (shutdown): no further flow or step starts; the run is recorded as interrupted.
      if (options.signal?.aborted) break;
      for (const step of [...pending]) if (step.runsBefore?.(flow)) await runStep(step);
      options.onProgress?.({ type: "flow-start", flow: flow.name, expected: undefined });
      const { result, stop } = await runOne({
        config, flow, runId, store, connectors, dryRun, full, changes, deadLetters, warnings, options,
      });
      results.push(result);
      stops.push(stop);
      options.onProgress?.({ type: "flow-end", flow: flow.name, counts: result, status: result.status });
    }
    if (!options.signal?.aborted) for (const step of [...pending]) await runStep(step);
    if (dryRun) await store.leaveSandbox();
    const { status, exitCode } = options.signal?.aborted ? { status: "interrupted" as const, exitCode: EXIT.failures } : verdict(stops, results, deadLetters);
    for (const result of results) await store.repos.runs.saveFlow(runId, result);
    const message = results.filter((r) => r.error).map((r) => `${r.flow}: ${r.error}`).join("; ") || null;
    await store.repos.runs.finish(runId, status, exitCode, message, new Date().toISOString());
    return { runId, status, exitCode, dryRun, full, flows: results, deadLetters, warnings, changes, state: store.location };
  } finally {
    await connectors.close();
    await store.close();
  }
}

interface RunOneInput {
  config: ResolvedConfig; flow: ResolvedFlow; runId: number; store: StateStore; connectors: ConnectorSet; dryRun: boolean; full: boolean;
  changes: ChangeEntry[] | undefined; deadLetters: DeadLetterInput[]; warnings: RunWarnings; options: RunOptions;
}

async function runOne(input: RunOneInput): Promise<{ result: FlowResult; stop: FlowStop | "config" }> {
  const { config, flow, connectors } = input;
  let ctx: FlowContext;
  try {
    const bound = await bindFlow(config, connectors, flow);
    ctx = contextOf(bound, {
      runId: input.runId, store: input.store, dryRun: input.dryRun, changes: input.changes, deadLetters: input.deadLetters,
      warnings: input.warnings, signal: input.options.signal,
    });
  } catch (error) {
    return { result: { flow: flow.name, status: "failed", ...zeroCounts(), error: describe(error) }, stop: "config" };
  }
  return runFlow(ctx, { full: input.full, maxDeletionShare: config.deletionGuard.maxShare, onProgress: input.options.onProgress });
}

function verdict(stops: Array<FlowStop | "config">, results: FlowResult[], letters: DeadLetterInput[]): { status: RunSummary["status"]; exitCode: number } {
  if (stops.includes("unreachable")) return { status: "unreachable", exitCode: EXIT.unreachable };
  if (stops.includes("guarded")) return { status: "guarded", exitCode: EXIT.unreachable };
  if (stops.includes("config")) return { status: "config", exitCode: EXIT.config };
  if (stops.includes("failed") || letters.length > 0 || results.some((r) => r.failed > 0)) return { status: "failed", exitCode: EXIT.failures };
  return { status: "ok", exitCode: EXIT.ok };
}
