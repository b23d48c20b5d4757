import { sql, type Kysely, type Migration, type Transaction } from "kysely";
import { UsageError } from "../../engine";
import { Repos, type StateStore } from "../../state";
import { openState, parseStateUrl } from "../../state/open";
import type { StateDatabase } from "../../state/schema";
import { migrateDistributed, type DistributedTables } from "./tables";

/** The state database with the distributed tables. */
export type DistributedDb = Kysely<StateDatabase & DistributedTables>;

/** The PostgreSQL state of a distributed deployment (SQLite cannot be shared between machines). */
export class DistributedState {
  private constructor(readonly db: DistributedDb, readonly location: string, readonly lockSpace: string) {}

  /** Open (and migrate: the core's, the extensions' `migrations`, the distributed tables) the state at a PostgreSQL URL. */
  static async open(url: string, migrations: Readonly<Record<string, Migration>> = {}): Promise<DistributedState> {
    const target = parseStateUrl(url);
    if (target.dialect !== "postgres") throw new UsageError("distributed mode keeps its state in PostgreSQL: pass --state postgres://…");
    const schema = target.schema ?? "public";
    for (let attempt = 1; ; attempt++) {
      const state = await openState(url, undefined, migrations).catch((error: unknown) => error as Error);
      try {
        if (state instanceof Error) throw state;
        const db = state.db as unknown as DistributedDb;
        await migrateDistributed(db, schema);
        return new DistributedState(db, state.location, schema);
      } catch (error) {
        if (!(state instanceof Error)) await state.db.destroy();
        // Workers starting together on a fresh schema race on `create … if not exists`, which
        // PostgreSQL does not make atomic (unique violation in its catalog): the loser retries.
        if (!isCreateRace(error) || attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
      }
    }
  }

  /** Repositories outside any transaction. */
  get repos(): Repos {
    return new Repos(this.db as unknown as Kysely<StateDatabase>);
  }

  /**
   * The engine's view of the state inside one transaction: `applyPage` and `applyDeletions`
   * call `transaction(fn)`, which here runs `fn` in the caller's transaction, so the partition
   * lock, the engine's writes and the partition's `applied` mark commit together.
   */
  engineStore(tx?: Transaction<StateDatabase & DistributedTables>): StateStore {
    const db = (tx ?? this.db) as unknown as Kysely<StateDatabase>;
    const facade = {
      dialect: "postgres" as const, location: this.location,
      get repos() { return new Repos(db); },
      transaction: <T>(fn: (repos: Repos) => Promise<T>): Promise<T> =>
        tx ? fn(new Repos(db)) : this.db.transaction().execute((inner) => fn(new Repos(inner as unknown as Kysely<StateDatabase>))),
    };
    return facade as unknown as StateStore;
  }

  /**
   * Take transaction-scoped advisory locks on record keys (`customer:C-1`), in sorted order so two
   * workers never deadlock. Works for keys that have no golden row yet, unlike `FOR UPDATE`.
   */
  async lockKeys(tx: Transaction<StateDatabase & DistributedTables>, keys: readonly string[]): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return;
    await sql`select pg_advisory_xact_lock(hashtext(${this.lockSpace}), hashtext(k))
      from (select k from unnest(${sorted}::text[]) as k order by k) as ordered`.execute(tx);
  }

  /** Close the pool. */
  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** A catalog race of concurrent `create … if not exists` (unique violation, duplicate object). */
function isCreateRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "42P07" || code === "42710" || code === "42P06";
}
