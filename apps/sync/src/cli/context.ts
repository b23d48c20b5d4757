import { BUILTIN_ADAPTERS } from "../compose";
import { loadConfig, type ResolvedConfig } from "../config";
import { stateUrlOf } from "../engine";
import { StateStore } from "../state";

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  state?: string;
  json?: boolean;
}

/** Load the config named by `--config` (or found in the working directory). */
export function configOf(options: GlobalOptions): Promise<ResolvedConfig> {
  return loadConfig(options.config, { knownAdapters: BUILTIN_ADAPTERS });
}

/** Open the state store of a config (or `--state`), run `fn`, close it. */
export async function withStore<T>(options: GlobalOptions, fn: (store: StateStore, config: ResolvedConfig) => Promise<T>): Promise<T> {
  const config = await configOf(options);
  const store = await StateStore.open(stateUrlOf(config, options.state), config.baseDir);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Print JSON or text. */
export function print(options: GlobalOptions, json: unknown, text: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
}
