import { ConnectorError, isConnectorError } from "@omnibridge/core-model";
import { paginate, type FetchedPage } from "@omnibridge/connector-kit";

/** Most pages one paged read follows before it stops with an error (a vendor whose `next` never ends). */
export const MAX_PAGES = 10_000;

/**
 * Follow a paged HubSpot endpoint from `start` with connector-kit's `paginate` (which stops when
 * a position repeats) plus a page ceiling, so a `next` pointing to itself or cycling forever ends
 * in a clear `protocol` error instead of an endless read collecting items in memory.
 */
export async function* guardedPages<T, P>(
  what: string, start: P, fetchPage: (position: P) => Promise<FetchedPage<T, P>>, maxPages = MAX_PAGES,
): AsyncGenerator<T[]> {
  try {
    for await (const page of paginate(start, fetchPage)) {
      yield page.items;
      if (page.next !== null && page.index + 1 >= maxPages) {
        throw new ConnectorError("protocol", `hubspot ${what}: still more pages after ${maxPages}; stopping (the API keeps answering with a next page)`, { system: "hubspot" });
      }
    }
  } catch (error) {
    if (isConnectorError(error) && error.reason === "protocol" && error.system === undefined) {
      throw new ConnectorError("protocol", `hubspot ${what}: ${error.message}; the API answered the same paging position twice`, { system: "hubspot", cause: error });
    }
    throw error;
  }
}

/** Collect every item of {@link guardedPages}. */
export async function allPages<T, P>(
  what: string, start: P, fetchPage: (position: P) => Promise<FetchedPage<T, P>>, maxPages = MAX_PAGES,
): Promise<T[]> {
  const out: T[] = [];
  for await (const items of guardedPages(what, start, fetchPage, maxPages)) out.push(...items);
  return out;
}

/** A guard for hand-written loops: each position must be new, and at most `maxPages` are followed. */
export class PageGuard {
  private readonly seen = new Set<string>();
  constructor(private readonly what: string, private readonly maxPages = MAX_PAGES) {}

  /** Register the position about to be fetched; throws when it repeats or the ceiling is passed. */
  visit(position: unknown): void {
    const marker = JSON.stringify(position);
    if (this.seen.has(marker)) throw new ConnectorError("protocol", `hubspot ${this.what}: paging position ${marker} repeated; the API's next page points back`, { system: "hubspot" });
    if (this.seen.size >= this.maxPages) throw new ConnectorError("protocol", `hubspot ${this.what}: still more pages after ${this.maxPages}; stopping`, { system: "hubspot" });
    this.seen.add(marker);
  }
}
