export { runSync, selectFlows, stateUrlOf, EXIT, UsageError } from "./run";
export { extensionsOf, migrationsOf, openStore } from "./extension";
export type { RunOptions, RunSummary } from "./run";
export type { ChangeEntry, ProgressEvent } from "./types";
export type { SyncExtension, ExtensionStep, PageHooks, FlowExtension, RunScope } from "./extension";
export { project } from "./projection";
export { matchesFilters } from "./filters";
export { replayDeadLetters } from "./replay";
export type { ReplaySummary } from "./replay";
