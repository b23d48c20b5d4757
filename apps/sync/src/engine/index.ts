export { runSync, selectFlows, stateUrlOf, EXIT, UsageError } from "./run";
export type { RunOptions, RunSummary } from "./run";
export type { ChangeEntry, ProgressEvent } from "./types";
export { computeLifetime } from "./lifetime";
export { project } from "./projection";
export { matchesFilters } from "./filters";
export { replayDeadLetters } from "./replay";
export type { ReplaySummary } from "./replay";
