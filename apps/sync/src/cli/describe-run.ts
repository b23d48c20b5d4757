import type { RunSummary } from "../engine";
import { flowTable } from "./format";

/** A readable account of a run: table, dead letters, changes of a dry run, where to look. */
export function describeRun(summary: RunSummary): string {
  const lines = [
    `${summary.dryRun ? "Dry run" : "Run"} #${summary.runId}: ${summary.status} (exit ${summary.exitCode})${summary.full ? ", full re-read" : ""}`,
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
  if (summary.deadLetters.length > 0) lines.push("", `${summary.deadLetters.length} records went to the dead-letter store: omnibridge dlq list`);
  lines.push("", `State: ${summary.state}${summary.dryRun ? " (dry run: nothing written, no state kept)" : ""}`);
  return lines.join("\n");
}
