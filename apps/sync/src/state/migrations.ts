import { Migrator, sql, type Kysely, type Migration } from "kysely";

/** SQL dialect of the state store. */
export type StateDialect = "sqlite" | "postgres";

function initial(dialect: StateDialect): Migration {
  const idType = dialect === "postgres" ? "serial" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("checkpoints").ifNotExists()
        .addColumn("flow", "text", (c) => c.primaryKey()).addColumn("cursor", "text")
        .addColumn("updated_at", "text", (c) => c.notNull()).execute();
      await db.schema.createTable("golden").ifNotExists()
        .addColumn("entity", "text", (c) => c.notNull()).addColumn("key", "text", (c) => c.notNull())
        .addColumn("fields", "text", (c) => c.notNull()).addColumn("external_ids", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull()).addColumn("deleted_at", "text")
        .addPrimaryKeyConstraint("golden_pk", ["entity", "key"]).execute();
      await db.schema.createTable("golden_refs").ifNotExists()
        .addColumn("entity", "text", (c) => c.notNull()).addColumn("key", "text", (c) => c.notNull())
        .addColumn("ref_entity", "text", (c) => c.notNull()).addColumn("ref_key", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("golden_refs_pk", ["entity", "key", "ref_entity"]).execute();
      await db.schema.createIndex("golden_refs_ref").ifNotExists().on("golden_refs").columns(["ref_entity", "ref_key"]).execute();
      await db.schema.createTable("projections").ifNotExists()
        .addColumn("system", "text", (c) => c.notNull()).addColumn("entity", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull()).addColumn("hash", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull()).addColumn("written_at", "text", (c) => c.notNull())
        .addColumn("archived_at", "text")
        .addPrimaryKeyConstraint("projections_pk", ["system", "entity", "key"]).execute();
      await db.schema.createTable("id_map").ifNotExists()
        .addColumn("entity", "text", (c) => c.notNull()).addColumn("key", "text", (c) => c.notNull())
        .addColumn("system", "text", (c) => c.notNull()).addColumn("external_id", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("id_map_pk", ["entity", "key", "system"]).execute();
      await db.schema.createIndex("id_map_external").ifNotExists().on("id_map").columns(["system", "external_id"]).execute();
      await createRunTables(db, idType);
    },
  };
}

async function createRunTables(db: Kysely<unknown>, idType: "serial" | "integer"): Promise<void> {
  await db.schema.createTable("dead_letters").ifNotExists()
    .addColumn("id", idType, (c) => (idType === "integer" ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("run_id", "integer").addColumn("flow", "text", (c) => c.notNull())
    .addColumn("system", "text", (c) => c.notNull()).addColumn("entity", "text", (c) => c.notNull())
    .addColumn("record_key", "text", (c) => c.notNull()).addColumn("stage", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull()).addColumn("field", "text")
    .addColumn("message", "text", (c) => c.notNull()).addColumn("vendor_code", "text").addColumn("payload", "text")
    .addColumn("status", "text", (c) => c.notNull()).addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).execute();
  await db.schema.createIndex("dead_letters_open").ifNotExists().on("dead_letters").columns(["status", "flow", "system", "record_key"]).execute();
  await db.schema.createTable("pending_deletions").ifNotExists()
    .addColumn("flow", "text", (c) => c.notNull()).addColumn("entity", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull()).addColumn("detected_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("pending_deletions_pk", ["flow", "key"]).execute();
  await db.schema.createTable("runs").ifNotExists()
    .addColumn("id", idType, (c) => (idType === "integer" ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("started_at", "text", (c) => c.notNull()).addColumn("finished_at", "text")
    .addColumn("status", "text", (c) => c.notNull()).addColumn("dry_run", "integer", (c) => c.notNull())
    .addColumn("full_sync", "integer", (c) => c.notNull()).addColumn("flows", "text", (c) => c.notNull())
    .addColumn("exit_code", "integer").addColumn("message", "text").execute();
  await db.schema.createTable("run_flows").ifNotExists()
    .addColumn("run_id", "integer", (c) => c.notNull()).addColumn("flow", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("read", "integer", (c) => c.notNull()).addColumn("changed", "integer", (c) => c.notNull())
    .addColumn("written", "integer", (c) => c.notNull()).addColumn("skipped", "integer", (c) => c.notNull())
    .addColumn("failed", "integer", (c) => c.notNull()).addColumn("archived", "integer", (c) => c.notNull())
    .addColumn("requests", "integer", (c) => c.notNull()).addColumn("retries", "integer", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull()).addColumn("error", "text")
    .addPrimaryKeyConstraint("run_flows_pk", ["run_id", "flow"]).execute();
}

/** Names of migrations already applied to this state (none on a new one). */
async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return [];
  }
}

/**
 * Apply pending migrations (idempotent; Kysely's migrator takes a lock on both dialects): the
 * core tables, then the `extra` migrations extensions bring, by name. A migration applied by an
 * app with more extensions than this one stays applied and is not required here (a no-op
 * stands in for it), so every command opens any state. On PostgreSQL the migration tables live
 * in the state's own schema: several states share a database.
 */
export async function migrate<DB>(
  db: Kysely<DB>,
  dialect: StateDialect,
  schema?: string,
  extra: Readonly<Record<string, Migration>> = {},
): Promise<void> {
  const migrations: Record<string, Migration> = { ...extra, "001_initial": initial(dialect) };
  for (const name of await appliedMigrations(db)) migrations[name] ??= { up: async () => undefined };
  const migrator = new Migrator({
    db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
