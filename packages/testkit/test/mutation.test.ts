import { entitySchemas, markupWarnings, stableHash, type AnyEntity, type EntityKind } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { createWorld, mutateWorld, type World } from "../src/index";

function byKey(world: World, kind: EntityKind): Map<string, AnyEntity> {
  return new Map([...world.records(kind)].map((record) => [record.key, record as AnyEntity]));
}

const withoutTime = (record: AnyEntity) => stableHash({ ...record, updatedAt: null });

describe("mutateWorld", () => {
  const base = createWorld({ seed: 5, products: 1_000 });
  const { world: next, changes } = mutateWorld(base, { changeRate: 0.05, deleteRate: 0.02, addRate: 0.03, at: "2026-01-02T00:00:00.000Z" });

  it("changes values and updatedAt of the changed records, removes deleted ones, adds new ones", () => {
    expect(next.revision).toBe(1);
    for (const kind of ["product", "price", "stockLevel", "customer", "order"] as const) {
      const before = byKey(base, kind);
      const after = byKey(next, kind);
      const upserted = changes.upserted.filter((c) => c.entity === kind);
      const deleted = changes.deleted.filter((c) => c.entity === kind);
      expect(upserted.length, kind).toBeGreaterThan(0);
      for (const { record } of upserted) {
        expect(record.updatedAt).toBe("2026-01-02T00:00:00.000Z");
        expect(after.get(record.key)).toEqual(record);
        const old = before.get(record.key);
        if (old) expect(withoutTime(old), `${kind} ${record.key}`).not.toBe(withoutTime(record));
        entitySchemas[kind].parse(record);
      }
      for (const { key } of deleted) {
        expect(before.has(key)).toBe(true);
        expect(after.has(key)).toBe(false);
      }
      const added = upserted.filter((c) => !before.has(c.record.key)).length;
      expect(after.size, kind).toBe(before.size - deleted.length + added);
      // Records not in the change set are byte-identical.
      const touched = new Set([...upserted.map((c) => c.record.key), ...deleted.map((c) => c.key)]);
      for (const [key, record] of after) if (!touched.has(key)) expect(JSON.stringify(record)).toBe(JSON.stringify(before.get(key)));
    }
  });

  it("adds products (with prices and stock), persons and orders; deletes cascade to prices and stock", () => {
    expect(next.counts.products).toBe(base.counts.products - changes.deleted.filter((d) => d.entity === "product").length + 30);
    expect(next.counts.orders).toBe(base.counts.orders + 60);
    const deletedProducts = changes.deleted.filter((d) => d.entity === "product").map((d) => d.key);
    expect(deletedProducts.length).toBeGreaterThan(5);
    const skus = new Set(next.skus());
    for (const stock of next.stockLevels()) expect(skus.has(stock.sku)).toBe(true);
    for (const price of next.prices()) expect(skus.has(price.sku)).toBe(true);
    expect(next.productAt(1_000)?.updatedAt).toBe("2026-01-02T00:00:00.000Z");
    expect(next.counts.prices).toBe([...next.prices()].length);
  });

  it("price and stock changes are visible as changed amounts", () => {
    const prices = byKey(base, "price");
    const changed = changes.upserted.filter((c) => c.entity === "price" && prices.has(c.record.key));
    type Priced = { price: { amount: number } };
    expect(changed.some((c) => (c.record as Priced).price.amount !== (prices.get(c.record.key) as Priced).price.amount)).toBe(true);
  });

  it("is deterministic and chains revisions; a revision time must move forward", () => {
    const again = mutateWorld(base, { changeRate: 0.05, deleteRate: 0.02, addRate: 0.03, at: "2026-01-02T00:00:00.000Z" });
    expect(stableHash(again.changes)).toBe(stableHash(changes));
    const third = mutateWorld(next, { changeRate: 0.01 });
    expect(third.world.revision).toBe(2);
    expect(third.changes.upserted.every((c) => c.record.updatedAt === "2026-01-03T00:00:00.000Z")).toBe(true);
    expect(() => mutateWorld(next, { changeRate: 0.01, at: "2026-01-01T12:00:00.000Z" })).toThrow(RangeError);
  });
});

describe("invalidRate", () => {
  const world = createWorld({ seed: 9, products: 1_000, invalidRate: 0.02 });
  /**
   * Executable markup is not a schema failure: core-model's rich-text allowlist removes it and
   * `markupWarnings` names the field (issue 18 #1). Every other broken record fails its schema.
   */
  const cleanedByCoreModel = (problem: string) => problem === "script tag";

  it("emits the listed records broken (failing their schema, or cleaned with a warning) and keeps every other record valid", () => {
    const invalid = [...world.invalidRecords()];
    expect(new Set(invalid.map((i) => i.entity))).toEqual(new Set(["product", "stockLevel", "customer"]));
    expect(new Set(invalid.map((i) => i.problem)).size).toBeGreaterThanOrEqual(5);
    const id = (entity: EntityKind, key: string) => `${entity}|${key}`;
    const rejected = new Set(invalid.filter((i) => !cleanedByCoreModel(i.problem)).map((i) => id(i.entity, i.key)));
    const cleaned = new Map(invalid.filter((i) => cleanedByCoreModel(i.problem)).map((i) => [id(i.entity, i.key), i]));
    expect(cleaned.size).toBeGreaterThan(0);
    for (const kind of ["product", "stockLevel", "customer"] as const) {
      let n = 0;
      let failed = 0;
      for (const record of world.records(kind)) {
        const parsed = entitySchemas[kind].safeParse(record);
        n += 1;
        if (!parsed.success) failed += 1;
        if (record.key !== "") {
          expect(parsed.success, `${kind} ${record.key}`).toBe(!rejected.has(id(kind, record.key)));
          expect(world.isInvalid(kind, record.key)).toBe(rejected.has(id(kind, record.key)) || cleaned.has(id(kind, record.key)));
        }
        const markup = cleaned.get(id(kind, record.key));
        if (markup) {
          expect(markupWarnings(record.key, record).map((w) => w.field), `${kind} ${record.key}`).toContain(markup.field);
          expect(JSON.stringify(parsed.data)).not.toMatch(/<script/i);
        }
      }
      const listed = invalid.filter((i) => i.entity === kind).length;
      expect(failed, kind).toBe(invalid.filter((i) => i.entity === kind && !cleanedByCoreModel(i.problem)).length);
      expect(listed / n).toBeGreaterThan(0.005);
      expect(listed / n).toBeLessThan(0.04);
    }
    for (const order of world.orders()) entitySchemas.order.parse(order);
  });
});
