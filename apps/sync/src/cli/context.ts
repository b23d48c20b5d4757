import { BUILTIN_ADAPTERS } from "../compose";
import { ConfigError, loadConfig, type ResolvedConfig } from "../config";
import { openStore, stateUrlOf } from "../engine";
import { DEFAULT_EXTENSIONS } from "../extensions";
import { StateStore } from "../state";

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  state?: string;
  json?: boolean;
}

/** Load the config named by `--config` (or found in the working directory). */
export function configOf(options: GlobalOptions): Promise<ResolvedConfig> {
  return loadConfig(options.config, { knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
}

/**
 * Open the state store of a config (or `--state`), run `fn`, close it. With `--state`, no
 * config is needed (looking at a demo's state after its emulators are gone).
 */
export async function withStore<T>(
  options: GlobalOptions,
  fn: (store: StateStore, config: ResolvedConfig | undefined) => Promise<T>,
): Promise<T> {
  let config: ResolvedConfig | undefined;
  try {
    config = await configOf(options);
  } catch (error) {
    if (!(options.state && !options.config && error instanceof ConfigError && error.problems[0]?.startsWith("no config file"))) throw error;
  }
  const store = config ? await openStore(config, stateUrlOf(config, options.state)) : await StateStore.open(options.state!);
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
