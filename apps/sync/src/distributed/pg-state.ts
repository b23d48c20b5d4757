import { sql, type Kysely, type Transaction } from "kysely";
import { UsageError } from "../engine";
import { Repos, type StateStore } from "../state";
import { openState, parseStateUrl } from "../state/open";
import type { StateDatabase } from "../state/schema";
import { migrateDistributed, type DistributedTables } from "./tables";

/** The state database with the distributed tables. */
export type DistributedDb = Kysely<StateDatabase & DistributedTables>;

/** The PostgreSQL state of a distributed deployment (SQLite cannot be shared between machines). */
export class DistributedState {
  private constructor(readonly db: DistributedDb, readonly location: string, readonly lockSpace: string) {}

  /** Open (and migrate) the state at a PostgreSQL URL. */
  static async open(url: string): Promise<DistributedState> {
    const target = parseStateUrl(url);
    if (target.dialect !== "postgres") throw new UsageError("distributed mode keeps its state in PostgreSQL: pass --state postgres://…");
    const state = await openState(url);
    const db = state.db as unknown as DistributedDb;
    await migrateDistributed(db);
    return new DistributedState(db, state.location, target.schema ?? "public");
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
