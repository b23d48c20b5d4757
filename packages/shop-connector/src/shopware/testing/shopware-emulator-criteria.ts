// Criteria evaluation of the emulator: the filter types, sorting and paging of the Admin API's
// `Criteria` schema (adminapi.json: EqualsFilter, MultiNotFilter, RangeFilter, SimpleFilter; Search Queries docs).

type Row = Record<string, unknown>;
/** A Criteria filter as the emulator understands it. */
export interface CriteriaFilter {
  type: string;
  field?: string;
  value?: unknown;
  operator?: string;
  queries?: CriteriaFilter[];
  parameters?: Record<string, unknown>;
}

/** Values at a dotted path; arrays on the way fan out (`children.productNumber`). */
export function valuesAt(row: unknown, path: string): unknown[] {
  let current: unknown[] = [row];
  for (const part of path.split(".")) {
    current = current.flatMap((value) => {
      if (value === null || value === undefined) return [undefined];
      const next = (value as Row)[part];
      return Array.isArray(next) ? (next.length ? next : [undefined]) : [next];
    });
  }
  return current;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const da = typeof a === "string" ? Date.parse(a) : Number.NaN;
  const db = typeof b === "string" ? Date.parse(b) : Number.NaN;
  if (!Number.isNaN(da) && !Number.isNaN(db) && /\d{4}-\d\d-\d\d/.test(String(a)) && /\d{4}-\d\d-\d\d/.test(String(b))) return da - db;
  return String(a) < String(b) ? -1 : 1;
}

/** An error message for a filter the emulator cannot evaluate, or undefined when it can. */
export function invalidFilter(filter: CriteriaFilter): string | undefined {
  const known = ["equals", "equalsAny", "equalsAll", "contains", "prefix", "suffix", "range", "multi", "not"];
  if (!known.includes(filter.type)) return `Unsupported filter type ${filter.type}`;
  if (filter.type === "multi" || filter.type === "not") return (filter.queries ?? []).map(invalidFilter).find(Boolean);
  if (!filter.field) return `Filter ${filter.type} needs a field`;
  return undefined;
}

/** True when the row matches the filter. */
export function matches(row: unknown, filter: CriteriaFilter): boolean {
  const values = () => valuesAt(row, filter.field ?? "");
  switch (filter.type) {
    case "equals":
      return values().some((v) => (filter.value === null ? v === null || v === undefined : v === filter.value));
    case "equalsAny": {
      const list = Array.isArray(filter.value) ? filter.value : String(filter.value).split("|");
      return values().some((v) => list.includes(v));
    }
    case "equalsAll": {
      const list = Array.isArray(filter.value) ? filter.value : String(filter.value).split("|");
      const present = values();
      return list.every((v) => present.includes(v));
    }
    case "contains":
      return values().some((v) => typeof v === "string" && v.toLowerCase().includes(String(filter.value).toLowerCase()));
    case "prefix":
      return values().some((v) => typeof v === "string" && v.toLowerCase().startsWith(String(filter.value).toLowerCase()));
    case "suffix":
      return values().some((v) => typeof v === "string" && v.toLowerCase().endsWith(String(filter.value).toLowerCase()));
    case "range":
      return values().some((v) => v !== null && v !== undefined && Object.entries(filter.parameters ?? {}).every(([op, bound]) => {
        const c = compare(v, bound);
        return op === "gte" ? c >= 0 : op === "gt" ? c > 0 : op === "lte" ? c <= 0 : op === "lt" ? c < 0 : false;
      }));
    case "multi":
    case "not": {
      const results = (filter.queries ?? []).map((q) => matches(row, q));
      const operator = (filter.operator ?? "and").toLowerCase();
      const combined = operator === "or" || operator === "nor" ? results.some(Boolean) : results.every(Boolean);
      const negate = filter.type === "not" || operator === "nor" || operator === "nand";
      return negate ? !combined : combined;
    }
    default:
      return false;
  }
}

/** Sort rows by the Criteria `sort` list (nulls first ascending, as MySQL orders them). */
export function sortRows<T>(rows: T[], sort: Array<{ field: string; order?: string }>): T[] {
  return [...rows].sort((a, b) => {
    for (const { field, order } of sort) {
      const c = compare(valuesAt(a, field)[0], valuesAt(b, field)[0]);
      if (c !== 0) return (order ?? "ASC").toUpperCase() === "DESC" ? -c : c;
    }
    return 0;
  });
}
