export { StateStore, Repos } from "./store";
export { DEFAULT_STATE_URL, parseStateUrl } from "./open";
export type { DeadLetter, DeadLetterInput } from "./dead-letter-repo";
export type { FlowCounts, FlowResult, RunRecord } from "./run-repo";
export type { IdMapping, StoredProjection } from "./target-repo";
export type { StoredGolden } from "./golden-repo";
