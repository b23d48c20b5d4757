import { ConnectorError } from "@omnibridge/core-model";

/** A fetched page: its items and the position of the next page (null when done). */
export interface FetchedPage<T, P> {
  items: T[];
  next: P | null;
}

/** A page yielded by a paginator, with the position it was fetched at. */
export interface PaginatedPage<T, P> extends FetchedPage<T, P> {
  position: P;
  index: number;
}

/**
 * Generic paginator: fetch from `start`, follow `next` until it is null. Stops with a
 * `protocol` error when the vendor returns the same position twice (a loop).
 */
export async function* paginate<T, P>(
  start: P,
  fetchPage: (position: P) => Promise<FetchedPage<T, P>>,
): AsyncGenerator<PaginatedPage<T, P>> {
  const seen = new Set<string>();
  let position: P | null = start;
  for (let index = 0; position !== null; index++) {
    const marker = JSON.stringify(position);
    if (seen.has(marker)) throw new ConnectorError("protocol", `pagination did not advance: position ${marker} repeated`);
    seen.add(marker);
    const page: FetchedPage<T, P> = await fetchPage(position);
    yield { ...page, position, index };
    position = page.next;
  }
}

/** Offset/limit pagination: the last page is the one shorter than `limit`. */
export function paginateOffset<T>(limit: number, fetchPage: (offset: number, limit: number) => Promise<T[]>, startOffset = 0) {
  return paginate<T, number>(startOffset, async (offset) => {
    const items = await fetchPage(offset, limit);
    return { items, next: items.length < limit ? null : offset + items.length };
  });
}

/** Page-number pagination (1-based): stops at `totalPages` when known, else at a short page. */
export function paginatePages<T>(
  pageSize: number,
  fetchPage: (page: number) => Promise<{ items: T[]; totalPages?: number }>,
  startPage = 1,
) {
  return paginate<T, number>(startPage, async (page) => {
    const { items, totalPages } = await fetchPage(page);
    const done = totalPages !== undefined ? page >= totalPages : items.length < pageSize;
    return { items, next: done || items.length === 0 ? null : page + 1 };
  });
}

/**
 * Cursor pagination: the vendor returns an opaque token, a next link or a search-after
 * value for the following page, or nothing on the last one.
 */
export function paginateCursor<T, C>(start: C, fetchPage: (cursor: C) => Promise<{ items: T[]; next: C | null | undefined }>) {
  return paginate<T, C>(start, async (cursor) => {
    const { items, next } = await fetchPage(cursor);
    return { items, next: next ?? null };
  });
}
