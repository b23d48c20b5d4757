import { bindTarget } from "../../engine/bind";
import { describe } from "../../engine/flow-runner";
import type { RunScope } from "../../engine/extension";
import { zeroCounts, type BoundTarget } from "../../engine/types";
import { toSegmentRecord } from "@omnibridge/segments";
import type { DeadLetterInput, FlowResult } from "../../state";
import { computeSegments, definitionHash, segmentAsOf, type SegmentComputation } from "./segment-compute";
import { marketingOf } from "./marketing-config";
import { segmentsOf } from "./segment-repo";
import { SEGMENT_STEP } from "./segment-names";
import { pushSegments, segmentPush, type PushResult } from "./segment-push";
import { retargetMarketing } from "./segment-retarget";

export { SEGMENT_STEP } from "./segment-names";

/** What the segment step needs from the run: the run's scope (a clock may be given for tests). */
export type SegmentStepInput = Omit<RunScope, "signal"> & { signal?: AbortSignal | undefined; now?: () => Date };

/**
 * The segment step: recompute the config's segments from the golden customers (consent from
 * the CRM) and orders of every channel, keep the membership in state, and push to each segment
 * target only the segments whose members changed. Skipped (nothing read) when no customer or
 * order changed since the last computation and the day and definitions are the same.
 */
export async function runSegmentStep(input: SegmentStepInput): Promise<FlowResult | undefined> {
  const { config } = input;
  if (marketingOf(config).segments.length === 0) return undefined;
  const started = performance.now();
  const counts = zeroCounts();
  const now = input.now ?? (() => new Date());
  const targets: BoundTarget[] = [];
  try {
    for (const system of marketingOf(config).marketing.segmentTargets) targets.push(await bindTarget(input.connectors, SEGMENT_STEP, { system, entity: "segment", mapping: undefined }));
    const before = targets.map((t) => t.connector.metrics());
    await step(input, targets, counts, segmentAsOf(config, now()));
    targets.forEach((t, i) => {
      counts.requests += t.connector.metrics().requests - before[i]!.requests;
      counts.retries += t.connector.metrics().retries - before[i]!.retries;
    });
  } catch (error) {
    return { flow: SEGMENT_STEP, status: "failed", ...counts, durationMs: performance.now() - started, error: describe(error) };
  }
  return { flow: SEGMENT_STEP, status: input.dryRun ? "dry-run" : "ok", ...counts, durationMs: performance.now() - started };
}

async function step(input: SegmentStepInput, targets: BoundTarget[], counts: ReturnType<typeof zeroCounts>, asOf: string): Promise<void> {
  const { config, store } = input;
  const repos = store.repos;
  // Taken before reading: a golden change during the computation makes the next run recompute.
  const computedAt = (input.now ?? (() => new Date()))().toISOString();
  const statuses = new Map((await segmentsOf(repos).statuses()).map((s) => [s.key, s]));
  const lastChange = await segmentsOf(repos).lastPartyChange();
  const fresh = marketingOf(config).segments.every((d) => {
    const s = statuses.get(d.key);
    return s && s.definitionHash === definitionHash(d) && s.asOf === asOf && (lastChange === null || s.computedAt >= lastChange);
  });
  const computation = fresh ? undefined : await computeSegments(config, repos, input.runId, asOf);
  counts.read = computation?.read ?? 0;
  counts.skipped = computation?.skipped ?? 0;
  counts.failed = computation?.letters.length ?? 0;
  const membership = computation ? undefined : await segmentsOf(repos).membership();
  const pushes = marketingOf(config).segments.map((d) => {
    const members = computation?.computer.members(d.key) ?? membership?.[d.key] ?? [];
    return segmentPush(toSegmentRecord(d, members, asOf));
  });
  const ctx = { runId: input.runId, dryRun: input.dryRun, counts, changes: input.changes };
  const results: Array<{ target: BoundTarget; result: PushResult }> = [];
  const letters = [...(computation?.letters ?? [])];
  for (const target of targets) {
    const result = await pushSegments(ctx, repos, target, pushes);
    results.push({ target, result });
    const changed = new Set(input.dryRun ? result.saved.map((r) => r.key) : result.succeeded);
    await retargetMarketing({ ...input, repos, counts, letters }, target.system, changed);
  }
  await persist(input, { asOf, computedAt }, computation, results, letters);
}

/** Keep the computed membership and status, the pushed hashes and the dead letters, atomically. */
async function persist(
  input: SegmentStepInput,
  { asOf, computedAt }: { asOf: string; computedAt: string },
  computation: SegmentComputation | undefined,
  results: Array<{ target: BoundTarget; result: PushResult }>,
  letters: DeadLetterInput[],
): Promise<void> {
  const { config, store } = input;
  await store.transaction(async (tx) => {
    const at = new Date().toISOString();
    for (const [key, diff] of computation?.result.diffs ?? []) await segmentsOf(tx).applyDiff(key, diff.added, diff.removed);
    if (computation) {
      for (const d of marketingOf(config).segments) {
        await segmentsOf(tx).saveStatus({
          key: d.key, name: d.name, purpose: d.purpose, definitionHash: definitionHash(d),
          memberCount: computation.computer.members(d.key).size, asOf, computedAt,
        });
      }
    }
    for (const { target, result } of results) {
      await tx.targets.saveProjections(target.system, "segment", result.saved, at);
      await tx.deadLetters.resolveRecords(SEGMENT_STEP, target.system, "write", result.succeeded, at);
      letters.push(...result.letters);
    }
    for (const letter of letters) await tx.deadLetters.add(letter, at);
    input.deadLetters.push(...letters);
  });
}

/** True when a flow writes promotions or campaigns: segment lists must exist before (they target their members). */
export function needsSegmentsFirst(flow: { targets: ReadonlyArray<{ entity: string }> }): boolean {
  return flow.targets.some((t) => t.entity === "promotion" || t.entity === "campaign");
}
