import { ConnectorSet } from "../compose";
import type { ResolvedConfig } from "../config";
import type { DeadLetter, StateStore } from "../state";
import { openStore } from "./extension";
import { bindTarget } from "./bind";
import { applyDeletions } from "./deletions";
import { runSync, stateUrlOf, type RunSummary } from "./run";
import { zeroCounts, type FlowContext } from "./types";
import { writeToTarget } from "./write-target";

/** What a replay did. */
export interface ReplaySummary {
  /** Letters of rejected writes retried from the current golden record. */
  retried: number;
  /** Letters now resolved. */
  resolved: number;
  /** Letters still open. */
  stillOpen: number;
  /** Runs of flows re-read in full because they had invalid source records. */
  reread: RunSummary | undefined;
}

/**
 * Replay dead letters. Rejected writes are retried from the current golden record (so a fix
 * in the source is picked up); invalid source records are re-read by running their flows
 * with `--full` (unchanged records are skipped by hash), which resolves the letters of records
 * that now pass.
 */
export async function replayDeadLetters(
  config: ResolvedConfig,
  options: { ids?: number[]; stateUrl?: string } = {},
): Promise<ReplaySummary> {
  const url = stateUrlOf(config, options.stateUrl);
  const store = await openStore(config, url);
  const connectors = new ConnectorSet(config);
  let retried = 0;
  let letters: DeadLetter[];
  const rereadFlows = new Set<string>();
  try {
    const open = await store.repos.deadLetters.list({ status: "open", limit: 100_000 });
    letters = options.ids?.length ? open.filter((l) => options.ids!.includes(l.id)) : open;
    for (const l of letters) if (l.stage === "read") rereadFlows.add(l.flow);
    const writes = letters.filter((l) => l.stage !== "read" && l.stage !== "archive");
    for (const [group, items] of groupBy(writes, (l) => `${l.flow}\u0000${l.system}`)) {
      retried += items.length;
      await retryGroup(config, store, connectors, group.split("\u0000") as [string, string], items);
    }
    for (const flowName of new Set(letters.filter((l) => l.stage === "archive").map((l) => l.flow))) {
      retried += letters.filter((l) => l.stage === "archive" && l.flow === flowName).length;
      await retryArchives(config, store, connectors, flowName);
    }
  } finally {
    await connectors.close();
    await store.close();
  }
  const reread = rereadFlows.size > 0 ? await runSync(config, { flows: [...rereadFlows], full: true, stateUrl: url }) : undefined;
  const after = await openStore(config, url);
  try {
    const ids = new Set(letters.map((l) => l.id));
    const stillOpen = (await after.repos.deadLetters.list({ status: "open", limit: 100_000 })).filter((l) => ids.has(l.id)).length;
    return { retried, resolved: letters.length - stillOpen, stillOpen, reread };
  } finally {
    await after.close();
  }
}

async function retryGroup(
  config: ResolvedConfig,
  store: StateStore,
  connectors: ConnectorSet,
  [flowName, system]: [string, string],
  letters: DeadLetter[],
): Promise<void> {
  const flow = config.flows.find((f) => f.name === flowName);
  const targetConfig = flow?.targets.find((t) => t.system === system)
    ?? config.flows.flatMap((f) => f.targets).find((t) => t.system === system && t.entity === letters[0]!.entity);
  if (!flow || !targetConfig) return;
  const target = await bindTarget(connectors, flow.name, targetConfig);
  await store.transaction(async (repos) => {
    const now = new Date().toISOString();
    const goldens = [...(await repos.golden.load(target.entity, letters.map((l) => l.recordKey))).values()].filter((g) => !g.deletedAt);
    const ctx = {
      flow, runId: 0, store, ownership: config.ownership, dryRun: false, counts: zeroCounts(), changes: undefined, newDeadLetters: [],
      now: () => now, signal: undefined,
    } as unknown as FlowContext;
    const result = await writeToTarget(ctx, repos, target, goldens);
    await repos.targets.saveProjections(target.system, target.entity, result.saved, now);
    await repos.targets.saveIds(result.ids, now);
    for (const l of result.letters) await repos.deadLetters.add(l, now);
    const done = new Set(result.saved.map((s) => s.key));
    await repos.deadLetters.resolve(letters.filter((l) => done.has(l.recordKey)).map((l) => l.id), now);
  });
}

/**
 * Failed archives stay held deletions of their flow: apply the flow's held deletions again
 * (the guard still applies); targets that already confirmed a key are not asked twice.
 */
async function retryArchives(config: ResolvedConfig, store: StateStore, connectors: ConnectorSet, flowName: string): Promise<void> {
  const flow = config.flows.find((f) => f.name === flowName);
  if (!flow) return;
  const targets = await Promise.all(flow.targets.map((t) => bindTarget(connectors, flow.name, t)));
  const ctx = {
    flow, runId: 0, store, targets, dryRun: false, counts: zeroCounts(), changes: undefined, newDeadLetters: [],
    now: () => new Date().toISOString(), signal: undefined,
  } as unknown as FlowContext;
  await applyDeletions(ctx, config.deletionGuard.maxShare);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
