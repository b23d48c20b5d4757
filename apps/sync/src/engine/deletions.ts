import type { FlowContext } from "./types";

/** Outcome of applying held deletions. */
export type DeletionResult = { status: "ok"; archived: number } | { status: "guarded"; held: number; known: number; maxShare: number };

/**
 * Archive records whose source deleted them, on every target that can archive, unless they
 * exceed `maxShare` of the flow's known records: then nothing is archived and the deletions
 * stay held for the next run (raise the share or fix the source).
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
    for (const target of ctx.targets) {
      for (const key of held) ctx.changes?.push({ flow: flow.name, system: target.system, entity: target.entity, key, op: "archive", fields: [] });
      if (!target.canArchive) continue;
      const stored = await repos.targets.projections(target.system, target.entity, held);
      const keys = held.filter((k) => stored.has(k) && stored.get(k)!.archivedAt === null);
      for (let i = 0; i < keys.length; i += target.maxBatchSize) {
        const batch = keys.slice(i, i + target.maxBatchSize);
        const outcomes = ctx.dryRun ? batch.map((key) => ({ key, status: "archived" as const, issue: undefined })) : await target.connector.archive(target.entity, batch);
        for (const outcome of outcomes) {
          if (outcome.status === "failed") {
            ctx.counts.failed++;
            const issue = outcome.issue;
            await repos.deadLetters.add({
              runId: ctx.runId, flow: flow.name, system: target.system, entity: target.entity, recordKey: outcome.key, stage: "write",
              reason: issue?.reason ?? "protocol", field: issue?.field, message: `archive failed: ${issue?.message ?? "no reason given"}`,
            }, now);
          } else ctx.counts.archived++;
        }
        await repos.targets.archiveProjections(target.system, target.entity, batch, now);
      }
    }
    await repos.golden.tombstone(flow.source.entity, held, now);
    await repos.runs.releaseDeletions(flow.name, all);
    return { status: "ok" as const, archived: ctx.counts.archived };
  });
}
