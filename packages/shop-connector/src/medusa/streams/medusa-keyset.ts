import { z } from "zod";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { MedusaClient, MedusaQuery } from "../medusa-client";

/** Largest page the connector asks for (Medusa documents no cap; admin lists default to 15–50). */
export const MEDUSA_MAX_PAGE = 200;

/** A keyset position: every record with `updated_at <= at` has been delivered. */
export const updatedMarkSchema = z.string().nullable();

const stampSchema = z.object({ id: z.string(), updated_at: z.string() }).loose();

/** One page of raw rows with the mark after it. */
export interface UpdatedPage {
  rows: unknown[];
  at: string | null;
  hasMore: boolean;
}

/** Options of {@link medusaUpdatedPages}. */
export interface UpdatedPagesOptions {
  path: string;
  resource: string;
  query: MedusaQuery;
  pageSize?: number;
  at: string | null;
  signal?: AbortSignal;
}

/** Page size clamped to Medusa-friendly bounds. */
export function pageLimit(pageSize: number | undefined): number {
  return Math.min(MEDUSA_MAX_PAGE, Math.max(1, Math.trunc(pageSize ?? 100)));
}

/**
 * Keyset pages of an admin list by `updated_at`. Medusa sorts by one field only (`order=updated_at`;
 * `order=updated_at,id` is a 500) and filters with operators that need the `$`
 * (`updated_at[$gt]=…`; `updated_at[gt]` is silently ignored and returns everything).
 * https://docs.medusajs.com/api/admin#query-parameters (filtering, `order`)
 * So a page takes the rows after the mark, and when it is full, re-reads the rows sharing its last
 * timestamp completely (`updated_at[$eq]`, by id): a page never ends inside a group of records
 * that share a timestamp (batch creates do), and the mark is that timestamp. Timestamps have
 * millisecond precision in Medusa's database, as in the API.
 */
export async function* medusaUpdatedPages(client: MedusaClient, options: UpdatedPagesOptions): AsyncGenerator<UpdatedPage> {
  const limit = pageLimit(options.pageSize);
  let at = options.at;
  for (;;) {
    const query: MedusaQuery = { ...options.query, limit, order: "updated_at", ...(at ? { "updated_at[$gt]": at } : {}) };
    const page = await client.list(options.path, options.resource, query, options.signal);
    const stamps = page.rows.map((row) => stampSchema.parse(row));
    if (page.rows.length < limit) {
      yield { rows: page.rows, at: stamps.at(-1)?.updated_at ?? at, hasMore: false };
      return;
    }
    const boundary = stamps.at(-1)!.updated_at;
    const before = page.rows.filter((_, i) => stamps[i]!.updated_at !== boundary);
    const ties = await allAt(client, options, boundary, limit);
    at = boundary;
    const remaining = page.count === null ? 1 : page.count - before.length - ties.length;
    yield { rows: [...before, ...ties], at, hasMore: remaining > 0 };
    if (remaining <= 0) return;
  }
}

/** Every row whose `updated_at` is exactly `stamp`, in id order. */
async function allAt(client: MedusaClient, options: UpdatedPagesOptions, stamp: string, limit: number): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (let offset = 0; ; offset += limit) {
    const query: MedusaQuery = { ...options.query, limit, offset, order: "id", "updated_at[$eq]": stamp };
    const page = await client.list(options.path, options.resource, query, options.signal);
    rows.push(...page.rows);
    if (page.rows.length < limit) return rows;
  }
}

/** Encode / decode a stream's cursor object (versioned, validated). */
export function cursorCodec<T>(schema: z.ZodType<T>, system: string) {
  return {
    encode: (value: T) => encodeCursor(value),
    decode: (cursor: string | null | undefined): T | null => (cursor ? decodeCursor(cursor, schema, system) : null),
  };
}

/** Position of a scan: changes after `since` are wanted; `offset` into the current scan started at `scanStart`. */
export const scanCursorSchema = z.object({ v: z.literal(1), since: z.string().nullable(), offset: z.int().nonnegative(),
  scanStart: z.string().nullable() });
type ScanCursor = z.infer<typeof scanCursorSchema>;

/** Look back this far from the server's clock: a record written while a scan ran is read by the next one. */
const CLOCK_MARGIN_MS = 2_000;

/** One page of a scan: all rows, the `since` to filter them by (ms), and the encoded position after it. */
export interface ScanPage {
  rows: unknown[];
  sinceMs: number;
  cursor: string;
  hasMore: boolean;
}

/**
 * Scan pages of an admin list whose rows cannot be filtered by `updated_at` (inventory items, price
 * lists: "Unrecognized fields: 'updated_at'"). The caller keeps the rows (or nested records) changed
 * after `sinceMs`; the next scan's `since` is this scan's start by the server's `Date` header minus
 * a margin, so a change written during a scan is not lost (at worst delivered twice).
 */
export async function* medusaScanPages(
  client: MedusaClient, options: { path: string; resource: string; fields: string | undefined; pageSize?: number;
    cursor?: string | null; signal?: AbortSignal; system: string },
): AsyncGenerator<ScanPage> {
  const codec = cursorCodec(scanCursorSchema, options.system);
  const state: ScanCursor = codec.decode(options.cursor) ?? { v: 1, since: null, offset: 0, scanStart: null };
  const limit = pageLimit(options.pageSize);
  const sinceMs = state.since ? Date.parse(state.since) : Number.NEGATIVE_INFINITY;
  for (;;) {
    const page = await client.list(options.path, options.resource, { fields: options.fields, limit, offset: state.offset, order: "id" },
      options.signal);
    const serverNow = page.serverDate ? Date.parse(page.serverDate) : Date.now();
    state.scanStart ??= new Date(serverNow - CLOCK_MARGIN_MS).toISOString();
    const done = page.rows.length < limit || (page.count !== null && state.offset + page.rows.length >= page.count);
    if (done) Object.assign(state, { since: state.scanStart, offset: 0, scanStart: null });
    else state.offset += page.rows.length;
    yield { rows: page.rows, sinceMs, cursor: codec.encode(state), hasMore: !done };
    if (done) return;
  }
}
