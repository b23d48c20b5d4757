import type { ControlledTransaction, Kysely } from "kysely";
import { DeadLetterRepo } from "./dead-letter-repo";
import { GoldenRepo } from "./golden-repo";
import type { Migration } from "kysely";
import { openState, type OpenState } from "./open";
import { RunRepo } from "./run-repo";
import type { StateDatabase } from "./schema";
import { TargetRepo } from "./target-repo";

/** Repositories over one executor (the database or a transaction). */
export class Repos {
  readonly golden: GoldenRepo;
  readonly targets: TargetRepo;
  readonly deadLetters: DeadLetterRepo;
  readonly runs: RunRepo;
  /** The executor these repositories use: extensions build their own repositories over it (their tables). */
  readonly db: Kysely<StateDatabase>;
  constructor(db: Kysely<StateDatabase>) {
    this.db = db;
    this.golden = new GoldenRepo(db);
    this.targets = new TargetRepo(db);
    this.deadLetters = new DeadLetterRepo(db);
    this.runs = new RunRepo(db);
  }
}

/**
 * The state store. `transaction(fn)` commits atomically. In a sandbox (dry run) everything
 * happens inside one outer transaction that `close()` rolls back, so a dry run computes
 * exactly what a real run would, with the same code, and leaves no trace.
 */
export class StateStore {
  private sandboxTx: ControlledTransaction<StateDatabase> | undefined;
  private constructor(private readonly state: OpenState) {}

  /**
   * Open the store at a state URL (SQLite file or PostgreSQL), applying the core migrations and
   * `options.migrations` (extensions' tables, by unique migration name).
   */
  static async open(
    url: string,
    baseDir?: string,
    options: { migrations?: Readonly<Record<string, Migration>> } = {},
  ): Promise<StateStore> {
    return new StateStore(await openState(url, baseDir, options.migrations ?? {}));
  }

  /** `sqlite` or `postgres`. */
  get dialect(): OpenState["dialect"] {
    return this.state.dialect;
  }

  /** Where the state lives (no credentials). */
  get location(): string {
    return this.state.location;
  }

  /** Repositories outside any transaction (reads; the run history). */
  get repos(): Repos {
    return new Repos(this.sandboxTx ?? this.state.db);
  }

  /** Enter sandbox mode: every later change is rolled back on {@link leaveSandbox}. */
  async enterSandbox(): Promise<void> {
    if (this.sandboxTx) return;
    this.sandboxTx = await this.state.db.startTransaction().execute();
  }

  /** Roll back everything done in the sandbox. */
  async leaveSandbox(): Promise<void> {
    const tx = this.sandboxTx;
    this.sandboxTx = undefined;
    if (tx) await tx.rollback().execute();
  }

  /** Run `fn` atomically. */
  async transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    if (this.sandboxTx) return fn(new Repos(this.sandboxTx));
    return this.state.db.transaction().execute((tx) => fn(new Repos(tx)));
  }

  /** Roll back a sandbox, if any, and close connections. */
  async close(): Promise<void> {
    await this.leaveSandbox();
    await this.state.db.destroy();
  }
}
