import type { Queue } from "bullmq";
import type { ResolvedConfig } from "../../config";
import type { RunJobData } from "./queues";

/** Schedules of a config: `schedules[]` entries and flows' own `schedule`, as BullMQ job scheduler ids. */
export function schedulesOf(config: ResolvedConfig): Array<{ id: string; cron: string; flows: string[] }> {
  const out = config.schedules.map((s) => ({
    id: `schedule:${s.flows.join(",")}:${s.cron}`, cron: s.cron,
    flows: s.flows.includes("all") ? config.flows.map((f) => f.name) : s.flows,
  }));
  for (const flow of config.flows) if (flow.schedule) out.push({ id: `flow:${flow.name}:${flow.schedule}`, cron: flow.schedule, flows: [flow.name] });
  return out;
}

/**
 * Make the queue's repeatable run jobs match the config (idempotent: every worker may call it;
 * BullMQ keeps one scheduler per id, so a cron fires once, not once per worker). Schedulers
 * no longer in the config are removed.
 */
export async function syncSchedules(config: ResolvedConfig, queue: Queue<RunJobData>): Promise<string[]> {
  const wanted = schedulesOf(config);
  for (const s of wanted) {
    await queue.upsertJobScheduler(s.id, { pattern: s.cron }, { name: "run", data: { flows: s.flows, full: false, reason: `schedule ${s.cron}` }, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }
  const ids = new Set(wanted.map((s) => s.id));
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    const id = existing.key;
    if (!ids.has(id)) await queue.removeJobScheduler(id);
  }
  return [...ids];
}
