import type { EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { contentfulError } from "./contentful-emulator-wire";

/**
 * Collection queries shared by the CMA and the CDA: `skip` / `limit` (default 100, max 1000),
 * `order`, `content_type`, and filters on `sys.*`, `fields.*` (only with `content_type`) and
 * `metadata.tags.sys.id` with the search operators `[ne] [in] [nin] [exists] [match] [all]
 * [lt] [lte] [gt] [gte]`. Values of array fields match when the array holds them.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/search-parameters
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/entries/entries-collection
 */
type Operator = "eq" | "ne" | "in" | "nin" | "exists" | "match" | "all" | "lt" | "lte" | "gt" | "gte";
interface Filter { path: string[]; operator: Operator; value: string }
interface Order { path: string[]; descending: boolean }

/** A parsed collection query. */
export interface CollectionQuery {
  skip: number;
  limit: number;
  contentType?: string;
  filters: Filter[];
  order: Order[];
  /** `select`: the properties to keep of each item (`sys`, `sys.id`, `fields`, `fields.title`, `metadata`). */
  select?: string[][];
}

const OPERATORS = new Set<Operator>(["ne", "in", "nin", "exists", "match", "all", "lt", "lte", "gt", "gte"]);
/** Parameters that are not filters. */
const RESERVED = new Set(["skip", "limit", "order", "locale", "include", "select", "access_token", "content_type", "links_to_entry", "links_to_asset"]);
const MAX_LIMIT = 1000;

const invalidQuery = (errors: unknown[]) =>
  contentfulError(400, "InvalidQuery", "The query you sent was invalid. Probably a filter or ordering specification is not applicable to the type of a field.", { errors });

function integer(raw: string | null, fallback: number, name: string, max: number): number | EmulatorResponse {
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) return invalidQuery([{ name: "range", path: [name], value: raw, details: `${name} must be an integer between 0 and ${max}` }]);
  return value;
}

/** Parse a collection query, or answer 400 InvalidQuery as Contentful does. */
export function parseCollectionQuery(query: URLSearchParams): CollectionQuery | EmulatorResponse {
  const skip = integer(query.get("skip"), 0, "skip", Number.MAX_SAFE_INTEGER);
  if (typeof skip !== "number") return skip;
  const limit = integer(query.get("limit"), 100, "limit", MAX_LIMIT);
  if (typeof limit !== "number") return limit;
  const contentType = query.get("content_type") ?? undefined;
  const filters: Filter[] = [];
  for (const [name, value] of query) {
    if (RESERVED.has(name)) continue;
    const match = /^((?:sys|fields|metadata)\.[^[\]]+)(?:\[([a-z]+)\])?$/.exec(name);
    const operator = (match?.[2] ?? "eq") as Operator;
    if (!match || (operator !== "eq" && !OPERATORS.has(operator))) return invalidQuery([{ name: "unknown", path: [name], details: `The path "${name}" is not recognized` }]);
    const path = match[1]!.split(".");
    if (path[0] === "fields" && !contentType) return invalidQuery([{ name: "unknownContentType", path, details: "Filtering on fields needs a content_type" }]);
    filters.push({ path, operator, value });
  }
  const order: Order[] = [];
  for (const raw of (query.get("order") ?? "").split(",").filter(Boolean)) {
    const descending = raw.startsWith("-");
    const path = (descending ? raw.slice(1) : raw).split(".");
    if (!["sys", "fields"].includes(path[0]!) || (path[0] === "fields" && !contentType)) return invalidQuery([{ name: "unknown", path: ["order"], value: raw }]);
    order.push({ path, descending });
  }
  const select = parseSelect(query.get("select"), contentType);
  if (select && !Array.isArray(select)) return select;
  return { skip, limit, contentType, filters, order, select };
}

/**
 * `select=sys.id,fields.title`: at most two levels deep, `fields.<id>` only with a `content_type`.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/search-parameters/select-operator
 */
function parseSelect(raw: string | null, contentType: string | undefined): string[][] | EmulatorResponse | undefined {
  if (raw === null) return undefined;
  const paths = raw.split(",").map((part) => part.trim()).filter(Boolean).map((part) => part.split("."));
  for (const path of paths) {
    if (path.length > 2 || !["sys", "fields", "metadata"].includes(path[0]!)) return invalidQuery([{ name: "select", path: ["select"], value: path.join("."), details: "Select is only applicable to sys, fields and metadata, at most two levels deep" }]);
    if (path[0] === "fields" && path.length === 2 && !contentType) return invalidQuery([{ name: "select", path: ["select"], value: path.join("."), details: "Selecting fields.* needs a content_type" }]);
  }
  return paths.length ? paths : undefined;
}

/** An item reduced to the selected properties (nothing else, `metadata` included). */
function project(item: unknown, select: string[][]): unknown {
  const source = item as Record<string, Record<string, unknown> | undefined>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [top, inner] of select) {
    const value = source[top!];
    if (value === undefined) continue;
    if (inner === undefined) out[top!] = value;
    else if (value[inner] !== undefined) out[top!] = { ...out[top!], [inner]: value[inner] };
  }
  return out;
}

/** The value at a path; `fields.x` of a locale-keyed item reads `locale`. */
function valueAt(item: unknown, path: string[], locale: string | undefined): unknown {
  let value: unknown = item;
  for (const segment of path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  if (locale && path[0] === "fields" && path.length === 2 && value && typeof value === "object" && !Array.isArray(value)) {
    return (value as Record<string, unknown>)[locale];
  }
  return value;
}

const text = (value: unknown) => (typeof value === "object" && value !== null && "sys" in value ? String((value as { sys: { id: unknown } }).sys.id) : String(value));

function compare(a: unknown, b: string): number {
  if (typeof a === "number") return a - Number(b);
  return String(a).localeCompare(b);
}

function matches(value: unknown, filter: Filter): boolean {
  const list = filter.value.split(",");
  const values = Array.isArray(value) ? value.map(text) : value === undefined || value === null ? [] : [text(value)];
  switch (filter.operator) {
    case "eq": return values.includes(filter.value);
    case "ne": return !values.includes(filter.value);
    case "in": return values.some((v) => list.includes(v));
    case "nin": return !values.some((v) => list.includes(v));
    case "all": return list.every((v) => values.includes(v));
    case "exists": return (values.length > 0) === (filter.value === "true");
    case "match": return values.some((v) => v.toLowerCase().includes(filter.value.toLowerCase()));
    case "lt": return value != null && compare(value, filter.value) < 0;
    case "lte": return value != null && compare(value, filter.value) <= 0;
    case "gt": return value != null && compare(value, filter.value) > 0;
    case "gte": return value != null && compare(value, filter.value) >= 0;
  }
}

/**
 * Filter, order and page rendered items; `locale` is the locale `fields.x` reads on
 * locale-keyed items (CMA, CDA `locale=*`), undefined on flattened CDA items.
 */
export function runCollectionQuery<T>(items: readonly T[], query: CollectionQuery, locale: string | undefined) {
  const filters = [...query.filters];
  if (query.contentType) filters.push({ path: ["sys", "contentType", "sys", "id"], operator: "eq", value: query.contentType });
  const kept = items.filter((item) => filters.every((filter) => matches(valueAt(item, filter.path, locale), filter)));
  if (query.order.length) {
    kept.sort((a, b) => {
      for (const { path, descending } of query.order) {
        const x = valueAt(a, path, locale);
        const y = valueAt(b, path, locale);
        const order = x == null ? (y == null ? 0 : 1) : y == null ? -1 : compare(x, String(y));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  return { sys: { type: "Array" }, total: kept.length, skip: query.skip, limit: query.limit, items: kept.slice(query.skip, query.skip + query.limit).map((item) => (query.select ? project(item, query.select) : item)) };
}
