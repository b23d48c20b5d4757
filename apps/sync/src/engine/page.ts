import { mergeByOwnership, type AnyEntity, type GoldenRecord, type Page } from "@omnibridge/core-model";
import type { DeadLetterInput, IdMapping, Repos } from "../state";
import { matchesFilters } from "./filters";
import { MAX_WARNING_EXAMPLES, type BoundTarget, type FlowContext, type TargetWrite } from "./types";
import { writeToTarget } from "./write-target";

/**
 * Apply one source page, atomically: map issues to dead letters, merge items into golden
 * records, write changed projections to each target, then commit golden records, hashes, ids,
 * dead letters and the page cursor in ONE transaction. A crash before the commit re-reads this
 * page and re-upserts idempotently; a crash after it resumes with the next page.
 */
export async function applyPage(ctx: FlowContext, page: Page<AnyEntity>): Promise<void> {
  await ctx.store.transaction(async (repos) => {
    const now = ctx.now();
    const { flow } = ctx;
    // A warning names a record that was delivered anyway (cleaned markup, a fallback label): reported, not dead-lettered.
    const errors = page.issues.filter((issue) => issue.severity !== "warning");
    for (const warning of page.issues.filter((issue) => issue.severity === "warning")) {
      ctx.warnings.count++;
      if (ctx.warnings.examples.length < MAX_WARNING_EXAMPLES) ctx.warnings.examples.push({ ...warning, flow: flow.name });
    }
    // Records the source deliberately did not deliver count as read and skipped, by reason.
    const skipped = (page.skipped ?? []).reduce((sum, skip) => sum + skip.count, 0);
    for (const skip of page.skipped ?? []) {
      const byReason = (ctx.warnings.skipped[flow.name] ??= {});
      byReason[skip.reason] = (byReason[skip.reason] ?? 0) + skip.count;
    }
    ctx.counts.skipped += skipped;
    ctx.counts.read += page.items.length + errors.length + skipped;
    const letters: DeadLetterInput[] = errors.map((issue) => ({
      runId: ctx.runId, flow: flow.name, system: flow.source.system, entity: flow.source.entity, recordKey: issue.recordKey,
      stage: "read", reason: issue.reason, field: issue.field, message: issue.message, vendorCode: issue.vendorCode,
    }));
    ctx.counts.failed += errors.length;
    const matching = page.items.filter((item) => matchesFilters(item, flow.filters));
    ctx.counts.skipped += page.items.length - matching.length;
    let items = matching;
    for (const hooks of ctx.hooks) if (hooks.screen) items = await hooks.screen(ctx, repos, items, letters);
    const { goldens, ids } = await mergeItems(ctx, repos, items);
    for (const hooks of ctx.hooks) await hooks.merged?.(ctx, repos, goldens);
    await repos.golden.save(goldens, now);
    for (const hooks of ctx.hooks) await hooks.saved?.(ctx, repos, goldens);
    const resolved = new Map<string, string[]>();
    for (const [target, result] of await writeTargets(ctx, repos, goldens)) {
      await repos.targets.saveProjections(target.system, target.entity, result.saved, now);
      ids.push(...result.ids);
      letters.push(...result.letters);
      resolved.set(target.system, result.succeeded);
    }
    for (const hooks of ctx.hooks) await hooks.afterWrites?.(ctx, repos, goldens, ids, letters);
    await repos.targets.saveIds(ids, now);
    for (const l of letters) await repos.deadLetters.add(l, now);
    ctx.newDeadLetters.push(...letters);
    await repos.deadLetters.resolveRecords(flow.name, flow.source.system, "read", items.map((i) => i.key), now);
    for (const [system, keys] of resolved) await repos.deadLetters.resolveRecords(flow.name, system, "write", keys, now);
    if (page.deleted.length > 0) await repos.runs.holdDeletions(flow.name, flow.source.entity, page.deleted, now);
    if (page.cursor !== null) await repos.golden.setCheckpoint(flow.name, page.cursor, now);
  });
}

/**
 * Write the page to every target. Targets are independent systems with their own rate budgets, so
 * they are written at the same time — unless an extension watches each write (`written`), whose
 * result may feed the next target (a CMS page id the CRM links to): then one after the other. Every
 * write finishes before the first failure (in target order) is thrown, so none outlives the page.
 */
async function writeTargets(ctx: FlowContext, repos: Repos, goldens: GoldenRecord[]): Promise<Array<[BoundTarget, TargetWrite]>> {
  const out: Array<[BoundTarget, TargetWrite]> = [];
  if (ctx.targets.length > 1 && !ctx.hooks.some((h) => h.written)) {
    const settled = await Promise.allSettled(ctx.targets.map((target) => writeToTarget(ctx, repos, target, goldens)));
    for (const [i, result] of settled.entries()) {
      if (result.status === "rejected") throw result.reason;
      out.push([ctx.targets[i]!, result.value]);
    }
    return out;
  }
  for (const target of ctx.targets) {
    const result = await writeToTarget(ctx, repos, target, goldens);
    for (const hooks of ctx.hooks) hooks.written?.(ctx, target, goldens, result);
    out.push([target, result]);
  }
  return out;
}

async function mergeItems(
  ctx: FlowContext,
  repos: Repos,
  items: readonly AnyEntity[],
): Promise<{ goldens: GoldenRecord[]; ids: IdMapping[] }> {
  const { flow } = ctx;
  const existing = await repos.golden.load(flow.source.entity, items.map((i) => i.key));
  const merged = new Map<string, GoldenRecord>();
  const ids: IdMapping[] = [];
  for (const item of items) {
    const previous = merged.get(item.key) ?? existing.get(item.key);
    const base = previous && "deletedAt" in previous && previous.deletedAt ? undefined : previous;
    const record = item as unknown as Record<string, unknown> & { key: string; updatedAt?: string };
    const source = { system: flow.source.system, role: ctx.sourceRole };
    const { golden } = mergeByOwnership(base, { entity: flow.source.entity, record, source }, ctx.ownership);
    merged.set(item.key, golden);
    for (const [system, externalId] of Object.entries(item.externalIds ?? {})) {
      ids.push({ entity: flow.source.entity, key: item.key, system, externalId });
    }
  }
  return { goldens: [...merged.values()], ids };
}
