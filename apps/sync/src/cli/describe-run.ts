import type { RunSummary } from "../engine";
import { UsageError } from "../engine";
import { flowTable } from "./format";

/**
 * How many dead letters a run that completed may leave and still exit 0: a count (`25`) or a
 * share of the records read (`1%`). Default 1%: a few broken source records are normal and are
 * kept, listed and replayable (`omnibridge dlq`), but a surge means something is wrong and must
 * fail the job. `--strict` allows none.
 */
export interface DeadLetterLimit {
  count?: number;
  share?: number;
  /** As given (`1%`, `0`), for messages. */
  text: string;
}

/** The default limit of `run` and `demo`. */
export const DEFAULT_DEAD_LETTER_LIMIT = "1%";

/** Parse `--max-dead-letters` / `--strict`. */
export function parseDeadLetterLimit(raw: string | undefined, strict = false): DeadLetterLimit {
  if (strict) return { count: 0, text: "0 (--strict)" };
  const text = (raw ?? DEFAULT_DEAD_LETTER_LIMIT).trim();
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!match || (match[2] !== "%" && !Number.isInteger(Number(match[1]))) || (match[2] === "%" && Number(match[1]) > 100)) {
    throw new UsageError(`--max-dead-letters must be a whole number of records or a percentage up to 100% (got "${raw}")`);
  }
  return match[2] === "%" ? { share: Number(match[1]) / 100, text } : { count: Number(match[1]), text };
}

/** What a run's outcome means for its reader and its exit code. */
export interface RunOutcome {
  /** `ok`, `completed_with_dead_letters` (within the limit), `too_many_dead_letters`, or the engine's status otherwise. */
  verdict: string;
  /** `ok`, `completed, 3 dead letters`, `failed`, … */
  label: string;
  exitCode: number;
  deadLetters: number;
  limit: string;
}

/**
 * The outcome of a run under a dead-letter limit. The engine calls a run that wrote everything it
 * could but dead-lettered some records `failed` (exit 1); every flow completed, so it reads as
 * `completed, N dead letters` and exits 0 within the limit, 1 above it. Runs that stopped (a flow
 * failed, a system unreachable, the deletion guard, a config error, a signal) keep their status
 * and exit code.
 */
export function outcomeOf(summary: RunSummary, limit: DeadLetterLimit): RunOutcome {
  const deadLetters = summary.deadLetters.length;
  const base = { deadLetters, limit: limit.text };
  const stopped = summary.flows.some((f) => f.status === "failed" || f.error);
  if (summary.status !== "failed" || stopped) return { ...base, verdict: summary.status, label: summary.status, exitCode: summary.exitCode };
  const read = summary.flows.reduce((n, f) => n + f.read, 0);
  const allowed = limit.count ?? Math.floor((limit.share ?? 0) * read);
  const label = `completed, ${deadLetters} dead letter${deadLetters === 1 ? "" : "s"}`;
  if (deadLetters <= allowed) return { ...base, verdict: "completed_with_dead_letters", label, exitCode: 0 };
  return { ...base, verdict: "too_many_dead_letters", label: `${label}: more than --max-dead-letters ${limit.text} allows (${allowed})`, exitCode: 1 };
}

/** A readable account of a run: table, dead letters, changes of a dry run, where to look. */
export function describeRun(summary: RunSummary, outcome?: RunOutcome): string {
  const status = outcome ? `${outcome.label} (exit ${outcome.exitCode})` : `${summary.status} (exit ${summary.exitCode})`;
  const lines = [
    `${summary.dryRun ? "Dry run" : "Run"} #${summary.runId}: ${status}${summary.full ? ", full re-read" : ""}`,
    "",
    flowTable(summary.flows),
  ];
  for (const flow of summary.flows.filter((f) => f.error)) lines.push(`  ${flow.flow}: ${flow.error}`);
  if (summary.dryRun && summary.changes) {
    lines.push("", `Changes a real run would make (${summary.changes.length}):`);
    for (const c of summary.changes.slice(0, 200)) lines.push(`  ${c.op.padEnd(7)} ${c.system}.${c.entity} ${c.key}${c.fields.length ? `  [${c.fields.join(", ")}]` : ""}`);
    if (summary.changes.length > 200) lines.push(`  … ${summary.changes.length - 200} more (use --json for all)`);
  }
  const skips = Object.entries(summary.warnings.skipped).flatMap(([flow, reasons]) => Object.entries(reasons).map(([reason, n]) => `${flow}: ${n} ${reason}`));
  if (skips.length > 0) lines.push("", `Source records not delivered on purpose (counted skips): ${skips.join("; ")}`);
  if (summary.warnings.count > 0) {
    lines.push("", `${summary.warnings.count} records were delivered with a warning, e.g.:`);
    for (const w of summary.warnings.examples.slice(0, 5)) lines.push(`  ${w.flow}: ${w.recordKey}${w.field ? ` ${w.field}` : ""}: ${w.message}`);
  }
  if (summary.deadLetters.length > 0) lines.push("", `${summary.deadLetters.length} records went to the dead-letter store (${reasons(summary)}): omnibridge dlq list`);
  lines.push("", `State: ${summary.state}${summary.dryRun ? " (dry run: nothing written, no state kept)" : ""}`);
  return lines.join("\n");
}

/** `2 read invalid in products, 1 write not_found in shop-stock` — what the dead letters are, by flow, stage and reason. */
function reasons(summary: RunSummary): string {
  const counts = new Map<string, number>();
  for (const l of summary.deadLetters) {
    const key = `${l.stage} ${l.reason} in ${l.flow}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${n} ${key}`).join(", ");
}
