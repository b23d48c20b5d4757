import { ConnectorError, type AnyEntity, type ConnectorV1, type Page } from "@omnibridge/core-model";
import type { FlowResult } from "../state";
import { connectorsOf } from "./bind";
import { applyDeletions } from "./deletions";
import { applyPage } from "./page";
import { readAhead } from "./pipeline";
import type { FlowContext, ProgressEvent } from "./types";
import { isUnreachable } from "./write-target";

/** Why a flow stopped early. */
export type FlowStop = "unreachable" | "guarded" | "failed" | undefined;

/** Options of {@link runFlow}. */
export interface RunFlowOptions {
  full: boolean;
  maxDeletionShare: number;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/** Stream a flow's source page by page from its checkpoint, apply each page, then held deletions. */
export async function runFlow(ctx: FlowContext, options: RunFlowOptions): Promise<{ result: FlowResult; stop: FlowStop }> {
  const started = performance.now();
  const unique = connectorsOf(ctx);
  const before = unique.map((c) => c.metrics());
  let stop: FlowStop;
  let error: string | undefined;
  let status: FlowResult["status"] = ctx.dryRun ? "dry-run" : "ok";
  try {
    const cursor = options.full ? null : await ctx.store.repos.golden.checkpoint(ctx.flow.name);
    const read = ctx.source.read(ctx.flow.source.entity, {
      cursor, pageSize: ctx.flow.pageSize, ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    // One page ahead: the next page is read while this one is merged, written and checkpointed.
    for await (const page of readAhead(read as AsyncIterable<Page<AnyEntity>>)) {
      await applyPage(ctx, page);
      options.onProgress?.({ type: "page", flow: ctx.flow.name, counts: { ...ctx.counts } });
    }
    const deletion = await applyDeletions(ctx, options.maxDeletionShare);
    if (deletion.status === "guarded") {
      stop = "guarded";
      status = "guarded";
      error = `deletion guard: ${deletion.held} deletions exceed ${Math.round(deletion.maxShare * 100)}% of ${deletion.known} known ${ctx.flow.source.entity} records; nothing archived`;
    }
  } catch (caught) {
    stop = isUnreachable(caught) ? "unreachable" : "failed";
    status = "failed";
    error = describe(caught);
  }
  addMetrics(ctx, unique, before);
  ctx.counts.durationMs = performance.now() - started;
  return { result: { flow: ctx.flow.name, status, ...ctx.counts, error }, stop };
}

function addMetrics(ctx: FlowContext, connectors: ConnectorV1[], before: ReturnType<ConnectorV1["metrics"]>[]): void {
  connectors.forEach((c, i) => {
    const after = c.metrics();
    ctx.counts.requests += after.requests - before[i]!.requests;
    ctx.counts.retries += after.retries - before[i]!.retries;
  });
}

/** A one-line, secret-free description of a failure. */
export function describe(error: unknown): string {
  if (ConnectorError.is(error)) return `${error.system ?? "connector"}: ${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
