import { Migrator, type Kysely, type Migration } from "kysely";

/** A source page stored for a worker to apply (one BullMQ job each). */
export interface PartitionTable {
  run_id: number;
  flow: string;
  seq: number;
  /** The page as JSON (items, issues, deleted, cursor); cleared once applied. */
  payload: string | null;
  cursor: string | null;
  /** `pending`, `applied` or `failed` (attempts exhausted). */
  status: string;
  /** Flow counts of the application, as JSON. */
  counts: string | null;
  worker: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  applied_at: string | null;
}

/** A flow within a distributed run: where its read started and whether reading finished. */
export interface RunFlowPlanTable {
  run_id: number;
  flow: string;
  start_cursor: string | null;
  pages: number;
  /** `reading`, `read` (every page enqueued), `done`, `failed`. */
  status: string;
}

/** Tables of the distributed mode, beside the state store's own. */
export interface DistributedTables {
  ob_partitions: PartitionTable;
  ob_run_flow_plans: RunFlowPlanTable;
}

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("ob_partitions").ifNotExists()
      .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("flow", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull()).addColumn("payload", "text").addColumn("cursor", "text")
      .addColumn("status", "text", (c) => c.notNull()).addColumn("counts", "text").addColumn("worker", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)).addColumn("error", "text")
      .addColumn("created_at", "text", (c) => c.notNull()).addColumn("applied_at", "text")
      .addPrimaryKeyConstraint("ob_partitions_pk", ["run_id", "flow", "seq"]).execute();
    await db.schema.createTable("ob_run_flow_plans").ifNotExists()
      .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("flow", "text", (c) => c.notNull())
      .addColumn("start_cursor", "text").addColumn("pages", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("ob_run_flow_plans_pk", ["run_id", "flow"]).execute();
  },
};

/** Create the distributed tables (own migration table, so the state store's migrations stay untouched). */
export async function migrateDistributed<DB>(db: Kysely<DB>, schema: string): Promise<void> {
  // The schema is named: Kysely otherwise finds the migration tables of any schema in the database.
  const migrator = new Migrator({
    db, migrationTableSchema: schema, migrationTableName: "ob_distributed_migrations", migrationLockTableName: "ob_distributed_migrations_lock",
    provider: { getMigrations: async () => ({ "001_partitions": initial }) },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
