import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, diff, stableHash } from "../src";

/** Deterministic PRNG so a shuffle is reproducible from a fast-check seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep copy of a JSON value with every object's keys inserted in a shuffled order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const shuffled = shuffleKeys((value as Record<string, unknown>)[key], random);
    Object.defineProperty(out, key, { value: shuffled, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe("stableHash", () => {
  it("is stable under key order of deep objects", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), fc.nat(), (value, seed) => {
      const shuffled = shuffleKeys(value, rng(seed));
      expect(stableHash(shuffled)).toBe(stableHash(value));
      expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
    }), { numRuns: 300 });
  });

  it("equal data gives an equal hash (deep copies, Date as ISO string, undefined members dropped)", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(stableHash(structuredClone(value))).toBe(stableHash(value));
    }));
    const date = new Date("2026-01-01T00:00:00.000Z");
    expect(stableHash({ at: date, x: undefined })).toBe(stableHash({ at: "2026-01-01T00:00:00.000Z" }));
  });

  it("different data gives a different hash", () => {
    const distinct = fc.uniqueArray(fc.jsonValue({ maxDepth: 3 }), { comparator: isDeepStrictEqual, minLength: 2, maxLength: 20 });
    fc.assert(fc.property(distinct, (values) => {
      expect(new Set(values.map((v) => stableHash(v))).size).toBe(values.length);
    }), { numRuns: 200 });
  });

  it("tells apart values that only differ in type or nesting", () => {
    const hashes = [1, "1", [1], { a: 1 }, { a: "1" }, { a: [1] }, null, true, "true", {}, [], "", { "": null }].map((v) => stableHash(v));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("keeps a __proto__ member as data", () => {
    const withProto = JSON.parse('{"__proto__":{"admin":true},"a":1}') as unknown;
    expect(stableHash(withProto)).not.toBe(stableHash({ a: 1 }));
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"admin":true},"a":1}');
  });

  it("returns 64 hex chars and rejects non-finite numbers", () => {
    expect(stableHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(() => stableHash({ a: Number.NaN })).toThrow(TypeError);
    expect(() => stableHash([Infinity])).toThrow(TypeError);
  });
});

type Tree = { [key: string]: unknown };
const key = fc.stringMatching(/^[a-z]{1,3}$/);
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.dictionary(key, fc.oneof({ depthSize: "small" }, leaf, tie("node")), { maxKeys: 5 }),
})).node;

/** Paths of all leaves (non-object values) of a tree. */
function leaves(value: Tree, prefix = ""): string[] {
  return Object.entries(value).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? leaves(v as Tree, path) : [path];
  });
}

/** A value guaranteed to differ from `old` (and never a plain object). */
function changed(old: unknown): unknown {
  if (typeof old === "number") return old + 1;
  if (typeof old === "string") return `${old}!`;
  if (typeof old === "boolean") return !old;
  if (Array.isArray(old)) return [...(old as unknown[]), 1];
  return 0;
}

function setPath(target: Tree, path: string, update: (old: unknown) => unknown): void {
  const parts = path.split(".");
  const last = parts.pop()!;
  const parent = parts.reduce((node, part) => node[part] as Tree, target);
  const next = update(parent[last]);
  if (next === undefined) delete parent[last];
  else parent[last] = next;
}

describe("diff", () => {
  it("diff(a, a) is empty, also against a deep copy", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(diff(value, value)).toEqual([]);
      expect(diff(value, structuredClone(value))).toEqual([]);
    }));
  });

  it("reports exactly the changed, added and removed paths", () => {
    const scenario = tree.chain((before) => fc.record({
      before: fc.constant(before),
      edits: fc.subarray(leaves(before)).chain((paths) => fc.tuple(...paths.map((p) => fc.tuple(fc.constant(p), fc.boolean())))),
      added: fc.uniqueArray(fc.stringMatching(/^[A-Z]{1,3}$/), { maxLength: 3 }),
    }));
    fc.assert(fc.property(scenario, ({ before, edits, added }) => {
      const after = structuredClone(before);
      for (const [path, remove] of edits) setPath(after, path, remove ? () => undefined : changed);
      for (const k of added) after[k] = k;
      const expected = [...edits.map(([p]) => p), ...added].sort();
      const changes = diff(before, after);
      expect(changes.map((c) => c.path).sort()).toEqual(expected);
      for (const change of changes) {
        if (added.includes(change.path)) expect(change).toEqual({ path: change.path, before: undefined, after: change.path });
        else expect(change.before).not.toEqual(change.after);
      }
    }), { numRuns: 300 });
  });

  it("treats key order as irrelevant and undefined as absent", () => {
    expect(diff({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1, e: undefined })).toEqual([]);
  });

  it("reports a changed array as one change and a root scalar at the empty path", () => {
    expect(diff({ tags: [1, 2] }, { tags: [2, 1] })).toEqual([{ path: "tags", before: [1, 2], after: [2, 1] }]);
    expect(diff({ a: { b: [{ x: 1 }] } }, { a: { b: [{ x: 2 }] } })).toEqual([{ path: "a.b", before: [{ x: 1 }], after: [{ x: 2 }] }]);
    expect(diff(1, 2)).toEqual([{ path: "", before: 1, after: 2 }]);
    expect(diff({ a: 1 }, null)).toEqual([{ path: "", before: { a: 1 }, after: null }]);
  });

  it("does not read inherited members for keys such as constructor", () => {
    expect(diff({}, { constructor: "x" })).toEqual([{ path: "constructor", before: undefined, after: "x" }]);
    expect(diff({ toString: 1 }, {})).toEqual([{ path: "toString", before: 1, after: undefined }]);
  });
});
