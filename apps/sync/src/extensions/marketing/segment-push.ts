import { stableHash, type Segment } from "@omnibridge/core-model";
import type { BoundTarget, ChangeEntry } from "../../engine/types";
import type { DeadLetterInput, FlowCounts, Repos } from "../../state";

/** A segment as pushed: the canonical record and the hash of what the CRM must reflect. */
export interface SegmentPush {
  record: Segment;
  hash: string;
}

/** What one target's push did. */
export interface PushResult {
  saved: Array<{ key: string; hash: string; body: unknown }>;
  succeeded: string[];
  letters: DeadLetterInput[];
}

/** Hash of a segment's list content: name, purpose, rules and members (not its computation time). */
export function segmentPush(record: Segment): SegmentPush {
  const { name, purpose, rules, memberKeys } = record;
  return { record, hash: stableHash({ name, purpose, rules, memberKeys }) };
}

interface PushContext {
  runId: number;
  dryRun: boolean;
  counts: FlowCounts;
  changes: ChangeEntry[] | undefined;
}

/**
 * Push the segments whose list content changed since the last successful push to one target
 * (the target itself applies only the member diff: HubSpot adds and removes just those contacts).
 * Unchanged segments are not sent at all.
 */
export async function pushSegments(
  ctx: PushContext,
  repos: Repos,
  target: BoundTarget,
  pushes: readonly SegmentPush[],
): Promise<PushResult> {
  const out: PushResult = { saved: [], succeeded: [], letters: [] };
  const stored = await repos.targets.projections(target.system, "segment", pushes.map((p) => p.record.key));
  const pending = pushes.filter((push) => {
    const previous = stored.get(push.record.key);
    if (previous && previous.hash === push.hash && previous.archivedAt === null) return (ctx.counts.skipped++, false);
    ctx.counts.changed++;
    ctx.changes?.push({ flow: "segments", system: target.system, entity: "segment", key: push.record.key, op: previous ? "update" : "create", fields: ["memberKeys"] });
    return true;
  });
  for (let i = 0; i < pending.length; i += target.maxBatchSize) {
    const batch = pending.slice(i, i + target.maxBatchSize);
    const outcomes = ctx.dryRun ? undefined : await target.connector.write("segment", batch.map((p) => p.record));
    batch.forEach((push, j) => {
      const outcome = outcomes?.[j];
      const body = { name: push.record.name, purpose: push.record.purpose, memberCount: push.record.memberKeys.length };
      if (outcome && outcome.status === "failed") {
        ctx.counts.failed++;
        out.letters.push({
          runId: ctx.runId, flow: "segments", system: target.system, entity: "segment", recordKey: push.record.key, stage: "write",
          reason: outcome.issue?.reason ?? "protocol", field: outcome.issue?.field, message: outcome.issue?.message ?? "no reason given",
          vendorCode: outcome.issue?.vendorCode, payload: push.record,
        });
        return;
      }
      if (!ctx.dryRun) (ctx.counts.written++, out.succeeded.push(push.record.key));
      out.saved.push({ key: push.record.key, hash: push.hash, body });
    });
  }
  return out;
}
