import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { compileSearch, unprocessable, type Filterable } from "./akeneo-emulator-search";

/** A listable resource. */
export interface ListSource<T> {
  /** Path of the list, e.g. `/api/rest/v1/products-uuid`. */
  path: string;
  kind: "product" | "model" | "catalog";
  /** Code of the identifier attribute (products filter on it by code). */
  identifierAttribute?: string;
  /** Keys in primary-key order (the search_after order). */
  keys: readonly string[];
  /** A narrower, sorted key list for this search, when an index can answer it (parent IN, identifier IN). */
  candidates?: (search: unknown) => string[] | undefined;
  get(key: string): T | undefined;
  filterable(record: T): Filterable;
  /** Render one record; `query` carries per-request options (`attributes`). */
  render(record: T, query: URLSearchParams): Record<string, unknown>;
  /** search_after is offered for products and product models only. */
  searchAfter: boolean;
  /** Page pagination stops at 10,000 items for products and product models. */
  pageCap: boolean;
}

const encodeToken = (key: string) => Buffer.from(key, "utf8").toString("base64url");
const decodeToken = (token: string) => Buffer.from(token, "base64url").toString("utf8");

function upper(keys: readonly string[], after: string | null): number {
  if (after === null) return 0;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function href(base: string, path: string, query: URLSearchParams, changes: Record<string, string | null>): { href: string } {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return { href: `${base}${path}?${params.toString()}` };
}

/**
 * A list response as Akeneo sends it (https://api.akeneo.com/documentation/pagination.html):
 * `limit` 1..100 (default 10), `page` pagination with `current_page` and `_links` self/first/
 * previous/next, or `search_after` (products, product models) following an opaque token.
 */
export function listResponse<T>(request: EmulatorRequest, source: ListSource<T>, base: string): EmulatorResponse {
  const q = request.query;
  const limit = Number(q.get("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1) return unprocessable(`"${q.get("limit")}" is not a valid limit number.`);
  if (limit > 100) return unprocessable("You cannot request more than 100 items.");
  const type = q.get("pagination_type") ?? "page";
  if (type !== "page" && !(type === "search_after" && source.searchAfter)) return unprocessable(`Pagination type "${type}" is not supported.`);
  const predicate = compileSearch(q.get("search"), source.kind, source.identifierAttribute);
  if (typeof predicate !== "function") return predicate;
  let parsedSearch: unknown;
  try {
    parsedSearch = q.get("search") ? JSON.parse(q.get("search")!) : undefined;
  } catch { /* compileSearch rejected it already */ }
  const keys = source.candidates?.(parsedSearch) ?? source.keys;
  const match = (key: string) => {
    const record = source.get(key);
    return record !== undefined && predicate(source.filterable(record)) ? record : undefined;
  };
  if (type === "search_after") return searchAfterPage(source, q, keys, match, limit, base);
  const page = Number(q.get("page") ?? 1);
  if (!Number.isInteger(page) || page < 1) return unprocessable(`"${q.get("page")}" is not a valid page number.`);
  if (source.pageCap && (page - 1) * limit >= 10_000) {
    return unprocessable('You have reached the maximum number of pages you can retrieve with the "page" pagination type. Please use the search after pagination type instead');
  }
  const matched: T[] = [];
  let total = 0;
  for (const key of keys) {
    const record = match(key);
    if (!record) continue;
    if (total >= (page - 1) * limit && matched.length < limit) matched.push(record);
    total++;
  }
  const links: Record<string, { href: string }> = { self: href(base, source.path, q, {}), first: href(base, source.path, q, { page: "1" }) };
  if (page > 1) links.previous = href(base, source.path, q, { page: String(page - 1) });
  if (total > page * limit) links.next = href(base, source.path, q, { page: String(page + 1) });
  const items = matched.map((r) => source.render(r, q));
  const body: Record<string, unknown> = { _links: links, current_page: page, _embedded: { items } };
  if (q.get("with_count") === "true") body.items_count = total;
  return { status: 200, body };
}

/** One search_after page: items after the token's key in primary-key order; `next` only when more match. */
function searchAfterPage<T>(
  source: ListSource<T>, q: URLSearchParams, keys: readonly string[], match: (key: string) => T | undefined, limit: number, base: string,
): EmulatorResponse {
  const after = q.get("search_after");
  const items: T[] = [];
  let lastKey: string | null = null;
  let more = false;
  for (let i = upper(keys, after === null ? null : decodeToken(after)); i < keys.length; i++) {
    const record = match(keys[i]!);
    if (!record) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(record);
    lastKey = keys[i]!;
  }
  const links: Record<string, { href: string }> = {
    self: href(base, source.path, q, {}), first: href(base, source.path, q, { search_after: null }),
  };
  if (more && lastKey !== null) links.next = href(base, source.path, q, { search_after: encodeToken(lastKey) });
  return { status: 200, body: { _links: links, _embedded: { items: items.map((r) => source.render(r, q)) } } };
}
