import type { FilterConfig } from "../config/schema";

/** Value at a dotted path (`seo.slug`), or undefined. Own members only. */
export function getPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

function includes(list: unknown, value: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (Array.isArray(value)) return value.some((v) => list.includes(v));
  return list.includes(value);
}

/** True when a record passes every filter of a flow (array fields match when any element does). */
export function matchesFilters(record: unknown, filters: readonly FilterConfig[]): boolean {
  return filters.every((filter) => {
    const value = getPath(record, filter.field);
    switch (filter.op) {
      case "exists": return present(value);
      case "missing": return !present(value);
      case "eq": return Array.isArray(value) ? value.includes(filter.value) : value === filter.value;
      case "neq": return Array.isArray(value) ? !value.includes(filter.value) : value !== filter.value;
      case "in": return includes(filter.value, value);
      case "nin": return !includes(filter.value, value);
    }
  });
}
