import type { WorldChangeSet } from "../world/types";
import type { EmulatorHost, RunningEmulator, StartEmulatorsOptions } from "./types";

/**
 * Start every factory's emulator on 127.0.0.1 (free ports), seeded from the world. When one
 * fails to start, the ones already started are stopped before the error is rethrown.
 */
export async function startEmulators(options: StartEmulatorsOptions): Promise<EmulatorHost> {
  const names = options.factories.map((factory) => factory.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`two emulator factories are named ${duplicate}`);
  const started: RunningEmulator[] = [];
  try {
    for (const factory of options.factories) {
      started.push(
        await factory.start({
          world: options.world, faults: options.faults?.[factory.name], rateLimit: options.rateLimits?.[factory.name],
          seed: options.seed ?? options.world.seed,
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(started.map((emulator) => emulator.stop()));
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    emulators: started,
    get(name) {
      const emulator = started.find((candidate) => candidate.name === name);
      if (!emulator) throw new Error(`no emulator named ${name} (started: ${names.join(", ")})`);
      return emulator;
    },
    async apply(changes: WorldChangeSet) {
      for (const emulator of started) await emulator.apply(changes);
    },
    stop() {
      stopping ??= Promise.allSettled(started.map((emulator) => emulator.stop())).then((results) => {
        const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
        if (failed) throw failed.reason;
      });
      return stopping;
    },
  };
}
