import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, stableHash } from "../src";

/** The first implementation (a sorted copy, then JSON.stringify): hashes stored in state were made with it. */
function referenceNormalise(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("cannot hash a non-finite number");
    if (typeof value === "bigint") return value.toString();
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : referenceNormalise(item)));
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = referenceNormalise(member);
  }
  return out;
}
const referenceJson = (value: unknown) => JSON.stringify(referenceNormalise(value));

/** JSON values plus what records may also carry: undefined members and items, Dates, bigints, functions. */
const extra = fc.oneof(fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.bigInt(), fc.constant(() => 1), fc.constant(Symbol("s")));
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    extra,
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.nat({ max: 20 }).map(String)), tie("node"), { maxKeys: 5 }),
  ),
})).node;

describe("canonicalJson (one-pass writer)", () => {
  it("writes exactly what the sorted copy + JSON.stringify wrote, so stored hashes stay valid", () => {
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(referenceJson(v));
      if (referenceJson(v) !== undefined) expect(stableHash(v)).toBe(createHash("sha256").update(referenceJson(v)).digest("hex"));
    }), { numRuns: 1000 });
  });

  it("keeps the edge cases of JSON.stringify: -0, escapes, __proto__ members, numeric keys", () => {
    const samples: unknown[] = [-0, "a\"b\\c\n\u2028", JSON.parse('{"__proto__":{"x":1},"b":[1,null]}'), { 10: "a", 2: "b", a: 1 }, [undefined, () => 1], { f: () => 1, u: undefined }];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(referenceJson(sample));
    expect(() => canonicalJson({ a: [Number.POSITIVE_INFINITY] })).toThrow(TypeError);
  });
});
