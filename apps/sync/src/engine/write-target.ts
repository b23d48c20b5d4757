import { entitySchemas, issuesFromZod, isConnectorError, type AnyEntity, type GoldenRecord } from "@omnibridge/core-model";
import type { DeadLetterInput, Repos } from "../state";
import { runLimited } from "./pipeline";
import { changedFields, project, type Projection } from "./projection";
import type { BoundTarget, FlowContext, TargetWrite } from "./types";

export type { TargetWrite } from "./types";

/**
 * Project golden records for a target, skip those whose hash equals the last written one,
 * validate the rest against the target entity's schema and write them in the target's batch size.
 */
export async function writeToTarget(
  ctx: FlowContext,
  repos: Repos,
  target: BoundTarget,
  goldens: readonly GoldenRecord[],
): Promise<TargetWrite> {
  const result: TargetWrite = { saved: [], ids: [], letters: [], succeeded: [] };
  const live = goldens.filter((g) => Object.keys(g.fields).length > 0);
  const projections = live.map((g) => project(g, target, target.role, ctx.ownership));
  const stored = await repos.targets.projections(target.system, target.entity, projections.map((p) => p.key));
  const pending: Array<{ projection: Projection; record: AnyEntity }> = [];
  for (const projection of projections) {
    const previous = stored.get(projection.key);
    if (previous && previous.hash === projection.hash && previous.archivedAt === null) {
      ctx.counts.skipped++;
      continue;
    }
    ctx.counts.changed++;
    ctx.changes?.push({
      flow: ctx.flow.name, system: target.system, entity: target.entity, key: projection.key,
      op: previous && previous.archivedAt === null ? "update" : "create", fields: changedFields(previous?.body, projection.body),
    });
    const parsed = entitySchemas[target.entity].safeParse(projection.record);
    if (!parsed.success) {
      const issue = issuesFromZod(projection.key, parsed.error)[0]!;
      ctx.counts.failed++;
      result.letters.push(letter(ctx, target, projection, "validate", issue.reason, issue.message, issue.field));
      continue;
    }
    pending.push({ projection, record: parsed.data as AnyEntity });
  }
  // Batches of the target's size, up to its declared write concurrency in flight: its rate budget,
  // not this loop, paces them. Each batch collects its own outcomes; they merge in batch order.
  const batches: Array<typeof pending> = [];
  for (let i = 0; i < pending.length; i += target.maxBatchSize) batches.push(pending.slice(i, i + target.maxBatchSize));
  const parts = await runLimited(batches, target.writeConcurrency, async (batch) => {
    const part: TargetWrite = { saved: [], ids: [], letters: [], succeeded: [] };
    await writeBatch(ctx, target, batch, part);
    return part;
  });
  for (const part of parts) {
    result.saved.push(...part.saved);
    result.ids.push(...part.ids);
    result.letters.push(...part.letters);
    result.succeeded.push(...part.succeeded);
  }
  return result;
}

async function writeBatch(
  ctx: FlowContext,
  target: BoundTarget,
  batch: Array<{ projection: Projection; record: AnyEntity }>,
  result: TargetWrite,
): Promise<void> {
  if (ctx.dryRun) {
    for (const { projection } of batch) result.saved.push({ key: projection.key, hash: projection.hash, body: projection.body });
    return;
  }
  // A stop request abandons the page: throwing inside its transaction rolls back everything it
  // recorded, so no outcome of an aborted write becomes a dead letter and the checkpoint stays.
  ctx.signal?.throwIfAborted();
  const outcomes = await target.connector.write(target.entity, batch.map((b) => b.record), ctx.signal ? { signal: ctx.signal } : {});
  ctx.signal?.throwIfAborted();
  // Outcomes are matched by key only, never by position: an adapter that reorders, drops or renames
  // outcomes must not turn one record's success into another's.
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  for (const { projection } of batch) {
    const outcome = byKey.get(projection.key);
    if (!outcome) {
      ctx.counts.failed++;
      result.letters.push(letter(ctx, target, projection, "write", "protocol", `${target.system} returned no outcome for key "${projection.key}" (outcomes must carry the record's key)`));
      continue;
    }
    if (outcome.status === "failed") {
      ctx.counts.failed++;
      const issue = outcome.issue;
      result.letters.push(letter(ctx, target, projection, "write", issue?.reason ?? "protocol", issue?.message ?? "the target gave no reason", issue?.field, issue?.vendorCode));
      continue;
    }
    ctx.counts.written++;
    result.succeeded.push(projection.key);
    result.saved.push({ key: projection.key, hash: projection.hash, body: projection.body });
    if (outcome.externalId) {
      result.ids.push({ entity: target.entity, key: projection.key, system: target.system, externalId: outcome.externalId });
    }
  }
}

function letter(
  ctx: FlowContext, target: BoundTarget, projection: Projection, stage: "validate" | "write",
  reason: string, message: string, field?: string, vendorCode?: string,
): DeadLetterInput {
  return {
    runId: ctx.runId, flow: ctx.flow.name, system: target.system, entity: target.entity, recordKey: projection.key, stage, reason,
    field, message, vendorCode, payload: projection.record,
  };
}

/** True when an error means the system cannot be reached or refuses our credentials. */
export function isUnreachable(error: unknown): boolean {
  return isConnectorError(error) && ["network", "timeout", "unavailable", "unauthorized", "forbidden", "rate_limited"].includes(error.reason);
}
