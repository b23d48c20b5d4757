import { canonicalJson, type ConnectorMetrics, type ConnectorV1, type GoldenRecord } from "@omnibridge/core-model";
import type { FlowExtension } from "../../engine/extension";
import type { FlowContext } from "../../engine/types";
import type { Repos } from "../../state";
import { dashboardDb } from "./tables";

/** The last metrics recorded per connector (connectors are shared by the flows of a process). */
const recorded = new WeakMap<ConnectorV1, ConnectorMetrics>();

/** The minute a time falls in, as an ISO string (`2030-01-02T03:04:00.000Z`). */
export function windowOf(iso: string): string {
  return `${iso.slice(0, 16)}:00.000Z`;
}

function connectorsOf(ctx: FlowContext): Array<{ system: string; connector: ConnectorV1 }> {
  const all = [
    { system: ctx.flow.source.system, connector: ctx.source },
    ...ctx.targets.map((t) => ({ system: t.system, connector: t.connector })),
    ...ctx.extraConnectors.map((connector) => ({ system: connector.system, connector })),
  ];
  return [...new Map(all.map((c) => [c.connector, c])).values()];
}

/** Save the flow's counts so far (committed with the page: another process sees a run's progress). */
async function saveProgress(ctx: FlowContext, repos: Repos, now: string): Promise<void> {
  const c = ctx.counts;
  const values = { read: c.read, changed: c.changed, written: c.written, skipped: c.skipped, failed: c.failed, updated_at: now };
  await dashboardDb(repos.db).insertInto("dashboard_progress").values({ run_id: ctx.runId, flow: ctx.flow.name, pages: 1, ...values })
    .onConflict((oc) => oc.columns(["run_id", "flow"]).doUpdateSet((eb) => ({ ...values, pages: eb("dashboard_progress.pages", "+", 1) })))
    .execute();
}

/** Add the requests each of the flow's connectors made since the last record to the current minute of its system. */
async function saveRequests(ctx: FlowContext, repos: Repos, now: string): Promise<void> {
  const window = windowOf(now);
  for (const { system, connector } of connectorsOf(ctx)) {
    const after = connector.metrics();
    const before = recorded.get(connector) ?? { requests: 0, retries: 0, rateLimited: 0 };
    recorded.set(connector, after);
    const delta = {
      requests: after.requests - before.requests,
      retries: after.retries - before.retries,
      rate_limited: after.rateLimited - before.rateLimited,
    };
    if (delta.requests === 0 && delta.retries === 0 && delta.rate_limited === 0) continue;
    await dashboardDb(repos.db).insertInto("dashboard_requests").values({ system, window_start: window, run_id: ctx.runId, ...delta })
      .onConflict((oc) => oc.columns(["system", "window_start", "run_id"]).doUpdateSet((eb) => ({
        requests: eb("dashboard_requests.requests", "+", delta.requests),
        retries: eb("dashboard_requests.retries", "+", delta.retries),
        rate_limited: eb("dashboard_requests.rate_limited", "+", delta.rate_limited),
      }))).execute();
  }
}

/** Remember the field values a page replaces (first values stay on the golden record itself). */
async function saveHistory(ctx: FlowContext, repos: Repos, goldens: readonly GoldenRecord[]): Promise<void> {
  if (goldens.length === 0) return;
  const before = await repos.golden.load(ctx.flow.source.entity, goldens.map((g) => g.key));
  const now = ctx.now();
  const rows = [];
  for (const golden of goldens) {
    const previous = before.get(golden.key);
    if (!previous) continue;
    for (const [field, old] of Object.entries(previous.fields)) {
      const next = golden.fields[field];
      if (next && next.source === old.source && canonicalJson(next.value) === canonicalJson(old.value)) continue;
      rows.push({
        entity: golden.entity, key: golden.key, field, old_value: canonicalJson(old.value ?? null), old_source: old.source, old_at: old.at,
        new_source: next?.source ?? "(removed)", new_at: next?.at ?? now, run_id: ctx.runId, recorded_at: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200) await dashboardDb(repos.db).insertInto("dashboard_field_history").values(rows.slice(i, i + 200)).execute();
}

/**
 * What the dashboard adds to every flow, inside each page's transaction: replaced field values
 * (before the golden records are saved), and after the writes the flow's progress and the requests
 * per system and minute (a connector's first record counts from its creation).
 */
export function recordingHooks(): FlowExtension {
  return {
    hooks: {
      merged: (ctx, repos, goldens) => saveHistory(ctx, repos, goldens),
      afterWrites: async (ctx, repos) => {
        const now = ctx.now();
        await saveProgress(ctx, repos, now);
        await saveRequests(ctx, repos, now);
      },
    },
  };
}
