/**
 * Keyset windows over Odoo's `write_date`. Odoo stores write_date with microseconds (the
 * transaction's timestamp) but `read` returns it truncated to seconds, so `=` on a read value
 * rarely matches and a mass import shares one timestamp. Pages therefore end on second
 * boundaries: rows of the second a page would cut through are read as a "bucket" of that second,
 * ordered by id — never skipped, never read twice, and no loop however many rows share it.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#list-records
 */

/**
 * Position: a second ("YYYY-MM-DD HH:MM:SS"), the last id read in it, and the state of that
 * second: 0 = start of it (nothing read yet), 1 = reading its bucket by id, 2 = its bucket was
 * read to the end while later rows existed (continue after it; at the tail fall back to 1).
 */
export type KeysetPosition = [second: string, id: number, bucket: 0 | 1 | 2];

/** Searches one model: domain, order, limit → rows with id and write_date. */
export type RowFetcher = (domain: unknown[], order: string, limit: number) => Promise<Array<{ id: number; write_date: string }>>;

/** What every row of a keyset read carries. */
type KeysetRow = { id: number; write_date: string };

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
  // 1 and 2 alike: anything after the second, or in it with a higher id.
  return ["|", ["write_date", ">=", nextSecond(position[0])], ...bucketDomain(position)];
}

/** One window of rows after `position`, the position after it, and whether more rows follow. */
export interface KeysetChunk<R> {
  rows: R[];
  position: KeysetPosition | null;
  more: boolean;
}

/** Rows after a position that is not inside a bucket, at most `room`, cut on a second boundary. */
async function readWindow<R extends KeysetRow>(fetch: RowFetcher, at: KeysetPosition | null, room: number): Promise<KeysetChunk<R>> {
  const rows = (await fetch(at?.[2] === 2 ? [["write_date", ">=", nextSecond(at[0])]] : afterDomain(at), KEYSET_ORDER, room + 1)) as unknown as R[];
  if (rows.length <= room) {
    // The tail: the position stays inside the last second, so rows written later in it are still seen.
    if (!rows.length) return { rows, position: at && at[2] === 2 ? [at[0], at[1], 1] : at, more: false };
    const last = secondOf(rows.at(-1)!.write_date);
    const maxId = Math.max(...rows.filter((r) => secondOf(r.write_date) === last).map((r) => r.id));
    return { rows, position: [last, maxId, 1], more: false };
  }
  // The window cuts through second `cut`: keep what precedes it, then fill up with that second's rows by id.
  const cut = secondOf(rows[room]!.write_date);
  const page = rows.slice(0, room).filter((r) => secondOf(r.write_date) < cut);
  const left = room - page.length;
  if (left === 0) return { rows: page, position: [cut, 0, 1], more: true };
  const bucket = (await fetch(bucketDomain([cut, 0, 1]), "id asc", left + 1)) as unknown as R[];
  const taken = bucket.slice(0, left);
  return { rows: [...page, ...taken], position: [cut, taken.at(-1)?.id ?? 0, bucket.length > left ? 1 : 2], more: true };
}

/**
 * Read the next window of at most `size` rows after `position` (null = from the start).
 * `openSince()`: seconds at or after it may still receive writes (the server's clock minus a
 * margin). A read that ends inside such a second parks before it (bucket 0), so a row written
 * again in that same second — same truncated write_date, an id already passed — is read again
 * next time instead of being skipped; once the second is closed the position moves past it.
 */
export async function readKeysetChunk<R extends KeysetRow>(
  fetch: RowFetcher, position: KeysetPosition | null, size: number, openSince?: () => string | undefined,
): Promise<KeysetChunk<R>> {
  const chunk = await readChunk<R>(fetch, position, size);
  const at = chunk.position;
  // Asked after the reads, so the clock is that of the server's latest answer.
  const open = chunk.more || !at ? undefined : openSince?.();
  if (open === undefined || !at || at[0] < open) return chunk;
  return { ...chunk, position: [at[0], 0, 0] };
}

async function readChunk<R extends KeysetRow>(fetch: RowFetcher, position: KeysetPosition | null, size: number): Promise<KeysetChunk<R>> {
  if (position?.[2] !== 1) return readWindow<R>(fetch, position, size);
  const rows = (await fetch(bucketDomain(position), "id asc", size + 1)) as unknown as R[];
  if (rows.length > size) return { rows: rows.slice(0, size), position: [position[0], rows[size - 1]!.id, 1], more: true };
  // The bucket is done: fill the rest of the page from the following seconds.
  const done: KeysetPosition = [position[0], rows.at(-1)?.id ?? position[1], 2];
  if (rows.length === size) {
    const more = (await fetch([["write_date", ">=", nextSecond(position[0])]], KEYSET_ORDER, 1)).length > 0;
    return { rows, position: more ? done : [done[0], done[1], 1], more };
  }
  const rest = await readWindow<R>(fetch, done, size - rows.length);
  return { rows: [...rows, ...rest.rows], position: rest.position, more: rest.more };
}
