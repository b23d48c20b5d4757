import { ConnectorError } from "@omnibridge/core-model";

/** Pages one list may take before we call it a loop: 100,000 pages of 100 = 10 M records. */
export const DEFAULT_PAGE_CEILING = 100_000;

/**
 * Guards a hand-written `_links.next` loop: Akeneo says "never build page / search_after values
 * yourself, follow `_links.next`" (https://api.akeneo.com/documentation/pagination.html), so a
 * server (or proxy) that answers a `next` pointing back at a page already read would keep a
 * reader busy forever, collecting items in memory. A repeated link or more pages than the
 * ceiling stops the read with a `protocol` error naming the resource.
 */
export class NextLinkGuard {
  private readonly seen = new Set<string>();
  private pages = 0;

  constructor(private readonly system: string, private readonly resource: string, private readonly ceiling = DEFAULT_PAGE_CEILING) {}

  /** Record the position about to be fetched (a path or an href); throws on a repeat or past the ceiling. */
  visit(position: string): void {
    if (this.seen.has(position)) {
      throw new ConnectorError("protocol", `${this.system} ${this.resource}: _links.next repeats a page already read (${redactQuery(position)}); stopped to avoid an endless read`, { system: this.system, operation: `GET ${this.resource}` });
    }
    if (++this.pages > this.ceiling) {
      throw new ConnectorError("protocol", `${this.system} ${this.resource}: more than ${this.ceiling} pages; stopped to avoid an endless read`, { system: this.system, operation: `GET ${this.resource}` });
    }
    this.seen.add(position);
  }
}

/** Path of a link without its query (search values may name products; keep messages short). */
function redactQuery(position: string): string {
  const at = position.indexOf("?");
  return at < 0 ? position : `${position.slice(0, at)}?…`;
}
