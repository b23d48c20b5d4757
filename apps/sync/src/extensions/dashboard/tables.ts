import type { Kysely, Migration } from "kysely";
import type { StateDatabase } from "../../state/schema";

/** Per-flow progress of a run, saved with each page (the dashboard streams it while the run goes on). */
export interface ProgressTable {
  run_id: number;
  flow: string;
  pages: number;
  read: number;
  changed: number;
  written: number;
  skipped: number;
  failed: number;
  updated_at: string;
}

/** Requests per system (one vendor account) per minute, with retries and 429 answers. */
export interface RequestWindowTable {
  system: string;
  window_start: string;
  run_id: number;
  requests: number;
  retries: number;
  rate_limited: number;
}

/** A golden field value that was replaced: the previous value, who had set it, and who replaced it. */
export interface FieldHistoryTable {
  entity: string;
  key: string;
  field: string;
  old_value: string;
  old_source: string;
  old_at: string;
  new_source: string;
  new_at: string;
  run_id: number;
  recorded_at: string;
}

/** The dashboard's tables. */
export interface DashboardTables {
  dashboard_progress: ProgressTable;
  dashboard_requests: RequestWindowTable;
  dashboard_field_history: FieldHistoryTable;
}

/** The state's tables and the dashboard's. */
export type DashboardDatabase = StateDatabase & DashboardTables;

/** Additive migration: the dashboard's tables (same SQL on SQLite and PostgreSQL). */
export const dashboardMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("dashboard_progress").ifNotExists()
      .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("flow", "text", (c) => c.notNull())
      .addColumn("pages", "integer", (c) => c.notNull()).addColumn("read", "integer", (c) => c.notNull())
      .addColumn("changed", "integer", (c) => c.notNull()).addColumn("written", "integer", (c) => c.notNull())
      .addColumn("skipped", "integer", (c) => c.notNull()).addColumn("failed", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("dashboard_progress_pk", ["run_id", "flow"]).execute();
    await db.schema.createTable("dashboard_requests").ifNotExists()
      .addColumn("system", "text", (c) => c.notNull()).addColumn("window_start", "text", (c) => c.notNull())
      .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("requests", "integer", (c) => c.notNull())
      .addColumn("retries", "integer", (c) => c.notNull()).addColumn("rate_limited", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("dashboard_requests_pk", ["system", "window_start", "run_id"]).execute();
    await db.schema.createTable("dashboard_field_history").ifNotExists()
      .addColumn("entity", "text", (c) => c.notNull()).addColumn("key", "text", (c) => c.notNull())
      .addColumn("field", "text", (c) => c.notNull()).addColumn("old_value", "text", (c) => c.notNull())
      .addColumn("old_source", "text", (c) => c.notNull()).addColumn("old_at", "text", (c) => c.notNull())
      .addColumn("new_source", "text", (c) => c.notNull()).addColumn("new_at", "text", (c) => c.notNull())
      .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("recorded_at", "text", (c) => c.notNull()).execute();
    await db.schema.createIndex("dashboard_field_history_record").ifNotExists().on("dashboard_field_history")
      .columns(["entity", "key", "field"]).execute();
    // The explorer finds a record's dead letters; the overview finds each flow's latest run.
    await db.schema.createIndex("dashboard_dead_letters_record").ifNotExists().on("dead_letters").columns(["record_key"]).execute();
    await db.schema.createIndex("dashboard_run_flows_flow").ifNotExists().on("run_flows").columns(["flow", "run_id"]).execute();
  },
};

/**
 * Additive migration: live golden records per entity from an index alone. `deleted_at` comes after
 * the large JSON columns, so counting without this index reads every record's overflow pages
 * (330 ms p50 for the overview at 100k records in the dashboard bench).
 */
export const dashboardCountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("dashboard_golden_live").ifNotExists().on("golden").columns(["entity", "deleted_at"]).execute();
  },
};

/** The dashboard's view of a state executor (the state's tables plus its own). */
export function dashboardDb(db: Kysely<StateDatabase>): Kysely<DashboardDatabase> {
  return db as unknown as Kysely<DashboardDatabase>;
}
