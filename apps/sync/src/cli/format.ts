import type { FlowResult } from "../state";

/** Render rows as an aligned text table (numbers right-aligned). */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => String(c)))];
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Milliseconds as `850 ms` / `12.3 s` / `2 min 05 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** The per-flow summary table of a run. */
export function flowTable(flows: readonly FlowResult[]): string {
  const rows = flows.map((f) => [
    f.flow, f.status, f.read, f.changed, f.written, f.skipped, f.failed, f.archived, f.requests, f.retries, duration(f.durationMs),
  ]);
  const total = flows.reduce((t, f) => ({
    read: t.read + f.read, changed: t.changed + f.changed, written: t.written + f.written, skipped: t.skipped + f.skipped,
    failed: t.failed + f.failed, archived: t.archived + f.archived, requests: t.requests + f.requests, retries: t.retries + f.retries,
    ms: t.ms + f.durationMs,
  }), { read: 0, changed: 0, written: 0, skipped: 0, failed: 0, archived: 0, requests: 0, retries: 0, ms: 0 });
  if (flows.length > 1) rows.push(["total", "", total.read, total.changed, total.written, total.skipped, total.failed, total.archived, total.requests, total.retries, duration(total.ms)]);
  return table(["flow", "status", "read", "changed", "written", "skipped", "failed", "archived", "requests", "retries", "duration"], rows);
}
