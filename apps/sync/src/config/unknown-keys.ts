import type { z } from "zod";
import { formatPath } from "./errors";

/** The parts of a zod 4 schema definition the walk reads (zod's `_zod.def`). */
interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  entries?: Record<string, string | number>;
  getter?: () => z.ZodType;
}

const def = (schema: z.ZodType): Definition => (schema as unknown as { _zod: { def: Definition } })._zod.def;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional", "success"]);

/** The schema under wrappers that do not change an object's keys (optional, default, pipe input, lazy …). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 32; depth++) {
    const d = def(current);
    if (WRAPPERS.has(d.type) && d.innerType) current = d.innerType;
    else if (d.type === "pipe" && d.in) current = d.in;
    else if (d.type === "lazy" && d.getter) current = d.getter();
    else break;
  }
  return current;
}

/** Edit distance with adjacent transpositions (`fitlers` is one step from `filters`). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known key an unknown one most likely meant: same letters in another case, or a close spelling. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { key: string; score: number } | undefined;
  for (const key of known) {
    const score = distance(lower, key.toLowerCase());
    if (score <= Math.max(1, Math.floor(key.length / 3)) && (!best || score < best.score)) best = { key, score };
  }
  return best?.key;
}

function problem(path: readonly PropertyKey[], key: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : known.length > 0 ? ` (known: ${[...known].sort().join(", ")})` : "";
  return `${formatPath([...path, key])}: unknown key${hint}`;
}

/**
 * Every key of `input` that no object schema in `schema` declares, named by path with a
 * "did you mean" hint: `flows[2].fitlers: unknown key — did you mean "filters"?`. Objects with
 * a catch-all (`z.looseObject`, free-form records of unknown values such as adapter settings)
 * take any key. Works on any config part, strict or not, so a part contributed from elsewhere
 * (an extension's settings) gets the same check without declaring it.
 */
export function unknownKeyProblems(schema: z.ZodType, input: unknown, path: readonly PropertyKey[] = []): string[] {
  const inner = unwrap(schema);
  const d = def(inner);
  if (d.type === "object" && isPlainObject(input)) {
    const shape = d.shape ?? {};
    const known = Object.keys(shape);
    const open = d.catchall !== undefined && def(d.catchall).type !== "never";
    return Object.entries(input).flatMap(([key, value]) =>
      Object.hasOwn(shape, key) ? unknownKeyProblems(shape[key]!, value, [...path, key]) : open ? [] : [problem(path, key, known)]);
  }
  if (d.type === "array" && Array.isArray(input) && d.element) {
    const element = d.element;
    return input.flatMap((item, i) => unknownKeyProblems(element, item, [...path, i]));
  }
  if (d.type === "record" && isPlainObject(input) && d.valueType) {
    const keyDef = d.keyType ? def(unwrap(d.keyType)) : undefined;
    const allowed = keyDef?.type === "enum" && keyDef.entries ? Object.values(keyDef.entries).map(String) : undefined;
    const valueType = d.valueType;
    return Object.entries(input).flatMap(([key, value]) =>
      allowed && !allowed.includes(key) ? [problem(path, key, allowed)] : unknownKeyProblems(valueType, value, [...path, key]));
  }
  if (d.type === "union" && d.options) {
    // The option the input was meant for is the one with the fewest unknown keys.
    const candidates = d.options.map((option) => unknownKeyProblems(option, input, path));
    return candidates.reduce((best, next) => (next.length < best.length ? next : best), candidates[0] ?? []);
  }
  return [];
}
