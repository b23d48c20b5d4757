import { z } from "zod";
import { ConnectorError, type Page, type RecordIssue, type SkippedCount } from "@omnibridge/core-model";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { OdooClient } from "../odoo-client";
import { afterDomain, KEYSET_ORDER, readKeysetChunk, type KeysetPosition, type RowFetcher } from "./keyset-window";

export { KEYSET_ORDER, type KeysetPosition } from "./keyset-window";

/** One polled model of a stream (a stream may poll several: templates and variants, variants and rules). */
export interface Phase {
  model: string;
  fields: string[];
  domain?: unknown[];
  /** Read archived records too (context active_test=false). */
  archived?: boolean;
}

/** What a stream does with one page of rows of a phase. */
export interface MappedPage<T> {
  items: T[];
  issues: RecordIssue[];
  deleted?: string[];
  /** Rows deliberately not delivered, counted per reason. */
  skipped?: SkippedCount[];
  /** Re-read phase 0 from the start (a change that affects every record, e.g. a global price rule). */
  restart?: boolean;
}

const positionSchema = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), z.int(), z.union([z.literal(0), z.literal(1), z.literal(2)])]);
const cursorSchema = z.object({ v: z.literal(2), phase: z.int().nonnegative(), positions: z.array(positionSchema.nullable()) });
type StreamCursor = z.infer<typeof cursorSchema>;
const rowKeySchema = z.looseObject({ id: z.int(), write_date: z.string() });

/** Options of {@link keysetStream}. */
export interface KeysetStreamOptions<T> {
  client: OdooClient;
  system: string;
  phases: Phase[];
  cursor?: string | null;
  pageSize: number;
  signal?: AbortSignal;
  map(phase: number, rows: unknown[]): Promise<MappedPage<T>>;
}

function fetcher(options: KeysetStreamOptions<unknown>, phase: Phase, fields: string[]): RowFetcher {
  return (domain, order, limit) => options.client.call(phase.model, "search_read", {
    domain: [...(phase.domain ?? []), ...domain], fields: [...new Set(["id", "write_date", ...fields])], limit, order,
    context: phase.archived ? { active_test: false } : undefined,
  }, z.array(rowKeySchema), { signal: options.signal }) as Promise<Array<{ id: number; write_date: string }>>;
}

/** Seconds still open for writes: the second of the server's clock (HTTP Date, whole seconds) and the one before. */
function openSince(client: OdooClient): string | undefined {
  const now = client.serverTime?.();
  return now === undefined ? undefined : new Date(now - 1_000).toISOString().slice(0, 19).replace("T", " ");
}

/** The newest record of a phase's model: where a full read leaves its secondary phases. */
async function head(options: KeysetStreamOptions<unknown>, phase: Phase): Promise<KeysetPosition | null> {
  const [row] = await fetcher(options, phase, [])([], "write_date desc, id desc", 1);
  return row ? [row.write_date.slice(0, 19), row.id, 1] : null;
}

/**
 * Where a read starts: the cursor's positions, else phase 0 from the beginning. Later phases
 * without a position (a full read, or a cursor saved before the stream gained a phase) start at
 * their newest record, so the next delta sees only changes.
 */
async function start<T>(options: KeysetStreamOptions<T>): Promise<StreamCursor> {
  const state: StreamCursor = options.cursor
    ? decodeCursor(options.cursor, cursorSchema, options.system)
    : { v: 2, phase: 0, positions: [null] };
  const any = options as KeysetStreamOptions<unknown>;
  for (const phase of options.phases.slice(state.positions.length)) state.positions.push(await head(any, phase));
  return state;
}

/**
 * Keyset pagination over one or more Odoo models: `search_read` windows by `write_date asc,
 * id asc` with limit pageSize + 1 (the extra row tells whether more follow) that end on second
 * boundaries (see keyset-window.ts); the cursor holds (second, id, bucket) per phase. A full read
 * (no cursor) polls phase 0 only and parks later phases at their newest record, so the next
 * delta sees only changes.
 */
export async function* keysetStream<T>(options: KeysetStreamOptions<T>): AsyncGenerator<Page<T>> {
  const state = await start(options);
  if (state.positions.length !== options.phases.length) throw new ConnectorError("invalid", `${options.system}: cursor belongs to another stream`, { system: options.system });
  const any = options as KeysetStreamOptions<unknown>;
  for (let phase = state.phase; phase < options.phases.length; phase++) {
    for (let more = true; more; ) {
      const fetchRows = fetcher(any, options.phases[phase]!, options.phases[phase]!.fields);
      const chunk = await readKeysetChunk(fetchRows, state.positions[phase] ?? null, options.pageSize, () => openSince(options.client));
      const page = chunk.rows as unknown[];
      more = chunk.more;
      state.positions[phase] = chunk.position;
      const mapped = await options.map(phase, page);
      if (mapped.restart) state.positions[0] = null;
      let hasMore = more || Boolean(mapped.restart);
      for (let later = phase + 1; !hasMore && later < options.phases.length; later++) {
        hasMore = (await fetcher(any, options.phases[later]!, [])(afterDomain(state.positions[later] ?? null), KEYSET_ORDER, 1)).length > 0;
      }
      // A finished read leaves the cursor at phase 0 with every phase's position: the next read is a delta.
      const next = more ? phase : mapped.restart || !hasMore ? 0 : phase + 1;
      const skipped = mapped.skipped?.filter((s) => s.count > 0);
      yield {
        items: mapped.items, issues: mapped.issues, deleted: mapped.deleted ?? [], cursor: encodeCursor({ ...state, phase: next }), hasMore,
        ...(skipped?.length ? { skipped } : {}),
      };
      if (!hasMore) return;
      if (mapped.restart) phase = -1;
      if (mapped.restart) break;
    }
  }
}
