import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Migration } from "kysely";
import { migrate, type StateDialect } from "./migrations";
import type { StateDatabase } from "./schema";

/** Default state location: a SQLite file under `.omnibridge/`. */
export const DEFAULT_STATE_URL = "sqlite:.omnibridge/state.db";

/** An open state database (migrated). */
export interface OpenState {
  db: Kysely<StateDatabase>;
  dialect: StateDialect;
  /** Where the state lives, without credentials (`/abs/.omnibridge/state.db`, `postgres://host/db#schema`). */
  location: string;
}

/** Where a state URL points. */
export type StateTarget =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; connectionString: string; schema: string | undefined; location: string };

/**
 * Parse a state URL: `sqlite:<file>` (or a bare path), `postgres://…` / `postgresql://…`.
 * A `schema` query parameter selects a PostgreSQL schema (created when missing).
 */
export function parseStateUrl(url: string, baseDir = process.cwd()): StateTarget {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`state schema ${JSON.stringify(schema)} must be a lower-case SQL identifier`);
    parsed.searchParams.delete("schema");
    const location = `postgres://${parsed.host}${parsed.pathname}${schema ? `#${schema}` : ""}`;
    return { dialect: "postgres", connectionString: parsed.toString(), schema, location };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, "");
  return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(baseDir, file) };
}

/** Open (and migrate) the state store at `url`: one code path for SQLite and PostgreSQL. */
export async function openState(url: string, baseDir?: string, migrations: Readonly<Record<string, Migration>> = {}): Promise<OpenState> {
  const target = parseStateUrl(url, baseDir);
  // Drivers load by URL scheme: a SQLite run never loads pg, a PostgreSQL one never the native SQLite module.
  if (target.dialect === "sqlite") {
    if (target.file !== ":memory:") mkdirSync(path.dirname(target.file), { recursive: true });
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(target.file);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    const db = new Kysely<StateDatabase>({ dialect: new SqliteDialect({ database }) });
    await migrate(db, "sqlite", undefined, migrations);
    return { db, dialect: "sqlite", location: target.file };
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: 4,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  const db = new Kysely<StateDatabase>({ dialect: new PostgresDialect({ pool }) });
  if (target.schema) await sql`create schema if not exists ${sql.id(target.schema)}`.execute(db);
  await migrate(db, "postgres", target.schema, migrations);
  return { db, dialect: "postgres", location: target.location };
}
