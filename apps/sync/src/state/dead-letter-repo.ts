import type { Kysely } from "kysely";
import type { StateDatabase } from "./schema";

/** A record that could not be read or written. */
export interface DeadLetterInput {
  runId: number | null;
  flow: string;
  /** The system that rejected it (source for read issues, target for write failures). */
  system: string;
  entity: string;
  recordKey: string;
  /**
   * `read` (invalid source record), `validate` (invalid projection), `write` (target rejected it)
   * or `archive` (target failed to archive a record the source deleted; the deletion stays held).
   */
  stage: "read" | "validate" | "write" | "archive";
  reason: string;
  field?: string | undefined;
  message: string;
  vendorCode?: string | undefined;
  /** The record that failed to write, for replay. */
  payload?: unknown;
}

/** A stored dead letter. */
export interface DeadLetter extends Omit<DeadLetterInput, "payload" | "field" | "vendorCode"> {
  id: number;
  field: string | null;
  vendorCode: string | null;
  payload: unknown;
  status: "open" | "resolved";
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** The dead-letter store: one open letter per (flow, system, stage, record). */
export class DeadLetterRepo {
  constructor(private readonly db: Kysely<StateDatabase>) {}

  /** Add a letter, or refresh the open letter of the same record. */
  async add(letter: DeadLetterInput, now: string): Promise<void> {
    const payload = letter.payload === undefined ? null : JSON.stringify(letter.payload);
    const open = await this.db.selectFrom("dead_letters").select(["id", "attempts"]).where("status", "=", "open")
      .where("flow", "=", letter.flow).where("system", "=", letter.system).where("stage", "=", letter.stage)
      .where("record_key", "=", letter.recordKey).executeTakeFirst();
    const common = {
      run_id: letter.runId, reason: letter.reason, field: letter.field ?? null, message: letter.message,
      vendor_code: letter.vendorCode ?? null, payload, updated_at: now,
    };
    if (open) {
      await this.db.updateTable("dead_letters").set({ ...common, attempts: open.attempts + 1 }).where("id", "=", open.id).execute();
      return;
    }
    await this.db.insertInto("dead_letters").values({
      ...common, flow: letter.flow, system: letter.system, entity: letter.entity, record_key: letter.recordKey,
      stage: letter.stage, status: "open", attempts: 1, created_at: now,
    }).execute();
  }

  /** Mark letters resolved. */
  async resolve(ids: readonly number[], now: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable("dead_letters").set({ status: "resolved", updated_at: now }).where("id", "in", [...ids]).execute();
  }

  /** Resolve the open letters of records that have since gone through. */
  async resolveRecords(flow: string, system: string, stage: string, keys: readonly string[], now: string): Promise<number> {
    if (keys.length === 0) return 0;
    const result = await this.db.updateTable("dead_letters").set({ status: "resolved", updated_at: now }).where("status", "=", "open")
      .where("flow", "=", flow).where("system", "=", system).where("stage", "=", stage).where("record_key", "in", [...keys]).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Letters, newest first. */
  async list(filter: { status?: "open" | "resolved" | "all"; flow?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    let query = this.db.selectFrom("dead_letters").selectAll().orderBy("id", "desc").limit(filter.limit ?? 1000);
    if (filter.status !== "all") query = query.where("status", "=", filter.status ?? "open");
    if (filter.flow) query = query.where("flow", "=", filter.flow);
    return (await query.execute()).map(toLetter);
  }

  /** One letter by id. */
  async get(id: number): Promise<DeadLetter | undefined> {
    const row = await this.db.selectFrom("dead_letters").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toLetter(row) : undefined;
  }

  /** Number of open letters. */
  async countOpen(): Promise<number> {
    const row = await this.db.selectFrom("dead_letters").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "open").executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

type Row = { [K in keyof StateDatabase["dead_letters"]]: K extends "id" ? number : StateDatabase["dead_letters"][K] };

function toLetter(row: Row): DeadLetter {
  return {
    id: Number(row.id), runId: row.run_id, flow: row.flow, system: row.system, entity: row.entity, recordKey: row.record_key,
    stage: row.stage as DeadLetter["stage"], reason: row.reason, field: row.field, message: row.message, vendorCode: row.vendor_code,
    payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown), status: row.status as DeadLetter["status"],
    attempts: row.attempts, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
