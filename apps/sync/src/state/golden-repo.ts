import type { EntityKind, GoldenRecord } from "@omnibridge/core-model";
import type { Kysely } from "kysely";
import type { StateDatabase } from "./schema";
import { chunks, parseJson } from "./json";

/** A golden record as stored, with its tombstone time. */
export interface StoredGolden extends GoldenRecord {
  deletedAt: string | null;
}

/** Golden records, their references and checkpoints. */
export class GoldenRepo {
  constructor(private readonly db: Kysely<StateDatabase>) {}

  /** Resume position of a flow. */
  async checkpoint(flow: string): Promise<string | null> {
    const row = await this.db.selectFrom("checkpoints").select("cursor").where("flow", "=", flow).executeTakeFirst();
    return row?.cursor ?? null;
  }

  /** Every flow's checkpoint. */
  async checkpoints(): Promise<Array<{ flow: string; cursor: string | null; updatedAt: string }>> {
    const rows = await this.db.selectFrom("checkpoints").selectAll().orderBy("flow").execute();
    return rows.map((r) => ({ flow: r.flow, cursor: r.cursor, updatedAt: r.updated_at }));
  }

  /** Save a flow's resume position. */
  async setCheckpoint(flow: string, cursor: string | null, now: string): Promise<void> {
    await this.db.insertInto("checkpoints").values({ flow, cursor, updated_at: now })
      .onConflict((oc) => oc.column("flow").doUpdateSet({ cursor, updated_at: now })).execute();
  }

  /** Golden records of `entity` by key (tombstoned ones included). */
  async load(entity: EntityKind, keys: readonly string[]): Promise<Map<string, StoredGolden>> {
    const out = new Map<string, StoredGolden>();
    for (const part of chunks([...new Set(keys)], 400)) {
      const rows = await this.db.selectFrom("golden").selectAll().where("entity", "=", entity).where("key", "in", part).execute();
      for (const row of rows) out.set(row.key, toGolden(row));
    }
    return out;
  }

  /** Insert or replace golden records (clears tombstones). */
  async save(records: readonly GoldenRecord[], now: string): Promise<void> {
    for (const part of chunks(records, 200)) {
      const values = part.map((g) => ({
        entity: g.entity, key: g.key, fields: JSON.stringify(g.fields), external_ids: JSON.stringify(g.externalIds),
        updated_at: now, deleted_at: null,
      }));
      await this.db.insertInto("golden").values(values).onConflict((oc) => oc.columns(["entity", "key"]).doUpdateSet((eb) => ({
        fields: eb.ref("excluded.fields"), external_ids: eb.ref("excluded.external_ids"),
        updated_at: eb.ref("excluded.updated_at"), deleted_at: null,
      }))).execute();
    }
  }

  /** Mark golden records deleted (kept for history and the id map). */
  async tombstone(entity: EntityKind, keys: readonly string[], now: string): Promise<void> {
    for (const part of chunks(keys, 400)) {
      await this.db.updateTable("golden").set({ deleted_at: now }).where("entity", "=", entity).where("key", "in", part).execute();
    }
  }

  /** Live golden records of an entity. */
  async count(entity: EntityKind): Promise<number> {
    const row = await this.db.selectFrom("golden").select((eb) => eb.fn.countAll().as("n"))
      .where("entity", "=", entity).where("deleted_at", "is", null).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Live golden record counts per entity. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("golden").select(["entity", (eb) => eb.fn.countAll().as("n")])
      .where("deleted_at", "is", null).groupBy("entity").execute();
    return Object.fromEntries(rows.map((r) => [r.entity, Number(r.n)]));
  }

  /** Replace the references of a record (`order` → `customer`, `company`). */
  async setRefs(entity: EntityKind, key: string, refs: ReadonlyArray<{ entity: EntityKind; key: string }>): Promise<void> {
    await this.db.deleteFrom("golden_refs").where("entity", "=", entity).where("key", "=", key).execute();
    if (refs.length === 0) return;
    await this.db.insertInto("golden_refs").values(refs.map((r) => ({ entity, key, ref_entity: r.entity, ref_key: r.key }))).execute();
  }

  /** Live golden records of `entity` that reference `refEntity` `refKey`, by key. */
  async referencing(entity: EntityKind, refEntity: EntityKind, refKey: string): Promise<StoredGolden[]> {
    return (await this.referencingMany(entity, refEntity, [refKey])).get(refKey) ?? [];
  }

  /**
   * {@link referencing} for many `refKeys` at once (≤400 per query): every key given maps to its
   * live referencing records of `entity`, by key (an empty list when none; tombstoned ones left out).
   */
  async referencingMany(entity: EntityKind, refEntity: EntityKind, refKeys: readonly string[]): Promise<Map<string, StoredGolden[]>> {
    const unique = [...new Set(refKeys)];
    const out = new Map<string, StoredGolden[]>(unique.map((k) => [k, []]));
    for (const part of chunks(unique, 400)) {
      const rows = await this.db.selectFrom("golden_refs").innerJoin("golden", (join) =>
        join.onRef("golden.entity", "=", "golden_refs.entity").onRef("golden.key", "=", "golden_refs.key"))
        .selectAll("golden").select("golden_refs.ref_key").where("golden_refs.entity", "=", entity)
        .where("golden_refs.ref_entity", "=", refEntity).where("golden_refs.ref_key", "in", part)
        .where("golden.deleted_at", "is", null).orderBy("golden_refs.ref_key").orderBy("golden.key").execute();
      for (const row of rows) out.get(row.ref_key)?.push(toGolden(row));
    }
    return out;
  }
}

function toGolden(row: StateDatabase["golden"]): StoredGolden {
  return {
    entity: row.entity as EntityKind,
    key: row.key,
    fields: parseJson(row.fields) as GoldenRecord["fields"],
    externalIds: parseJson(row.external_ids) as Record<string, string>,
    deletedAt: row.deleted_at,
  };
}
