import { z } from "zod";
import { runCli, type ProcessUsage } from "../shared/cli";
import type { FlowConfig } from "../shared/config-file";
import type { Systems, SystemId } from "../shared/systems";

/** Per-flow counts as `omnibridge run --json` prints them. */
export const flowResultSchema = z.object({
  flow: z.string(), status: z.string(), read: z.number(), changed: z.number(), written: z.number(), skipped: z.number(),
  failed: z.number(), archived: z.number(), requests: z.number(), retries: z.number(), durationMs: z.number(), error: z.string().nullish(),
});
const summarySchema = z.object({ exitCode: z.number(), flows: z.array(flowResultSchema) });

/** One flow run by its own CLI process. */
export interface FlowRun<S extends string = SystemId> {
  flow: string;
  source: string;
  targets: string[];
  exitCode: number;
  /** Wall time of the process (start-up included). */
  wallMs: number;
  counts: z.infer<typeof flowResultSchema>;
  /** Requests each emulator received during the run (from the server side, retries included). */
  served: Record<S, number>;
  usage: ProcessUsage | undefined;
}

/** Where the CLI runs and with what. */
export interface RunContext<S extends string = SystemId> {
  systems: Pick<Systems, "env"> & { requestCounts(): Record<S, number> };
  dir: string;
  config: string;
  state: string;
}

/** Run each flow in its own `omnibridge run <flow> --json` process, in config order. */
export async function runFlows<S extends string = SystemId>(
  ctx: RunContext<S>, flows: readonly FlowConfig[], log: (line: string) => void,
): Promise<Array<FlowRun<S>>> {
  const runs: Array<FlowRun<S>> = [];
  for (const flow of flows) {
    const before = ctx.systems.requestCounts();
    const r = await runCli({ args: ["run", flow.name, "--json"], config: ctx.config, state: ctx.state, env: ctx.systems.env, cwd: ctx.dir });
    const after = ctx.systems.requestCounts();
    const parsed = summarySchema.safeParse(safeJson(r.stdout));
    if (!parsed.success) throw new Error(`omnibridge run ${flow.name} printed no summary (exit ${r.code}): ${r.stderr.slice(-500)}`);
    const counts = parsed.data.flows[0]!;
    const served = Object.fromEntries(
      (Object.keys(after) as S[]).map((k) => [k, after[k] - before[k]]),
    ) as Record<S, number>;
    runs.push({
      flow: flow.name,
      source: flow.source.system,
      targets: flow.targets.map((t) => t.system),
      exitCode: parsed.data.exitCode,
      wallMs: r.wallMs,
      counts,
      served,
      usage: r.usage,
    });
    log(`    ${flow.name.padEnd(14)} read ${String(counts.read).padStart(7)}  written ${String(counts.written).padStart(7)}  ${(counts.durationMs / 1000).toFixed(1).padStart(6)} s  exit ${parsed.data.exitCode}${counts.error ? `: ${counts.error}` : ""}`);
  }
  return runs;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
