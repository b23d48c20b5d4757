import {
  CONNECTOR_CONTRACT_V1, ConnectorError, entitySchemas, issuesFromZod, type Capabilities, type ConnectorV1, type EntityKind, type Page,
  type ReadOptions, type WriteOptions, type WriteOutcome,
} from "../src";

/**
 * Test double for the conformance suite itself: a ConnectorV1 over in-memory arrays with a
 * keyset cursor (updatedAt, key). Each flaw breaks one rule the suite is meant to catch.
 */
export interface Flaws {
  /** Resumes with `updatedAt > cursor` only, skipping records that share the boundary's timestamp. */
  loseBoundary?: boolean;
  /** Resumes with `>=` on the keyset, so the final cursor re-reads the last record. */
  rereadFinal?: boolean;
  /** The last page carries a null cursor. */
  nullFinalCursor?: boolean;
  /** Ignores pageSize and returns everything in one page. */
  singlePage?: boolean;
  /** Repeats the previous page's last record at the start of each page. */
  overlapPages?: boolean;
  /** Ends the stream with hasMore still true. */
  lastHasMore?: boolean;
  /** Emits a record that does not match its schema. */
  invalidRecord?: boolean;
  maxBatchSize?: number;
  contract?: string;
  failCheck?: boolean;
  /** write([]) sends a request and reports an outcome. */
  writeEmptyOutcome?: boolean;
  /** metrics() never counts. */
  noMetrics?: boolean;
  /** delta declared without read. */
  deltaWithoutRead?: boolean;
  /** Rejects unsupported entities only when the stream is iterated or the promise awaited. */
  lazyUnsupported?: boolean;
  /** Ignores an aborted signal. */
  ignoreAbort?: boolean;
}

type Row = { key: string; updatedAt: string } & Record<string, unknown>;
type Position = { u: string; k: string };

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString("base64url");
const decode = (c: string) => JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as Position;
const compare = (a: Position, b: Position) => Date.parse(a.u) - Date.parse(b.u) || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);

/** Creates the in-memory connector over a copy of `data`. */
export function memoryConnector(data: Partial<Record<EntityKind, Row[]>>, flaws: Flaws = {}): ConnectorV1 & { closed: boolean } {
  const store = new Map(Object.entries(structuredClone(data)) as [EntityKind, Row[]][]);
  let requests = 0;
  const capabilities: Capabilities = {};
  for (const kind of store.keys()) {
    capabilities[kind] = { read: !flaws.deltaWithoutRead, delta: true, write: true, archive: true, maxBatchSize: flaws.maxBatchSize ?? 50 };
  }

  function after(rows: Row[], cursor: string | null | undefined): Row[] {
    const sorted = [...rows].sort((a, b) => compare({ u: a.updatedAt, k: a.key }, { u: b.updatedAt, k: b.key }));
    if (!cursor) return sorted;
    const from = decode(cursor);
    if (flaws.loseBoundary) return sorted.filter((r) => Date.parse(r.updatedAt) > Date.parse(from.u));
    const min = flaws.rereadFinal ? 0 : 1;
    return sorted.filter((r) => compare({ u: r.updatedAt, k: r.key }, from) >= min);
  }

  async function* read(entity: EntityKind, options: ReadOptions = {}): AsyncGenerator<Page<Row>> {
    const rows = after(store.get(entity) ?? [], options.cursor);
    const size = flaws.singlePage ? Math.max(rows.length, 1) : Math.max(1, options.pageSize ?? 100);
    let cursor = options.cursor ?? null;
    for (let start = 0; start === 0 || start < rows.length; start += size) {
      if (options.signal?.aborted && !flaws.ignoreAbort) throw new ConnectorError("timeout", "memory: read aborted");
      requests++;
      const from = flaws.overlapPages && start > 0 ? start - 1 : start;
      const items = rows.slice(from, start + size).map((r) => ({ ...r }));
      if (flaws.invalidRecord && start === 0 && items[0]) items[0].updatedAt = "yesterday";
      const last = items.at(-1);
      if (last) cursor = encode({ u: last.updatedAt, k: last.key });
      const hasMore = start + size < rows.length;
      const finalCursor = !hasMore && flaws.nullFinalCursor ? null : cursor;
      yield { items, issues: [], deleted: [], cursor: finalCursor, hasMore: hasMore || !!flaws.lastHasMore };
    }
  }

  async function write(entity: EntityKind, records: readonly unknown[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    if (options.signal?.aborted && !flaws.ignoreAbort) throw new ConnectorError("timeout", "memory: write aborted");
    if (records.length === 0 && !flaws.writeEmptyOutcome) return [];
    requests++;
    if (records.length === 0) return [{ key: "", status: "unchanged" }];
    const rows = store.get(entity) ?? [];
    return records.map((record) => {
      const parsed = entitySchemas[entity].safeParse(record);
      const key = (record as { key?: string }).key ?? "?";
      if (!parsed.success) return { key, status: "failed" as const, issue: issuesFromZod(key, parsed.error)[0]! };
      const row = parsed.data as Row;
      const index = rows.findIndex((r) => r.key === row.key);
      if (index >= 0) rows[index] = row;
      else rows.push(row);
      store.set(entity, rows);
      return { key: row.key, status: index >= 0 ? ("updated" as const) : ("created" as const), externalId: row.key };
    });
  }

  async function archive(entity: EntityKind, keys: readonly string[]): Promise<WriteOutcome[]> {
    if (keys.length === 0) return [];
    requests++;
    const rows = store.get(entity) ?? [];
    return keys.map((key) => {
      const index = rows.findIndex((r) => r.key === key);
      if (index < 0) return { key, status: "failed" as const, issue: { recordKey: key, reason: "not_found" as const, message: "no such record" } };
      rows.splice(index, 1);
      return { key, status: "archived" as const };
    });
  }

  /** Reject an entity the capabilities do not declare for the operation: at call time, or lazily (a flaw). */
  function supported<A extends unknown[], R>(operation: "read" | "write" | "archive", fn: (entity: EntityKind, ...rest: A) => R) {
    return (entity: EntityKind, ...rest: A): R => {
      if (capabilities[entity]?.[operation]) return fn(entity, ...rest);
      const error = new ConnectorError("invalid", `memory does not ${operation} ${entity}`);
      if (!flaws.lazyUnsupported) throw error;
      if (operation !== "read") return Promise.reject(error) as R;
      return (async function* () {
        throw error;
      })() as R;
    };
  }

  const connector = {
    contract: (flaws.contract ?? CONNECTOR_CONTRACT_V1) as typeof CONNECTOR_CONTRACT_V1,
    vendor: "memory",
    system: "memory",
    role: "pim" as const,
    capabilities,
    closed: false,
    async check() {
      requests++;
      return flaws.failCheck ? { ok: false, latencyMs: 0, message: "bad credentials" } : { ok: true, latencyMs: 0, message: "in memory" };
    },
    read: supported("read", read) as ConnectorV1["read"],
    write: supported("write", write) as ConnectorV1["write"],
    archive: supported("archive", archive) as ConnectorV1["archive"],
    metrics: () => ({ requests: flaws.noMetrics ? 0 : requests, retries: 0, rateLimited: 0 }),
    async close() {
      connector.closed = true;
    },
  };
  return connector;
}
