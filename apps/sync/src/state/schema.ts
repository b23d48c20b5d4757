import type { Generated } from "kysely";

/** Resume position of each flow. */
export interface CheckpointTable {
  flow: string;
  cursor: string | null;
  updated_at: string;
}

/** Golden records: per-field values with provenance, as JSON. */
export interface GoldenTable {
  entity: string;
  key: string;
  fields: string;
  external_ids: string;
  updated_at: string;
  deleted_at: string | null;
}

/** References between golden records (an order's customer and company) for derived figures. */
export interface GoldenRefTable {
  entity: string;
  key: string;
  ref_entity: string;
  ref_key: string;
}

/** The last projection written to each target, with its stable hash. */
export interface ProjectionTable {
  system: string;
  entity: string;
  key: string;
  hash: string;
  body: string;
  written_at: string;
  archived_at: string | null;
}

/** Cross-system id map. */
export interface IdMapTable {
  entity: string;
  key: string;
  system: string;
  external_id: string;
  updated_at: string;
}

/** Records that could not be read or written, with the reason. */
export interface DeadLetterTable {
  id: Generated<number>;
  run_id: number | null;
  flow: string;
  system: string;
  entity: string;
  record_key: string;
  stage: string;
  reason: string;
  field: string | null;
  message: string;
  vendor_code: string | null;
  payload: string | null;
  status: string;
  attempts: number;
  created_at: string;
  updated_at: string;
}

/** Source deletions held until the flow's deletion guard allows them. */
export interface PendingDeletionTable {
  flow: string;
  entity: string;
  key: string;
  detected_at: string;
}

/** Run history. */
export interface RunTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  status: string;
  dry_run: number;
  full_sync: number;
  flows: string;
  exit_code: number | null;
  message: string | null;
}

/** Counts per flow of a run. */
export interface RunFlowTable {
  run_id: number;
  flow: string;
  status: string;
  read: number;
  changed: number;
  written: number;
  skipped: number;
  failed: number;
  archived: number;
  requests: number;
  retries: number;
  duration_ms: number;
  error: string | null;
}

/** The state database (extensions add their own tables through their migrations). */
export interface StateDatabase {
  checkpoints: CheckpointTable;
  golden: GoldenTable;
  golden_refs: GoldenRefTable;
  projections: ProjectionTable;
  id_map: IdMapTable;
  dead_letters: DeadLetterTable;
  pending_deletions: PendingDeletionTable;
  runs: RunTable;
  run_flows: RunFlowTable;
}
