import type { AnyEntity, ConnectorV1, EntityKind, GoldenRecord, OwnershipRules, RecordIssue } from "@omnibridge/core-model";
import type { ResolvedFlow, ResolvedTarget } from "../config";
import type { DeadLetterInput, FlowCounts, IdMapping, Repos, StateStore } from "../state";

/** A planned or made change to one target record. */
export interface ChangeEntry {
  flow: string;
  system: string;
  entity: EntityKind;
  key: string;
  op: "create" | "update" | "archive";
  /** Top-level fields that changed (empty for archive). */
  fields: string[];
}

/** Progress of a run, for progress bars. */
export type ProgressEvent =
  | { type: "flow-start"; flow: string; expected: number | undefined }
  | { type: "page"; flow: string; counts: FlowCounts }
  | { type: "flow-end"; flow: string; counts: FlowCounts; status: string };

/** A target resolved to its connector for one run. */
export interface BoundTarget extends ResolvedTarget {
  connector: ConnectorV1;
  role: string;
  maxBatchSize: number;
  /** Batches written at once (the connector's declared write concurrency, 1 when it declares none). */
  writeConcurrency: number;
  canArchive: boolean;
}

/** Everything a flow needs while it runs. */
export interface FlowContext {
  flow: ResolvedFlow;
  runId: number;
  store: StateStore;
  source: ConnectorV1;
  sourceRole: string;
  targets: BoundTarget[];
  ownership: OwnershipRules;
  dryRun: boolean;
  counts: FlowCounts;
  changes: ChangeEntry[] | undefined;
  newDeadLetters: DeadLetterInput[];
  /** Warning issues of the run: records delivered with a fallback or cleaned (never dead letters). */
  warnings: RunWarnings;
  now: () => string;
  signal: AbortSignal | undefined;
  /** Extensions' hooks inside each page's transaction (see SyncExtension.forFlow). */
  hooks: PageHooks[];
  /** Connectors extensions write to besides the flow's targets (their requests count for the flow). */
  extraConnectors: ConnectorV1[];
}

/** Warning issues of a run: how many, and the first few (bounded) with their flow. */
export interface RunWarnings {
  count: number;
  examples: Array<RecordIssue & { flow: string }>;
  /**
   * Vendor records a source read deliberately did not deliver (`Page.skipped`), counted per flow
   * and reason (e.g. `{ "cms-entries": { unmapped_content_type: 3 } }`): reported, never silent.
   */
  skipped: Record<string, Record<string, number>>;
}

/** At most this many warning examples are kept per run. */
export const MAX_WARNING_EXAMPLES = 50;

/** Result of pushing a set of golden records to one target. */
export interface TargetWrite {
  saved: Array<{ key: string; hash: string; body: unknown }>;
  ids: IdMapping[];
  letters: DeadLetterInput[];
  succeeded: string[];
}

/**
 * Hooks inside one page's transaction, in this order. Each runs with the page's repositories,
 * so whatever it saves commits (or rolls back) with the page and its checkpoint.
 */
export interface PageHooks {
  /** Keep or quarantine source items before they merge (push a dead letter for each one held back). */
  screen?(ctx: FlowContext, repos: Repos, items: AnyEntity[], letters: DeadLetterInput[]): Promise<AnyEntity[]>;
  /** The merged golden records, before they are saved: enrich or replace them in place. */
  merged?(ctx: FlowContext, repos: Repos, goldens: GoldenRecord[]): Promise<void>;
  /** After the golden records are saved (e.g. references between records). */
  saved?(ctx: FlowContext, repos: Repos, goldens: readonly GoldenRecord[]): Promise<void>;
  /** After one target was written, before the next one. */
  written?(ctx: FlowContext, target: BoundTarget, goldens: readonly GoldenRecord[], result: TargetWrite): void;
  /** After every target was written, before ids and dead letters commit: add both. */
  afterWrites?(
    ctx: FlowContext,
    repos: Repos,
    goldens: readonly GoldenRecord[],
    ids: IdMapping[],
    letters: DeadLetterInput[],
  ): Promise<void>;
}

/** Fresh zero counts. */
export function zeroCounts(): FlowCounts {
  return { read: 0, changed: 0, written: 0, skipped: 0, failed: 0, archived: 0, requests: 0, retries: 0, durationMs: 0 };
}
