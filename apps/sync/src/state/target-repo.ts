import type { EntityKind } from "@omnibridge/core-model";
import type { Kysely } from "kysely";
import type { StateDatabase } from "./schema";
import { chunks, parseJson } from "./json";

/** The last projection written to a target. */
export interface StoredProjection {
  key: string;
  hash: string;
  body: Record<string, unknown>;
  archivedAt: string | null;
}

/** One id of a record in one system. */
export interface IdMapping {
  entity: string;
  key: string;
  system: string;
  externalId: string;
}

/** Per-target projection hashes and the cross-system id map. */
export class TargetRepo {
  constructor(private readonly db: Kysely<StateDatabase>) {}

  /** Last written projections of `keys` in a target. */
  async projections(system: string, entity: EntityKind, keys: readonly string[]): Promise<Map<string, StoredProjection>> {
    const out = new Map<string, StoredProjection>();
    for (const part of chunks([...new Set(keys)], 400)) {
      const rows = await this.db.selectFrom("projections").selectAll().where("system", "=", system)
        .where("entity", "=", entity).where("key", "in", part).execute();
      for (const r of rows) {
        out.set(r.key, { key: r.key, hash: r.hash, body: parseJson(r.body) as Record<string, unknown>, archivedAt: r.archived_at });
      }
    }
    return out;
  }

  /** Remember what was written (hash and body) per record. */
  async saveProjections(
    system: string,
    entity: EntityKind,
    rows: ReadonlyArray<{ key: string; hash: string; body: unknown }>,
    now: string,
  ): Promise<void> {
    for (const part of chunks(rows, 200)) {
      const values = part.map((r) => ({
        system, entity, key: r.key, hash: r.hash, body: JSON.stringify(r.body), written_at: now, archived_at: null,
      }));
      await this.db.insertInto("projections").values(values).onConflict((oc) => oc.columns(["system", "entity", "key"]).doUpdateSet((eb) => ({
        hash: eb.ref("excluded.hash"), body: eb.ref("excluded.body"), written_at: eb.ref("excluded.written_at"), archived_at: null,
      }))).execute();
    }
  }

  /** Mark projections archived in a target. */
  async archiveProjections(system: string, entity: EntityKind, keys: readonly string[], now: string): Promise<void> {
    for (const part of chunks(keys, 400)) {
      await this.db.updateTable("projections").set({ archived_at: now }).where("system", "=", system)
        .where("entity", "=", entity).where("key", "in", part).execute();
    }
  }

  /** Projections written to a target (for status and tests). */
  async countProjections(): Promise<Array<{ system: string; entity: string; live: number; archived: number }>> {
    const rows = await this.db.selectFrom("projections")
      .select(["system", "entity", (eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.count("archived_at").as("a")])
      .groupBy(["system", "entity"]).orderBy("system").orderBy("entity").execute();
    return rows.map((r) => ({ system: r.system, entity: r.entity, live: Number(r.n) - Number(r.a), archived: Number(r.a) }));
  }

  /** Record ids of records in systems. */
  async saveIds(mappings: readonly IdMapping[], now: string): Promise<void> {
    const unique = [...new Map(mappings.map((m) => [`${m.entity}\u0000${m.key}\u0000${m.system}`, m])).values()];
    for (const part of chunks(unique, 200)) {
      const values = part.map((m) => ({ entity: m.entity, key: m.key, system: m.system, external_id: m.externalId, updated_at: now }));
      await this.db.insertInto("id_map").values(values).onConflict((oc) => oc.columns(["entity", "key", "system"]).doUpdateSet((eb) => ({
        external_id: eb.ref("excluded.external_id"), updated_at: eb.ref("excluded.updated_at"),
      }))).execute();
    }
  }

  /** Ids of one canonical record in every system, or of the record a system's id belongs to. */
  /** Canonical keys per external id of one system and entity, in one query per 400 ids. */
  async keysByExternalId(entity: string, system: string, externalIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks([...new Set(externalIds)], 400)) {
      const rows = await this.db.selectFrom("id_map").select(["key", "external_id"])
        .where("entity", "=", entity).where("system", "=", system).where("external_id", "in", part).orderBy("key").execute();
      for (const row of rows) out.set(row.external_id, [...(out.get(row.external_id) ?? []), row.key]);
    }
    return out;
  }

  async lookup(query: { entity?: string; key?: string; system?: string; externalId?: string }): Promise<IdMapping[]> {
    let keys = this.db.selectFrom("id_map").select(["entity", "key"]);
    if (query.entity) keys = keys.where("entity", "=", query.entity);
    if (query.key) keys = keys.where("key", "=", query.key);
    if (query.system && query.externalId) keys = keys.where("system", "=", query.system).where("external_id", "=", query.externalId);
    const found = await keys.distinct().limit(50).execute();
    const out: IdMapping[] = [];
    for (const { entity, key } of found) {
      const rows = await this.db.selectFrom("id_map").selectAll().where("entity", "=", entity).where("key", "=", key).orderBy("system").execute();
      out.push(...rows.map((r) => ({ entity: r.entity, key: r.key, system: r.system, externalId: r.external_id })));
    }
    return out;
  }
}
