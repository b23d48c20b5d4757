import { z } from "zod";
import { ConnectorError, type Page, type RecordIssue } from "@omnibridge/core-model";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { OdooClient } from "../odoo-client";

/** A keyset position: the last record read, by (write_date, id). */
export type KeysetPosition = [writeDate: string, id: number];

/**
 * Records strictly after a position in `write_date asc, id asc` order. Equal write_date is
 * resolved by id, so records sharing the boundary second are never skipped.
 * https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#search-domains
 */
export function keysetDomain(position: KeysetPosition | null, extra: readonly unknown[] = []): unknown[] {
  if (!position) return [...extra];
  const [writeDate, id] = position;
  return [...extra, "|", ["write_date", ">", writeDate], "&", ["write_date", "=", writeDate], ["id", ">", id]];
}

/** Deterministic order for keyset pagination (vendor-apis §1 "Pagination"). */
export const KEYSET_ORDER = "write_date asc, id asc";

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
  /** Re-read phase 0 from the start (a change that affects every record, e.g. a global price rule). */
  restart?: boolean;
}

const cursorSchema = z.object({ v: z.literal(1), phase: z.int().nonnegative(), positions: z.array(z.tuple([z.string(), z.int()]).nullable()) });
type StreamCursor = z.infer<typeof cursorSchema>;
const rowKeySchema = z.object({ id: z.int(), write_date: z.string() });

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

async function fetchRows(options: KeysetStreamOptions<unknown>, phase: Phase, position: KeysetPosition | null, limit: number, order = KEYSET_ORDER): Promise<unknown[]> {
  return options.client.call(phase.model, "search_read", {
    domain: keysetDomain(position, phase.domain), fields: [...new Set(["id", "write_date", ...phase.fields])], limit, order,
    context: phase.archived ? { active_test: false } : undefined,
  }, z.array(z.unknown()), { signal: options.signal });
}

/** The newest (write_date, id) of a phase's model: where a full read leaves its secondary phases. */
async function head(options: KeysetStreamOptions<unknown>, phase: Phase): Promise<KeysetPosition | null> {
  const [row] = await fetchRows(options, { ...phase, fields: [] }, null, 1, "write_date desc, id desc");
  const parsed = rowKeySchema.safeParse(row);
  return parsed.success ? [parsed.data.write_date, parsed.data.id] : null;
}

async function start<T>(options: KeysetStreamOptions<T>): Promise<StreamCursor> {
  if (options.cursor) return decodeCursor(options.cursor, cursorSchema, options.system);
  const positions: StreamCursor["positions"] = [null];
  for (const phase of options.phases.slice(1)) positions.push(await head(options as KeysetStreamOptions<unknown>, phase));
  return { v: 1, phase: 0, positions };
}

/**
 * Keyset pagination over one or more Odoo models: `search_read` with `write_date asc, id asc`,
 * limit pageSize + 1 (the extra row tells whether more follow), the cursor after each page
 * holding (write_date, id) per phase. A full read (no cursor) polls phase 0 only and parks
 * later phases at their newest record, so the next delta sees only changes.
 */
export async function* keysetStream<T>(options: KeysetStreamOptions<T>): AsyncGenerator<Page<T>> {
  const state = await start(options);
  if (state.positions.length !== options.phases.length) throw new ConnectorError("invalid", `${options.system}: cursor belongs to another stream`, { system: options.system });
  const any = options as KeysetStreamOptions<unknown>;
  for (let phase = state.phase; phase < options.phases.length; phase++) {
    for (let more = true; more; ) {
      const rows = await fetchRows(any, options.phases[phase]!, state.positions[phase] ?? null, options.pageSize + 1);
      const page = rows.slice(0, options.pageSize);
      more = rows.length > options.pageSize;
      if (page.length) {
        const last = rowKeySchema.safeParse(page.at(-1));
        if (!last.success) throw new ConnectorError("protocol", `${options.system}: ${options.phases[phase]!.model} row without id/write_date`, { system: options.system });
        state.positions[phase] = [last.data.write_date, last.data.id];
      }
      const mapped = await options.map(phase, page);
      if (mapped.restart) state.positions[0] = null;
      let hasMore = more || Boolean(mapped.restart);
      for (let later = phase + 1; !hasMore && later < options.phases.length; later++) {
        hasMore = (await fetchRows(any, { ...options.phases[later]!, fields: [] }, state.positions[later] ?? null, 1)).length > 0;
      }
      // A finished read leaves the cursor at phase 0 with every phase's position: the next read is a delta.
      const next = more ? phase : mapped.restart || !hasMore ? 0 : phase + 1;
      yield { items: mapped.items, issues: mapped.issues, deleted: mapped.deleted ?? [], cursor: encodeCursor({ ...state, phase: next }), hasMore };
      if (!hasMore) return;
      if (mapped.restart) phase = -1;
      if (mapped.restart) break;
    }
  }
}
