import type { AdapterFactory } from "./compose";
import type { ConfigInput } from "./config";

export { runSync, replayDeadLetters, EXIT } from "./engine";
export type { RunOptions, RunSummary, ReplaySummary, ChangeEntry, ProgressEvent, SyncExtension, ExtensionStep, PageHooks, FlowExtension, RunScope } from "./engine";
export { DEFAULT_EXTENSIONS, marketingExtension } from "./extensions";
export { loadConfig, resolveConfig, configSchema, ConfigError } from "./config";
export type { ConfigInput, ResolvedConfig } from "./config";
export { StateStore } from "./state";
export { BUILTIN_ADAPTERS } from "./compose";
export type { AdapterFactory, AdapterContext } from "./compose";
export { defaultFlows } from "./demo/default-flows";

/** Typed helper for `omnibridge.config.ts`. */
export function defineConfig<T extends ConfigInput & { adapters?: Record<string, AdapterFactory> }>(config: T): T {
  return config;
}
export { runDistributed, startWorker, startWebhookReceiver, RedisRateBudget, queueSettings } from "./extensions/distributed";
export type { DistributedRunOptions, WorkerHandle, WorkerOptions, QueueSettings, RateLimit } from "./extensions/distributed";
