import type { Kysely, Migration } from "kysely";

/** Computed members of each config-defined segment (the segment step's memory between runs). */
export interface SegmentMemberTable {
  segment_key: string;
  customer_key: string;
}

/** When each segment was last computed, from which definition, and how many members it has. */
export interface SegmentStatusTable {
  segment_key: string;
  name: string;
  purpose: string;
  definition_hash: string;
  member_count: number;
  as_of: string;
  computed_at: string;
}

/** The segment tables, merged into the state database's type. */
export interface SegmentTables {
  segment_members: SegmentMemberTable;
  segment_status: SegmentStatusTable;
}

/** Additive migration: the segment tables (same SQL on SQLite and PostgreSQL). */
export const segmentMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("segment_members").ifNotExists()
      .addColumn("segment_key", "text", (c) => c.notNull()).addColumn("customer_key", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("segment_members_pk", ["segment_key", "customer_key"]).execute();
    await db.schema.createTable("segment_status").ifNotExists()
      .addColumn("segment_key", "text", (c) => c.primaryKey()).addColumn("name", "text", (c) => c.notNull())
      .addColumn("purpose", "text", (c) => c.notNull()).addColumn("definition_hash", "text", (c) => c.notNull())
      .addColumn("member_count", "integer", (c) => c.notNull()).addColumn("as_of", "text", (c) => c.notNull())
      .addColumn("computed_at", "text", (c) => c.notNull()).execute();
  },
};
