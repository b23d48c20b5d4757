import type { ProgressEvent } from "../engine";

/**
 * A progress line per flow on stderr (TTY only): a bar against the flow's largest read in
 * recent runs (an estimate; a first run shows counts only), updated after every page.
 */
export function createProgress(stream: NodeJS.WriteStream, expected: Record<string, number>): ((event: ProgressEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const started = new Map<string, number>();
  return (event) => {
    if (event.type === "flow-start") {
      started.set(event.flow, performance.now());
      return;
    }
    const c = event.counts;
    const total = expected[event.flow];
    const ratio = event.type === "flow-end" ? 1 : total ? Math.min(0.99, c.read / total) : undefined;
    const bar = ratio === undefined ? "" : `${"█".repeat(Math.round(ratio * 20)).padEnd(20, "░")} ${String(Math.round(ratio * 100)).padStart(3)}% `;
    const secs = ((performance.now() - (started.get(event.flow) ?? performance.now())) / 1000).toFixed(1);
    const text = `${event.flow.padEnd(16)} ${bar}read ${c.read} · changed ${c.changed} · written ${c.written} · failed ${c.failed} · ${secs} s`;
    stream.write(`\r\x1b[2K${text}${event.type === "flow-end" ? "\n" : ""}`);
  };
}
