import { canonicalJson } from "./stable-hash";

/** One changed path between two values. */
export interface FieldChange {
  /** Dotted path (`variants.0.gtin`); empty for the root. */
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own member only: a key such as `constructor` must not read the prototype's value. */
function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/**
 * Structural diff of two JSON-like values. Objects are compared member by member; arrays
 * and scalars as whole values (an array that changed is one change). `undefined` and an
 * absent member are the same.
 */
export function diff(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changes: FieldChange[] = [];
    for (const key of [...keys].sort()) {
      changes.push(...diff(own(before, key), own(after, key), path ? `${path}.${key}` : key));
    }
    return changes;
  }
  if (before === undefined && after === undefined) return [];
  if (before !== undefined && after !== undefined && canonicalJson(before) === canonicalJson(after)) return [];
  return [{ path, before, after }];
}
