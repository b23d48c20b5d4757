import { entityKinds, type FieldValue } from "@omnibridge/core-model";
import type { Kysely } from "kysely";
import type { DeadLetter } from "../../state";
import type { DashboardDatabase } from "./tables";

/** Filters of the dead-letter list. */
export interface LetterFilter {
  status: "open" | "resolved" | "all";
  flow?: string | undefined;
  system?: string | undefined;
  reason?: string | undefined;
  limit: number;
}

/** A golden record as the explorer shows it. */
export interface RecordView {
  entity: string;
  key: string;
  fields: Record<string, FieldValue>;
  updatedAt: string;
  deletedAt: string | null;
  ids: Array<{ system: string; externalId: string; updatedAt: string }>;
  projections: Array<{ system: string; hash: string; writtenAt: string; archivedAt: string | null; body: string }>;
  history: Array<{ field: string; oldValue: string; oldSource: string; oldAt: string; newSource: string; newAt: string; runId: number }>;
  letters: DeadLetter[];
}

type LetterRow = DashboardDatabase["dead_letters"] & { id: number };

/** A stored dead letter (the payload stays JSON text: it is shown, never interpreted). */
export function toLetter(row: LetterRow): DeadLetter {
  return {
    id: Number(row.id), runId: row.run_id, flow: row.flow, system: row.system, entity: row.entity, recordKey: row.record_key,
    stage: row.stage as DeadLetter["stage"], reason: row.reason, field: row.field, message: row.message, vendorCode: row.vendor_code,
    payload: row.payload, status: row.status as DeadLetter["status"], attempts: row.attempts, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** What the dashboard reads about records: dead letters, golden records with ids, projections and history. */
export class RecordReads {
  constructor(private readonly db: Kysely<DashboardDatabase>) {}

  /** Dead letters matching a filter, newest first. */
  async letters(filter: LetterFilter): Promise<DeadLetter[]> {
    let q = this.db.selectFrom("dead_letters").selectAll().orderBy("id", "desc").limit(filter.limit);
    if (filter.status !== "all") q = q.where("status", "=", filter.status);
    if (filter.flow) q = q.where("flow", "=", filter.flow);
    if (filter.system) q = q.where("system", "=", filter.system);
    if (filter.reason) q = q.where("reason", "=", filter.reason);
    return (await q.execute()).map((r) => toLetter(r as LetterRow));
  }

  /** Open dead letters per flow, system and reason (the filter choices, with counts). */
  async openFacets(): Promise<Array<{ flow: string; system: string; reason: string; n: number }>> {
    const rows = await this.db.selectFrom("dead_letters").select(["flow", "system", "reason", (eb) => eb.fn.countAll().as("n")])
      .where("status", "=", "open").groupBy(["flow", "system", "reason"]).execute();
    return rows.map((r) => ({ flow: r.flow, system: r.system, reason: r.reason, n: Number(r.n) }));
  }

  /**
   * Records whose canonical key or id in any system is `text`: primary-key lookups per entity
   * kind and an index lookup per system, so a search stays fast on a large state.
   */
  async search(text: string, systems: readonly string[]): Promise<Array<{ entity: string; key: string; via: string }>> {
    const out = new Map<string, { entity: string; key: string; via: string }>();
    const byKey = await this.db.selectFrom("golden").select(["entity", "key"]).where("entity", "in", entityKinds).where("key", "=", text).execute();
    for (const r of byKey) out.set(`${r.entity}/${r.key}`, { entity: r.entity, key: r.key, via: "canonical key" });
    if (systems.length > 0) {
      const byId = await this.db.selectFrom("id_map").select(["entity", "key", "system"]).where("system", "in", [...systems])
        .where("external_id", "=", text).limit(50).execute();
      for (const r of byId) if (!out.has(`${r.entity}/${r.key}`)) out.set(`${r.entity}/${r.key}`, { entity: r.entity, key: r.key, via: `${r.system} id` });
    }
    return [...out.values()];
  }

  /** Systems that have ids in the id map (for searching by any system's id). */
  async idSystems(): Promise<string[]> {
    const rows = await this.db.selectFrom("id_map").select("system").distinct().execute();
    return rows.map((r) => r.system);
  }

  /** One golden record with everything known about it (projections in `systems`), or undefined. */
  async record(entity: string, key: string, systems: readonly string[]): Promise<RecordView | undefined> {
    const golden = await this.db.selectFrom("golden").selectAll().where("entity", "=", entity).where("key", "=", key).executeTakeFirst();
    if (!golden) return undefined;
    const [ids, projections, history, letters] = await Promise.all([
      this.db.selectFrom("id_map").selectAll().where("entity", "=", entity).where("key", "=", key).orderBy("system").execute(),
      this.db.selectFrom("projections").selectAll().where("entity", "=", entity).where("key", "=", key)
        .where("system", "in", systems.length > 0 ? [...systems] : [""]).execute(),
      this.db.selectFrom("dashboard_field_history").selectAll().where("entity", "=", entity).where("key", "=", key)
        .orderBy("recorded_at", "desc").limit(200).execute(),
      this.db.selectFrom("dead_letters").selectAll().where("entity", "=", entity).where("record_key", "=", key).orderBy("id", "desc").limit(20).execute(),
    ]);
    return {
      entity, key, fields: JSON.parse(golden.fields) as Record<string, FieldValue>,
      updatedAt: golden.updated_at, deletedAt: golden.deleted_at,
      ids: ids.map((r) => ({ system: r.system, externalId: r.external_id, updatedAt: r.updated_at })),
      projections: projections
        .map((r) => ({ system: r.system, hash: r.hash, writtenAt: r.written_at, archivedAt: r.archived_at, body: r.body }))
        .sort((a, b) => a.system.localeCompare(b.system)),
      history: history.map((r) => ({
        field: r.field, oldValue: r.old_value, oldSource: r.old_source, oldAt: r.old_at,
        newSource: r.new_source, newAt: r.new_at, runId: r.run_id,
      })),
      letters: letters.map((r) => toLetter(r as LetterRow)),
    };
  }
}
