import { mutateWorld, type World } from "@omnibridge/testkit";
import { runCli, type CliResult } from "../shared/cli";
import { seededRandom } from "../shared/rng";
import type { Systems } from "../shared/systems";

/** Options of {@link killLoop}. */
export interface KillLoopOptions {
  systems: Systems;
  world: World;
  dir: string;
  config: string;
  state: string;
  /** SIGKILLs to deliver before letting a run finish. */
  kills: number;
  seed: number;
  /** Kill points are drawn uniformly from [minDelayMs, maxDelayMs] after spawn. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Change rate applied to the world (and every emulator) every `mutateEvery` kills and each time a run completes before its kill point. */
  mutationRate?: number;
  /** Kills between world revisions (default 5): later kills hit incremental runs. */
  mutateEvery?: number;
  /** Give up after this many completed-but-unsuccessful runs in a row. */
  maxFailedReruns?: number;
  log?: (line: string) => void;
}

/** What the loop did. */
export interface KillLoopResult {
  world: World;
  kills: number;
  /** Runs that completed before their kill point (exit code each). */
  completedRuns: number[];
  revisions: number;
  /** The final, uninterrupted run. */
  final: CliResult;
  /** Every run's stdout + stderr, for the secret scan. */
  output: string[];
  killPointsMs: number[];
}

const DONE = (code: number | null) => code === 0 || code === 1;

/**
 * Run the CLI and SIGKILL it at seeded random points until `kills` runs died; a run that
 * finishes first moves the world one revision on (so kills also hit incremental runs). Then
 * rerun without killing until a run completes with exit 0 or 1.
 */
export async function killLoop(options: KillLoopOptions): Promise<KillLoopResult> {
  const random = seededRandom(options.seed);
  const min = options.minDelayMs ?? 300;
  const max = options.maxDelayMs ?? 6_000;
  const log = options.log ?? (() => undefined);
  const mutate = async () => {
    if ((options.mutationRate ?? 0.02) <= 0) return;
    const next = mutateWorld(result.world, { changeRate: options.mutationRate ?? 0.02 });
    await options.systems.apply(next.changes);
    result.world = next.world;
    result.revisions++;
    log(`  world → revision ${next.world.revision}: ${next.changes.upserted.length} records changed`);
  };
  const run = (killAfterMs?: number) => runCli({ args: ["run", "--json"], config: options.config, state: options.state, env: options.systems.env, cwd: options.dir, ...(killAfterMs === undefined ? {} : { killAfterMs }) });
  const result: KillLoopResult = {
    world: options.world, kills: 0, completedRuns: [], revisions: 0, final: undefined as unknown as CliResult, output: [], killPointsMs: [],
  };
  // A run that keeps finishing before its kill point (too small a world, or a run that fails at once) must not loop forever.
  while (result.kills < options.kills && result.completedRuns.length < 2 * options.kills) {
    const at = Math.round(min + random() * (max - min));
    const r = await run(at);
    result.output.push(r.stdout, r.stderr);
    if (r.killed) {
      result.kills++;
      result.killPointsMs.push(at);
      log(`  kill ${result.kills}/${options.kills} at ${at} ms`);
      if (result.kills % (options.mutateEvery ?? 5) === 0 && result.kills < options.kills) await mutate();
      continue;
    }
    result.completedRuns.push(r.code ?? -1);
    const reason = r.code === 0 || r.code === 1 ? "" : `: ${r.stderr.split("\n").find((line) => line.trim()) ?? ""}`.slice(0, 200);
    log(`  run completed before its kill point (${at} ms): exit ${r.code}${reason}`);
    if (DONE(r.code)) await mutate();
  }
  for (let attempt = 0; ; attempt++) {
    const r = await run();
    result.output.push(r.stdout, r.stderr);
    result.final = r;
    log(`  final run: exit ${r.code} in ${(r.wallMs / 1000).toFixed(1)} s`);
    if (DONE(r.code) || attempt >= (options.maxFailedReruns ?? 10)) break;
  }
  return result;
}
