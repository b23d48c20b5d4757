import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import { ConnectorError, stableHash, type Page, type RecordIssue, type SkippedCount } from "@omnibridge/core-model";
import { z } from "zod";
import { secondOf } from "../akeneo-search";

/**
 * Cursor of a delta pass over Akeneo resources. Akeneo's `updated` filter has second precision
 * and list order is by primary key, not by time, so a keyset on (updated, id) cannot be read
 * off the pages. Instead a pass reads everything `updated > since` and the next pass starts at
 * the server's clock (its `Date` header) at the start of this pass, minus one second: nothing
 * changed during the pass is lost. Records of that boundary second are read again, so their
 * content hashes travel in the cursor (`seen`) and unchanged ones are skipped: the final
 * cursor reads nothing unchanged.
 */
export const passCursorSchema = z.object({
  v: z.literal(1),
  kind: z.string(),
  /** Lower bound of this pass (ISO, exclusive, whole second), null for a full read. */
  since: z.string().nullable(),
  /** Phase of the pass (products: 0 models, 1 products). */
  phase: z.int().nonnegative(),
  /** Next page of the current phase (relative `_links.next.href`), null at a phase start. */
  next: z.string().nullable(),
  /** Lower bound of the next pass, fixed by the first response of this pass. */
  bound: z.string().nullable(),
  /** Hashes of boundary records read by the previous pass, by canonical key. */
  seen: z.record(z.string(), z.string()),
  /** Hashes of this pass's records newer than `bound` (become `seen` of the next pass). */
  acc: z.record(z.string(), z.string()),
  /**
   * This delta pass reads everything, as a full read does: so much changed since `since` that reading
   * the changes (and each changed variant's whole model) would cost more. Absent: not decided yet.
   */
  whole: z.boolean().optional(),
});
export type PassCursor = z.infer<typeof passCursorSchema>;

/** At most this many boundary hashes travel in a cursor; beyond it records may be re-read (never lost). */
const MAX_BOUNDARY = 1_000;

/** Start or resume a pass of `kind` from an opaque cursor. */
export function openPass(kind: string, cursor: string | null | undefined, system: string): PassCursor {
  if (!cursor) return { v: 1, kind, since: null, phase: 0, next: null, bound: null, seen: {}, acc: {} };
  const state = decodeCursor(cursor, passCursorSchema, system);
  if (state.kind !== kind) throw new ConnectorError("invalid", `${system}: cursor is for ${state.kind}, not ${kind}`, { system });
  return state;
}

/** Fix the next pass's bound from the server's Date header (or the local clock minus a minute). */
export function fixBound(state: PassCursor, serverDate: string | undefined): void {
  if (state.bound) return;
  const now = serverDate && !Number.isNaN(Date.parse(serverDate)) ? Date.parse(serverDate) : Date.now() - 60_000;
  state.bound = new Date(secondOf(new Date(now).toISOString()) - 1_000).toISOString();
}

/**
 * Drop records unchanged since the previous pass's boundary and remember this pass's boundary
 * records. Returns the items to emit.
 */
export function filterBoundary<T extends { key: string; updatedAt: string }>(state: PassCursor, items: readonly T[]): T[] {
  const out: T[] = [];
  const bound = state.bound ? Date.parse(state.bound) : undefined;
  let held = Object.keys(state.acc).length;
  for (const item of items) {
    // Hash only what needs it (a record of this pass's boundary second, or one the previous pass saw at its
    // boundary): hashing every record cost as much CPU as mapping it.
    const remember = bound !== undefined && held < MAX_BOUNDARY && secondOf(item.updatedAt) > bound;
    const previous = Object.hasOwn(state.seen, item.key) ? state.seen[item.key] : undefined;
    const hash = remember || previous !== undefined ? stableHash(item) : undefined;
    if (remember && hash !== undefined) {
      if (!Object.hasOwn(state.acc, item.key)) held++;
      state.acc[item.key] = hash;
    }
    if (previous !== undefined && previous === hash) continue;
    out.push(item);
  }
  return out;
}

/** Move to the next page/phase; at the end of the last phase, start the next pass. Returns true when the pass is done. */
export function advance(state: PassCursor, next: string | null, phases: number): boolean {
  if (next) {
    state.next = next;
    return false;
  }
  state.next = null;
  state.phase++;
  if (state.phase < phases) return false;
  Object.assign(state, { since: state.bound, phase: 0, bound: null, seen: state.acc, acc: {} });
  delete state.whole;
  return true;
}

/** Build the page for the consumer; `skipped` counts vendor records deliberately not delivered as items. */
export function pageOf<T>(state: PassCursor, items: T[], issues: RecordIssue[], done: boolean, skipped?: SkippedCount[]): Page<T> {
  return { items, issues, deleted: [], cursor: encodeCursor(state), hasMore: !done, ...(skipped?.length ? { skipped } : {}) };
}
