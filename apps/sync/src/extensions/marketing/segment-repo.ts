import type { Kysely } from "kysely";
import type { Repos } from "../../state";
import type { StateDatabase } from "../../state/schema";
import type { SegmentTables } from "./segment-tables";
import { chunks, parseJson } from "../../state/json";
import type { GoldenRecord } from "@omnibridge/core-model";

/** A segment's last computation. */
export interface SegmentStatus {
  key: string;
  name: string;
  purpose: string;
  definitionHash: string;
  memberCount: number;
  asOf: string;
  computedAt: string;
}

/** Computed segment membership and status, plus the golden scans the segment step needs. */
export class SegmentRepo {
  constructor(private readonly db: Kysely<StateDatabase & SegmentTables>) {}

  /** Members of every segment, by segment key. */
  async membership(): Promise<Record<string, string[]>> {
    const rows = await this.db.selectFrom("segment_members").selectAll().orderBy("segment_key").orderBy("customer_key").execute();
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.segment_key] ??= []).push(row.customer_key);
    return out;
  }

  /** Members of one segment, sorted. */
  async members(segmentKey: string): Promise<string[]> {
    const rows = await this.db.selectFrom("segment_members").select("customer_key").where("segment_key", "=", segmentKey).orderBy("customer_key").execute();
    return rows.map((r) => r.customer_key);
  }

  /** Apply a membership diff (only the changed members are touched). */
  async applyDiff(segmentKey: string, added: readonly string[], removed: readonly string[]): Promise<void> {
    for (const part of chunks(removed, 400)) {
      await this.db.deleteFrom("segment_members").where("segment_key", "=", segmentKey).where("customer_key", "in", part).execute();
    }
    for (const part of chunks(added, 200)) {
      await this.db.insertInto("segment_members").values(part.map((customer_key) => ({ segment_key: segmentKey, customer_key })))
        .onConflict((oc) => oc.columns(["segment_key", "customer_key"]).doNothing()).execute();
    }
  }

  /** Record a segment's computation. */
  async saveStatus(status: SegmentStatus): Promise<void> {
    const values = {
      segment_key: status.key, name: status.name, purpose: status.purpose, definition_hash: status.definitionHash,
      member_count: status.memberCount, as_of: status.asOf, computed_at: status.computedAt,
    };
    const { segment_key: _key, ...rest } = values;
    await this.db.insertInto("segment_status").values(values).onConflict((oc) => oc.column("segment_key").doUpdateSet(rest)).execute();
  }

  /** Every segment's last computation. */
  async statuses(): Promise<SegmentStatus[]> {
    const rows = await this.db.selectFrom("segment_status").selectAll().orderBy("segment_key").execute();
    return rows.map((r) => ({
      key: r.segment_key, name: r.name, purpose: r.purpose, definitionHash: r.definition_hash,
      memberCount: Number(r.member_count), asOf: r.as_of, computedAt: r.computed_at,
    }));
  }

  /** Keys of the records last written to a target whose projected `segmentKeys` include one of `segments`. */
  async projectionsTargeting(system: string, entity: "promotion" | "campaign", segments: ReadonlySet<string>): Promise<string[]> {
    const rows = await this.db.selectFrom("projections").select(["key", "body"]).where("system", "=", system).where("entity", "=", entity)
      .where("archived_at", "is", null).execute();
    return rows.filter((r) => {
      const keys = (parseJson(r.body) as { segmentKeys?: unknown }).segmentKeys;
      return Array.isArray(keys) && keys.some((k) => typeof k === "string" && segments.has(k));
    }).map((r) => r.key);
  }

  /** Latest golden change time of customers and orders (the segment step skips when nothing changed). */
  async lastPartyChange(): Promise<string | null> {
    const row = await this.db.selectFrom("golden").select((eb) => eb.fn.max("updated_at").as("at"))
      .where("entity", "in", ["customer", "order"]).executeTakeFirst();
    return (row?.at as string | null | undefined) ?? null;
  }

  /** Live golden records of an entity, in key order, page by page (bounded memory per page). */
  async *scan(entity: "customer" | "order", pageSize = 1000): AsyncGenerator<GoldenRecord[]> {
    let after = "";
    for (;;) {
      const rows = await this.db.selectFrom("golden").selectAll().where("entity", "=", entity).where("deleted_at", "is", null)
        .where("key", ">", after).orderBy("key").limit(pageSize).execute();
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        entity, key: row.key, fields: parseJson(row.fields) as GoldenRecord["fields"], externalIds: parseJson(row.external_ids) as Record<string, string>,
      }));
      after = rows[rows.length - 1]!.key;
    }
  }
}

/** The segment repository over a page's (or the store's) executor: the state's tables plus the segment tables this extension migrates. */
export function segmentsOf(repos: Repos): SegmentRepo {
  return new SegmentRepo(repos.db as unknown as Kysely<StateDatabase & SegmentTables>);
}
