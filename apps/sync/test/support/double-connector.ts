/**
 * The engine's test double: a contract-faithful ConnectorV1 over a SQLite file (so a CLI child
 * process and the test see the same system). It is NOT a vendor adapter: it stands in for one
 * while the engine is tested. Reads use a keyset cursor over a change sequence, validate every
 * record against the canonical schema (invalid ones become page issues naming record and
 * field), report deletions; writes are idempotent upserts by key, enforce the batch limit and
 * return one outcome per record; archive tombstones by key.
 */
import Database from "better-sqlite3";
import {
  CONNECTOR_CONTRACT_V1, ConnectorError, entitySchemas, issuesFromZod, markupWarnings, stableHash,
  type Capabilities, type ConnectorV1, type EntityKind, type Page, type SystemRole, type WriteOutcome,
} from "@omnibridge/core-model";

/** Options of the double. */
export interface DoubleOptions {
  file: string;
  system: string;
  role: SystemRole;
  entities: EntityKind[];
  maxBatchSize?: number;
  /** Write calls the double declares it takes at once (capability `writeConcurrency`); absent: none declared. */
  writeConcurrency?: number;
  /** Reject writes of these keys the way a vendor would (per-record failure). */
  rejectKeys?: string[];
  /** Fail archives of these keys the way a vendor would (per-record failure, e.g. a locked record). */
  failArchiveKeys?: string[];
  /** Wait this long in every write call (to kill a run mid-way). */
  writeDelayMs?: number;
  /** Make every call fail as unreachable. */
  unreachable?: boolean;
}

/** The double's store, shared by every connector instance over the same file. */
export function openDoubleStore(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(`create table if not exists records (entity text not null, key text not null, body text not null, seq integer not null,
    deleted integer not null default 0, external_id text not null, primary key (entity, key));
    create table if not exists meta (name text primary key, value integer not null);
    create table if not exists calls (kind text not null, entity text not null, size integer not null);`);
  return db;
}

function nextSeq(db: Database.Database): number {
  db.prepare("insert into meta (name, value) values ('seq', 1) on conflict(name) do update set value = value + 1").run();
  return (db.prepare("select value from meta where name = 'seq'").get() as { value: number }).value;
}

/** Put raw records (valid or not) into a system, as if its users had entered them. */
export function seedDouble(file: string, entity: EntityKind, records: Iterable<Record<string, unknown>>, deleted: string[] = []): void {
  const db = openDoubleStore(file);
  const upsert = db.prepare(`insert into records (entity, key, body, seq, deleted, external_id) values (?, ?, ?, ?, 0, ?)
    on conflict(entity, key) do update set body = excluded.body, seq = excluded.seq, deleted = 0`);
  db.transaction(() => {
    for (const record of records) {
      const seq = nextSeq(db);
      // A record without a usable key is still a vendor record: it has the vendor's own id.
      const key = typeof record.key === "string" && record.key !== "" ? record.key : `vendor-id-${seq}`;
      upsert.run(entity, key, JSON.stringify(record), seq, `x-${stableHash(key).slice(0, 12)}`);
    }
    for (const key of deleted) db.prepare("update records set deleted = 1, seq = ? where entity = ? and key = ?").run(nextSeq(db), entity, key);
  })();
  db.close();
}

/** Live records of an entity in a system, by key. */
export function snapshotDouble(file: string, entity: EntityKind): Map<string, Record<string, unknown>> {
  const db = openDoubleStore(file);
  const rows = db.prepare("select key, body from records where entity = ? and deleted = 0 order by key").all(entity) as Array<{ key: string; body: string }>;
  db.close();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.body) as Record<string, unknown>]));
}

/** Archived keys of an entity in a system. */
export function archivedInDouble(file: string, entity: EntityKind): string[] {
  const db = openDoubleStore(file);
  const rows = db.prepare("select key from records where entity = ? and deleted = 1 order by key").all(entity) as Array<{ key: string }>;
  db.close();
  return rows.map((r) => r.key);
}

/** Write calls received: number of calls and largest batch, per entity. */
export function writeCalls(file: string): Array<{ kind: string; entity: string; size: number }> {
  const db = openDoubleStore(file);
  const rows = db.prepare("select kind, entity, size from calls where kind = 'write'").all() as Array<{ kind: string; entity: string; size: number }>;
  db.close();
  return rows;
}

/** The most write calls the double had in flight at once (they overlap only with `writeDelayMs`). */
export function peakWritesInFlight(file: string): number {
  const db = openDoubleStore(file);
  const row = db.prepare("select max(size) as peak from calls where kind = 'in-flight'").get() as { peak: number | null };
  db.close();
  return row.peak ?? 0;
}

/** Create the double connector. */
export function createDoubleConnector(options: DoubleOptions): ConnectorV1 {
  const db = openDoubleStore(options.file);
  const maxBatchSize = options.maxBatchSize ?? 50;
  const capabilities: Capabilities = Object.fromEntries(
    options.entities.map((e) => [e, {
      read: true, delta: true, write: true, archive: true, maxBatchSize,
      ...(options.writeConcurrency ? { writeConcurrency: options.writeConcurrency } : {}),
    }]),
  );
  let inFlight = 0;
  const metrics = { requests: 0, retries: 0, rateLimited: 0 };
  const reject = new Set(options.rejectKeys ?? []);
  const guard = (operation: string) => {
    metrics.requests++;
    if (options.unreachable) throw new ConnectorError("network", `connect ECONNREFUSED (${operation})`, { system: options.system, operation });
  };
  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "double", system: options.system, role: options.role, capabilities,
    async check() {
      return options.unreachable ? { ok: false, latencyMs: 0, message: "connect ECONNREFUSED" } : { ok: true, latencyMs: 0, message: `double ${options.system} at ${options.file}` };
    },
    async *read(entity, readOptions = {}) {
      let after = readOptions.cursor ? Number(JSON.parse(Buffer.from(readOptions.cursor, "base64url").toString()).seq) : 0;
      const size = Math.min(readOptions.pageSize ?? 100, 500);
      for (;;) {
        guard(`read ${entity}`);
        const rows = db.prepare("select key, body, seq, deleted, external_id from records where entity = ? and seq > ? order by seq limit ?").all(entity, after, size + 1) as Array<{ key: string; body: string; seq: number; deleted: number; external_id: string }>;
        const pageRows = rows.slice(0, size);
        const page: Page<never> = { items: [], issues: [], deleted: [], cursor: null, hasMore: rows.length > size };
        for (const row of pageRows) {
          if (row.deleted) { page.deleted.push(row.key); continue; }
          const raw = { ...(JSON.parse(row.body) as Record<string, unknown>), externalIds: { [options.system]: row.external_id } };
          const parsed = entitySchemas[entity].safeParse(raw);
          if (parsed.success) {
            (page.items as unknown[]).push(parsed.data);
            page.issues.push(...markupWarnings(row.key, raw));
          } else page.issues.push(...issuesFromZod(row.key, parsed.error).slice(0, 1));
        }
        if (pageRows.length > 0) after = pageRows[pageRows.length - 1]!.seq;
        page.cursor = Buffer.from(JSON.stringify({ seq: after })).toString("base64url");
        yield page as Page<never>;
        if (!page.hasMore) return;
      }
    },
    async write(entity, records) {
      guard(`write ${entity}`);
      if (records.length > maxBatchSize) throw new ConnectorError("invalid", `batch of ${records.length} exceeds ${maxBatchSize}`, { system: options.system });
      db.prepare("insert into calls (kind, entity, size) values ('write', ?, ?)").run(entity, records.length);
      // Calls in flight when this one started (itself included): the engine must stay within the declared concurrency.
      db.prepare("insert into calls (kind, entity, size) values ('in-flight', ?, ?)").run(entity, ++inFlight);
      try {
        if (options.writeDelayMs) await new Promise((r) => setTimeout(r, options.writeDelayMs));
      } finally {
        inFlight--;
      }
      const writeAll = db.transaction(() =>
        records.map((record): WriteOutcome => writeOne(db, entity, record as unknown as Record<string, unknown>, reject)));
      return writeAll();
    },
    async archive(entity, keys) {
      guard(`archive ${entity}`);
      db.prepare("insert into calls (kind, entity, size) values ('archive', ?, ?)").run(entity, keys.length);
      const failArchive = new Set(options.failArchiveKeys ?? []);
      return db.transaction(() => keys.map((key): WriteOutcome => {
        if (failArchive.has(key)) return { key, status: "failed", issue: { recordKey: key, reason: "conflict", message: "record is locked by an editor", vendorCode: "DOUBLE_LOCKED" } };
        const result = db.prepare("update records set deleted = 1, seq = ? where entity = ? and key = ?").run(nextSeq(db), entity, key);
        return result.changes > 0 ? { key, status: "archived" } : { key, status: "failed", issue: { recordKey: key, reason: "not_found", message: "no such record" } };
      }))();
    },
    metrics: () => ({ ...metrics }),
    async close() { db.close(); },
  };
}

function writeOne(db: Database.Database, entity: EntityKind, record: Record<string, unknown>, reject: Set<string>): WriteOutcome {
  const key = String(record.key);
  if (reject.has(key)) return { key, status: "failed", issue: { recordKey: key, field: "name", reason: "invalid", message: "rejected by the double as a vendor would", vendorCode: "DOUBLE_REJECT" } };
  const parsed = entitySchemas[entity].safeParse(record);
  if (!parsed.success) return { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0]! };
  const { externalIds: _ids, ...body } = parsed.data as Record<string, unknown>;
  const existing = db.prepare("select body, deleted, external_id from records where entity = ? and key = ?").get(entity, key) as { body: string; deleted: number; external_id: string } | undefined;
  const text = JSON.stringify(body);
  if (existing && existing.body === text && !existing.deleted) return { key, status: "unchanged", externalId: existing.external_id };
  const externalId = existing?.external_id ?? `x-${stableHash(key).slice(0, 12)}`;
  db.prepare(`insert into records (entity, key, body, seq, deleted, external_id) values (?, ?, ?, ?, 0, ?)
    on conflict(entity, key) do update set body = excluded.body, seq = excluded.seq, deleted = 0`).run(entity, key, text, nextSeq(db), externalId);
  return { key, status: existing ? "updated" : "created", externalId };
}
