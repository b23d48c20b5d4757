import type { EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { toSecond } from "./akeneo-emulator-state";

/**
 * The `search` query parameter as Akeneo evaluates it (https://api.akeneo.com/documentation/filter.html):
 * JSON `{property: [{operator, value}]}`. Products and product models take `updated` as
 * `YYYY-MM-DD hh:mm:ss`; attributes, families and categories take `>` with ISO 8601.
 */
export type Predicate<T> = (record: T) => boolean;

/** What a filtered resource exposes to filters. */
export interface Filterable {
  updated: number;
  /**
   * Update times of the product models above a variant: "product variants, with an older updated date
   * than the filter applied, will be part of the API answer if at least one of their parent product
   * model has an updated date that matches the filter applied" (filter.md, On their creation or update date).
   */
  ancestorsUpdated?: number[];
  /** Codes of the product models above a variant (parent `=` matches descendants of a root or sub-model). */
  ancestors?: string[];
  parent?: string | null;
  identifier?: string | null;
  uuid?: string;
}

const PRODUCT_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:?\d{2})$/;

/** 422 body in Akeneo's shape. */
export function unprocessable(message: string): EmulatorResponse {
  return { status: 422, body: { code: 422, message } };
}

type Condition = { operator?: unknown; value?: unknown };

function timeFilter(kind: "product" | "catalog", condition: Condition): Predicate<Filterable> | EmulatorResponse {
  const { operator, value } = condition;
  const format = kind === "product" ? PRODUCT_TIME : ISO_TIME;
  if (kind === "catalog" && operator !== ">") return unprocessable(`Filter on property "updated" does not support operator "${String(operator)}".`);
  const values = operator === "BETWEEN" || operator === "NOT BETWEEN" ? (Array.isArray(value) ? value : []) : [value];
  if (operator === "SINCE LAST N DAYS") {
    if (typeof value !== "number") return unprocessable('Property "updated" expects a number with operator "SINCE LAST N DAYS".');
    return (r) => r.updated > Date.now() - value * 86_400_000;
  }
  if (values.length === 0 || values.some((v) => typeof v !== "string" || !format.test(v))) {
    const expected = kind === "product" ? "yyyy-mm-dd H:i:s" : "yyyy-mm-ddTH:i:sP";
    return unprocessable(`Property "updated" expects a string with the format "${expected}" as data, "${String(value)}" given.`);
  }
  const ms = values.map((v) => Date.parse(kind === "product" ? `${(v as string).replace(" ", "T")}Z` : (v as string)));
  const at = ms[0]!;
  const ops: Record<string, Predicate<Filterable>> = {
    ">": (r) => toSecond(r.updated) > at,
    "<": (r) => toSecond(r.updated) < at,
    "=": (r) => toSecond(r.updated) === at,
    "!=": (r) => toSecond(r.updated) !== at,
    BETWEEN: (r) => toSecond(r.updated) >= at && toSecond(r.updated) <= ms[1]!,
    "NOT BETWEEN": (r) => toSecond(r.updated) < at || toSecond(r.updated) > ms[1]!,
  };
  const op = ops[String(operator)];
  if (!op) return unprocessable(`Filter on property "updated" does not support operator "${String(operator)}".`);
  if (kind === "catalog") return op;
  return (r) => op(r) || (r.ancestorsUpdated ?? []).some((updated) => op({ updated }));
}

function listFilter(property: "parent" | "identifier" | "uuid", condition: Condition): Predicate<Filterable> | EmulatorResponse {
  const { operator, value } = condition;
  const get = (r: Filterable) => r[property] ?? null;
  if (operator === "EMPTY") return (r) => get(r) === null;
  if (operator === "NOT EMPTY") return (r) => get(r) !== null;
  // `parent =` returns descendants of a root or sub-model; `IN` only direct children (filter.md, On their parent).
  if (operator === "=" && typeof value === "string") return property === "parent" ? (r) => get(r) === value || (r.ancestors ?? []).includes(value) : (r) => get(r) === value;
  if ((operator === "IN" || operator === "NOT IN") && Array.isArray(value) && value.every((v) => typeof v === "string")) {
    const set = new Set(value as string[]);
    return operator === "IN" ? (r) => set.has(get(r) ?? "") : (r) => !set.has(get(r) ?? "");
  }
  return unprocessable(`Filter on property "${property}" does not support operator "${String(operator)}" with this value.`);
}

/**
 * Compile `search` for a resource kind into a predicate, or the error Akeneo answers: 400 on
 * invalid JSON, 422 on an unsupported property, operator or value format.
 */
export function compileSearch(raw: string | null, kind: "product" | "model" | "catalog", identifierAttribute = "sku"): Predicate<Filterable> | EmulatorResponse {
  if (raw === null) return () => true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { status: 400, body: { code: 400, message: "Search query parameter should be valid JSON." } };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return unprocessable("Search query parameter has to be an array.");
  const allowed = kind === "product" ? ["updated", "parent", "identifier", "uuid"] : kind === "model" ? ["updated", "parent", "identifier"] : ["updated"];
  const predicates: Predicate<Filterable>[] = [];
  for (const [given, conditions] of Object.entries(parsed)) {
    // Products filter on their identifier through the identifier attribute's code (filter.md, "The
    // pim_catalog_identifier attribute type": =, IN, … on e.g. `sku`); `identifier` is kept for older clients.
    const property = kind === "product" && given === identifierAttribute ? "identifier" : given;
    if (!allowed.includes(property)) return unprocessable(`Filter on property "${property}" is not supported or does not support operator.`);
    if (!Array.isArray(conditions)) return unprocessable(`Structure of filter "${property}" should respect this structure: {"${property}":[{"operator": "my_operator", "value": "my_value"}]}`);
    for (const condition of conditions as Condition[]) {
      const compiled = property === "updated" ? timeFilter(kind === "catalog" ? "catalog" : "product", condition) : listFilter(property as "parent", condition);
      if (typeof compiled !== "function") return compiled;
      predicates.push(compiled);
    }
  }
  return (record) => predicates.every((p) => p(record));
}
