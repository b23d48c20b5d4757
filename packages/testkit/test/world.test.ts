import { createHash } from "node:crypto";
import { entityKinds, entitySchemas, isValidGtin, type EntityKind } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "../src/index";

function digest(world: World, perKind: number): string {
  const hash = createHash("sha256");
  for (const kind of entityKinds) {
    let n = 0;
    for (const record of world.records(kind)) {
      hash.update(`${kind}:${JSON.stringify(record)}\n`);
      if (++n >= perKind) break;
    }
  }
  return hash.digest("hex");
}

function countOf(world: World, kind: EntityKind): number {
  let n = 0;
  for (const _ of world.records(kind)) n += 1;
  return n;
}

describe("createWorld determinism", () => {
  it("gives byte-identical records for the same seed and different ones for another seed", () => {
    const a = digest(createWorld({ seed: 1, products: 500 }), 200);
    const b = digest(createWorld({ seed: 1, products: 500 }), 200);
    const c = digest(createWorld({ seed: 2, products: 500 }), 200);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("is random-access: productAt(i) equals the i-th streamed product", () => {
    const world = createWorld({ seed: 7, products: 100 });
    const streamed = [...world.products()];
    expect(world.productAt(42)).toEqual(streamed[42]);
    expect(world.productAt(100)).toBeUndefined();
  });
});

describe("world content at demo scale", () => {
  const world = createWorld({ seed: 1, products: 2_000 });

  it("passes the core-model schema for every record of every kind, and counts match", () => {
    for (const kind of entityKinds) {
      let n = 0;
      for (const record of world.records(kind)) {
        const result = entitySchemas[kind].safeParse(record);
        if (!result.success) throw new Error(`${kind} ${record.key}: ${result.error.message}`);
        n += 1;
      }
      expect(n, kind).toBeGreaterThan(0);
    }
    const counts = world.counts;
    expect(countOf(world, "product")).toBe(counts.products);
    expect(countOf(world, "price")).toBe(counts.prices);
    expect(countOf(world, "stockLevel")).toBe(counts.stockLevels);
    expect(countOf(world, "customer")).toBe(counts.customers);
    expect(counts.customers).toBe(2_000);
    expect(counts.orders).toBe(4_000);
    expect(counts.companies).toBe(100);
  });

  it("has variants, valid GTINs, several locales and attribute values of every type", () => {
    const products = [...world.products()];
    expect(products.some((p) => p.variants.length > 1)).toBe(true);
    expect(products.some((p) => p.variants.length === 0)).toBe(true);
    const types = new Set<string>();
    for (const product of products) {
      for (const gtin of [product.gtin, ...product.variants.map((v) => v.gtin)]) if (gtin) expect(isValidGtin(gtin)).toBe(true);
      expect(Object.keys(product.name).sort()).toEqual(["de-DE", "en", "fr-FR"]);
      for (const values of Object.values(product.attributes)) for (const value of values) types.add(value.type);
    }
    expect([...types].sort()).toEqual(["boolean", "date", "measure", "multiselect", "number", "price", "select", "text"]);
    expect(new Set([...world.contentEntries()].map((e) => e.locale)).size).toBe(3);
  });

  it("has deliberate updatedAt ties", () => {
    const times = new Map<string, number>();
    for (const product of world.products()) times.set(product.updatedAt, (times.get(product.updatedAt) ?? 0) + 1);
    expect([...times.values()].filter((n) => n > 1).length).toBeGreaterThan(50);
  });
});
