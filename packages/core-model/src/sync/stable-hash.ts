import * as crypto from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, arrays kept in order.
 * Two values that are equal as data produce the same string, whatever their key order.
 *
 * Written in one pass (no sorted copy of the value is built and serialised again); the output is
 * exactly `JSON.stringify` of the value with every object's keys sorted, Dates as ISO strings
 * and bigints as decimal strings, so hashes stored by earlier versions stay valid.
 */
export function canonicalJson(value: unknown): string {
  if (omitted(value)) return JSON.stringify(value);
  return serialise(value);
}

/** True for what JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol";

function serialise(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("cannot hash a non-finite number");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    default:
  }
  if (value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i > 0 ? "," : "") + (omitted(item) ? "null" : serialise(item));
    }
    return `${out}]`;
  }
  // Own enumerable keys only, read as data: a "__proto__" member (JSON.parse creates one) stays a member.
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of orderedKeys(record)) {
    const member = record[key];
    if (omitted(member)) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${serialise(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** An array index as a property key: "0", "7", "42" (not "07", "-1" or 2³² − 1 and above). */
const isIndex = (key: string) => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;

/**
 * The keys in the order the sorted copy enumerated them: array-index keys first, ascending by
 * value (JavaScript orders an object's index keys so, whatever their insertion order, and
 * `Object.keys` returns them first already), then the other keys sorted.
 */
function orderedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let indexKeys = 0;
  while (indexKeys < keys.length && isIndex(keys[indexKeys]!)) indexKeys++;
  if (indexKeys === 0) return keys.sort();
  return [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort()];
}

/** SHA-256 (hex) of the canonical JSON of `value`: stable under key order. */
export function stableHash(value: unknown): string {
  const json = canonicalJson(value);
  return oneShot ? oneShot("sha256", json, "hex") : crypto.createHash("sha256").update(json).digest("hex");
}

/** `crypto.hash` (Node ≥ 20.12): a one-shot digest without a Hash object per call; older 20.x fall back. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
