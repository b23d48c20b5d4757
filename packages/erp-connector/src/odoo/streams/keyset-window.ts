/**
 * Keyset windows over Odoo's `write_date`. Odoo stores write_date with microseconds (the
 * transaction's timestamp) but `read` returns it truncated to seconds, so `=` on a read value
 * rarely matches and a mass import shares one timestamp. Pages therefore end on second
 * boundaries: rows of the second a page would cut through are read as a "bucket" of that second,
 * ordered by id — never skipped, never read twice, and no loop however many rows share it.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#list-records
 */

/** Position: a second ("YYYY-MM-DD HH:MM:SS"), the last id read in it, and whether reading inside it. */
export type KeysetPosition = [second: string, id: number, bucket: 0 | 1];

/** Searches one model: domain, order, limit → rows with id and write_date. */
export type RowFetcher = (domain: unknown[], order: string, limit: number) => Promise<Array<{ id: number; write_date: string }>>;

/** Deterministic order for keyset pagination (vendor-apis §1 "Pagination"). */
export const KEYSET_ORDER = "write_date asc, id asc";

const secondOf = (stamp: string) => stamp.slice(0, 19);

/** The second after `second`. */
export function nextSecond(second: string): string {
  return new Date(Date.parse(`${second.replace(" ", "T")}Z`) + 1000).toISOString().slice(0, 19).replace("T", " ");
}

function bucketDomain([second, id]: KeysetPosition): unknown[] {
  return ["&", "&", ["write_date", ">=", second], ["write_date", "<", nextSecond(second)], ["id", ">", id]];
}

/** Every record after a position (for "is there more?" peeks). */
export function afterDomain(position: KeysetPosition | null): unknown[] {
  if (!position) return [];
  if (position[2] === 0) return [["write_date", ">=", position[0]]];
  return ["|", ["write_date", ">=", nextSecond(position[0])], ...bucketDomain(position)];
}

/** One window of rows after `position`, the position after it, and whether more rows follow. */
export interface KeysetChunk<R> {
  rows: R[];
  position: KeysetPosition | null;
  more: boolean;
}

async function readBucket<R extends { id: number }>(fetch: RowFetcher, position: KeysetPosition, size: number): Promise<KeysetChunk<R> | null> {
  const rows = (await fetch(bucketDomain(position), "id asc", size + 1)) as unknown as R[];
  if (!rows.length) return null;
  const page = rows.slice(0, size);
  const next: KeysetPosition = [position[0], page.at(-1)!.id, 1];
  return { rows: page, position: next, more: rows.length > size || (await fetch(afterDomain(next), KEYSET_ORDER, 1)).length > 0 };
}

/** Read the next window of at most `size` rows after `position` (null = from the start). */
export async function readKeysetChunk<R extends { id: number; write_date: string }>(fetch: RowFetcher, position: KeysetPosition | null, size: number): Promise<KeysetChunk<R>> {
  let at = position;
  for (;;) {
    if (at?.[2] === 1) {
      const chunk = await readBucket<R>(fetch, at, size);
      if (chunk) return chunk;
      const later: KeysetPosition = [nextSecond(at[0]), 0, 0];
      if (!(await fetch(afterDomain(later), KEYSET_ORDER, 1)).length) return { rows: [], position: at, more: false };
      at = later;
    }
    const rows = (await fetch(afterDomain(at), KEYSET_ORDER, size + 1)) as unknown as R[];
    if (rows.length <= size) {
      if (!rows.length) return { rows, position: at, more: false };
      const last = secondOf(rows.at(-1)!.write_date);
      const maxId = Math.max(...rows.filter((r) => secondOf(r.write_date) === last).map((r) => r.id));
      return { rows, position: [last, maxId, 1], more: false };
    }
    // The window cuts through second `cut`: emit what precedes it, then read that second by id.
    const cut = secondOf(rows[size]!.write_date);
    const page = rows.slice(0, size).filter((r) => secondOf(r.write_date) < cut);
    at = [cut, 0, 1];
    if (page.length) return { rows: page, position: at, more: true };
  }
}
