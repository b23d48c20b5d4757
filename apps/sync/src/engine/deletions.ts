import type { DeadLetterInput } from "../state";
import type { BoundTarget, FlowContext } from "./types";

/** Outcome of applying held deletions. */
export type DeletionResult = { status: "ok"; archived: number } | { status: "guarded"; held: number; known: number; maxShare: number };

/**
 * Archive records whose source deleted them, on every target that can archive, unless they
 * exceed `maxShare` of the flow's known records: then nothing is archived and the deletions
 * stay held for the next run (raise the share or fix the source).
 *
 * Only what a target confirmed is recorded: a failed archive is an `archive` dead letter, that
 * target's projection stays live, and the key is neither tombstoned nor released — it stays
 * held, so the next run (or `dlq replay`) archives it again.
 */
export async function applyDeletions(ctx: FlowContext, maxShare: number): Promise<DeletionResult> {
  const { flow } = ctx;
  const all = await ctx.store.repos.runs.heldDeletions(flow.name);
  if (all.length === 0) return { status: "ok", archived: 0 };
  const live = await ctx.store.repos.golden.load(flow.source.entity, all);
  const held = all.filter((key) => live.get(key)?.deletedAt === null);
  const known = await ctx.store.repos.golden.count(flow.source.entity);
  if (held.length > maxShare * known) return { status: "guarded", held: held.length, known, maxShare };
  return ctx.store.transaction(async (repos) => {
    const now = ctx.now();
    const failed = new Set<string>();
    for (const target of ctx.targets) {
      for (const key of held) ctx.changes?.push({ flow: flow.name, system: target.system, entity: target.entity, key, op: "archive", fields: [] });
      if (!target.canArchive) continue;
      const stored = await repos.targets.projections(target.system, target.entity, held);
      const keys = held.filter((k) => stored.has(k) && stored.get(k)!.archivedAt === null);
      const result = await archiveOnTarget(ctx, target, keys);
      await repos.targets.archiveProjections(target.system, target.entity, result.archived, now);
      await repos.deadLetters.resolveRecords(flow.name, target.system, "archive", result.archived, now);
      for (const letter of result.letters) {
        await repos.deadLetters.add(letter, now);
        failed.add(letter.recordKey);
      }
      ctx.newDeadLetters.push(...result.letters);
      ctx.counts.archived += result.archived.length;
      ctx.counts.failed += result.letters.length;
    }
    // Tombstone what every archiving target confirmed; release the rest of the held keys (already tombstoned or never live).
    await repos.golden.tombstone(flow.source.entity, held.filter((k) => !failed.has(k)), now);
    await repos.runs.releaseDeletions(flow.name, all.filter((k) => !failed.has(k)));
    return { status: "ok" as const, archived: ctx.counts.archived };
  });
}

/** Archive `keys` on one target in its batch size: the keys it confirmed, and a letter per failure. */
async function archiveOnTarget(
  ctx: FlowContext,
  target: BoundTarget,
  keys: readonly string[],
): Promise<{ archived: string[]; letters: DeadLetterInput[] }> {
  const archived: string[] = [];
  const letters: DeadLetterInput[] = [];
  for (let i = 0; i < keys.length; i += target.maxBatchSize) {
    const batch = keys.slice(i, i + target.maxBatchSize);
    const outcomes = ctx.dryRun ? batch.map((key) => ({ key, status: "archived" as const, issue: undefined })) : await target.connector.archive(target.entity, batch);
    const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
    for (const key of batch) {
      const outcome = byKey.get(key);
      if (outcome && outcome.status !== "failed") {
        archived.push(key);
        continue;
      }
      // A key the target did not answer for is not archived either: it is a failure, never a silent success.
      const issue = outcome?.issue;
      letters.push({
        runId: ctx.runId, flow: ctx.flow.name, system: target.system, entity: target.entity, recordKey: key, stage: "archive",
        reason: issue?.reason ?? "protocol", field: issue?.field, vendorCode: issue?.vendorCode,
        message: `archive failed: ${outcome ? (issue?.message ?? "no reason given") : `${target.system} returned no outcome for this key`}`,
      });
    }
  }
  return { archived, letters };
}
