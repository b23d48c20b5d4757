import type { FlowResult, RunRecord } from "../state";
import { UsageError } from "../engine";
import { duration, table } from "./format";
import { print, withStore, type GlobalOptions } from "./context";

/** `omnibridge status`: flows, checkpoints, golden records, projections, open dead letters, last run. */
export async function statusCommand(options: GlobalOptions): Promise<number> {
  return withStore(options, async (store, config) => {
    const checkpoints = await store.repos.golden.checkpoints();
    const golden = await store.repos.golden.counts();
    const projections = await store.repos.targets.countProjections();
    const openLetters = await store.repos.deadLetters.countOpen();
    const [last] = await store.repos.runs.list(1);
    const configured = config?.flows ?? checkpoints.map((c) => ({ name: c.flow, source: { system: "?", entity: "?" }, targets: [], schedule: undefined }));
    const flows = configured.map((f) => ({
      flow: f.name, source: `${f.source.system}.${f.source.entity}`, targets: f.targets.map((t) => `${t.system}.${t.entity}`),
      schedule: f.schedule ?? config?.schedules.find((s) => s.flows.includes(f.name) || s.flows.includes("all"))?.cron ?? null,
      checkpoint: checkpoints.find((c) => c.flow === f.name)?.updatedAt ?? null,
    }));
    const data = { state: store.location, flows, golden, projections, openDeadLetters: openLetters, lastRun: last ?? null };
    print(options, data, () => [
      `State: ${store.location}`, "",
      table(["flow", "source", "targets", "schedule", "checkpoint"], flows.map((f) => [f.flow, f.source, f.targets.join(", ") || "(hub only)", f.schedule ?? "-", f.checkpoint ?? "never"])),
      "", table(["golden entity", "records"], Object.entries(golden).map(([e, n]) => [e, n])),
      "", table(["target", "entity", "live", "archived"], projections.map((p) => [p.system, p.entity, p.live, p.archived])),
      "", `Open dead letters: ${openLetters}`,
      last ? `Last run: #${last.id} ${last.status} at ${last.startedAt}${last.dryRun ? " (dry run)" : ""}` : "No runs yet",
    ].join("\n"));
    return 0;
  });
}

/** `omnibridge runs`: run history with counts per flow. */
export async function runsCommand(options: GlobalOptions & { limit?: string }): Promise<number> {
  return withStore(options, async (store) => {
    const runs = await store.repos.runs.list(Number(options.limit ?? 10));
    const detailed: Array<Omit<RunRecord, "flows"> & { flows: FlowResult[] }> = [];
    for (const run of runs) detailed.push({ ...run, flows: await store.repos.runs.flows(run.id) });
    print(options, detailed, () => detailed.length === 0 ? "No runs yet" : table(
      ["run", "started", "status", "exit", "dry", "flows", "read", "written", "failed", "requests", "duration"],
      detailed.map((r) => [r.id, r.startedAt, r.status, r.exitCode ?? -1, r.dryRun ? "yes" : "", r.flows.length,
        sum(r.flows, "read"), sum(r.flows, "written"), sum(r.flows, "failed"), sum(r.flows, "requests"), duration(sum(r.flows, "durationMs"))]),
    ));
    return 0;
  });
}

function sum<T extends Record<K, number>, K extends string>(rows: readonly T[], key: K): number {
  return rows.reduce((n, r) => n + r[key], 0);
}

/** `omnibridge ids lookup <entity> <key>` or `--system s --external-id x`. */
export async function idsLookupCommand(
  entity: string | undefined,
  key: string | undefined,
  options: GlobalOptions & { system?: string; externalId?: string },
): Promise<number> {
  if (!key && !(options.system && options.externalId)) throw new UsageError("ids lookup needs <entity> <key>, or --system and --external-id");
  return withStore(options, async (store) => {
    const ids = await store.repos.targets.lookup({ entity, key, system: options.system, externalId: options.externalId });
    print(options, ids, () => ids.length === 0 ? "No ids found" : table(["entity", "key", "system", "external id"], ids.map((i) => [i.entity, i.key, i.system, i.externalId])));
    return ids.length === 0 ? 1 : 0;
  });
}
