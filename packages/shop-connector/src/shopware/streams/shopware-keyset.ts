import { z } from "zod";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { ShopwareClient, ShopwareCriteria } from "../shopware-client";

/** Largest page the connector asks for (Shopware caps `limit` at its configured max; 500 is the admin default). */
export const SHOPWARE_MAX_PAGE = 500;

const markSchema = z.object({ at: z.string(), id: z.string() }).nullable();
const cursorSchema = z.object({ v: z.literal(1), phase: z.enum(["created", "updated"]), created: markSchema, updated: markSchema });
type Mark = z.infer<typeof markSchema>;
type KeysetCursor = z.infer<typeof cursorSchema>;

const rowStampSchema = z.object({ id: z.string(), createdAt: z.string().nullish(), updatedAt: z.string().nullish() }).loose();

/** One page of raw rows with the position after it. */
export interface RawPage {
  rows: unknown[];
  cursor: string;
  hasMore: boolean;
}

/**
 * The two phases of a keyset read. Shopware leaves `updatedAt` null until a record's first update
 * (entity reference: `updatedAt` is set by the DAL on write, not on create) and cannot sort by
 * `COALESCE(updatedAt, createdAt)`. So a read walks the never-updated records by (createdAt, id), then
 * the updated ones by (updatedAt, id), each with its own watermark: a record created after the last
 * read is found by the first, one changed after it by the second — whichever group it is in now.
 */
function phaseCriteria(phase: "created" | "updated", mark: Mark): { filter: unknown[]; field: string } {
  const field = phase === "created" ? "createdAt" : "updatedAt";
  const filter: unknown[] = phase === "created" ? [{ type: "equals", field: "updatedAt", value: null }] : [{ type: "not", operator: "and", queries: [{ type: "equals", field: "updatedAt", value: null }] }];
  // `gte`, not `gt`: records sharing the boundary timestamp are re-read and the ones at or before the mark's id skipped.
  if (mark) filter.push({ type: "range", field, parameters: { gte: mark.at } });
  return { filter, field };
}

function stampOf(row: unknown, field: string): { at: string; id: string; ms: number } {
  const stamp = rowStampSchema.parse(row);
  const at = (field === "createdAt" ? stamp.createdAt : stamp.updatedAt) ?? stamp.createdAt ?? "";
  return { at, id: stamp.id, ms: Date.parse(at) };
}

/** True when a row is at or before the mark (already delivered). */
function seen(stamp: { ms: number; id: string }, mark: Mark): boolean {
  if (!mark) return false;
  const markMs = Date.parse(mark.at);
  return stamp.ms < markMs || (stamp.ms === markMs && stamp.id <= mark.id);
}

/**
 * Keyset pages of `POST /api/search/{entity}` (Criteria: filter, sort, page, limit;
 * docs/concepts/endpoint-structure/reading-entities.md). Sorted by the phase's timestamp then id;
 * `total-count-mode: none` (the documented default, no COUNT query): a short page is the last.
 */
export async function* shopwareKeysetPages(
  client: ShopwareClient,
  entity: string,
  options: { base: ShopwareCriteria; pageSize?: number; cursor?: string | null; signal?: AbortSignal; system: string },
): AsyncGenerator<RawPage> {
  const limit = Math.min(SHOPWARE_MAX_PAGE, Math.max(1, Math.trunc(options.pageSize ?? 100)));
  const state: KeysetCursor = options.cursor
    ? decodeCursor(options.cursor, cursorSchema, options.system)
    : { v: 1, phase: "created", created: null, updated: null };
  while (true) {
    const mark = state.phase === "created" ? state.created : state.updated;
    const { filter, field } = phaseCriteria(state.phase, mark);
    let page = 1;
    let fresh: unknown[] = [];
    let short = false;
    for (;;) {
      const criteria: ShopwareCriteria = {
        ...options.base, page, limit, filter: [...(options.base.filter ?? []), ...filter],
        sort: [{ field, order: "ASC" }, { field: "id", order: "ASC" }], "total-count-mode": "none",
      };
      const { rows } = await client.search(entity, criteria, options.signal);
      short = rows.length < limit;
      fresh = rows.filter((row) => !seen(stampOf(row, field), mark));
      // A full page that is all boundary rows already seen: look further at the same boundary, never loop.
      if (fresh.length > 0 || short) break;
      page++;
    }
    const last = fresh.at(-1);
    if (last !== undefined) {
      const stamp = stampOf(last, field);
      const next = { at: stamp.at, id: stamp.id };
      if (state.phase === "created") state.created = next;
      else state.updated = next;
    }
    const finished = short && state.phase === "updated";
    if (short && state.phase === "created") state.phase = "updated";
    else if (finished) state.phase = "created";
    yield { rows: fresh, cursor: encodeCursor(state), hasMore: !finished };
    if (finished) return;
  }
}
