import type { SkippedCount } from "@omnibridge/core-model";

/** Examples kept per skip reason (vendor ids, never secrets). */
const MAX_EXAMPLES = 5;

/** Counts vendor records of a page deliberately not delivered as items of their own, per reason. */
export class SkipCounter {
  private readonly counts = new Map<string, SkippedCount>();

  /** Count `count` records skipped for `reason`, remembering a few ids. */
  add(reason: string, count: number, examples: readonly string[] = []): void {
    if (count <= 0) return;
    const entry = this.counts.get(reason) ?? { reason, count: 0, examples: [] };
    entry.count += count;
    for (const id of examples) if (entry.examples!.length < MAX_EXAMPLES) entry.examples!.push(id);
    this.counts.set(reason, entry);
  }

  /** The counts, or undefined when nothing was skipped. */
  list(): SkippedCount[] | undefined {
    return this.counts.size ? [...this.counts.values()] : undefined;
  }
}
