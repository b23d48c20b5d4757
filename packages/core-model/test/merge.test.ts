import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_OWNERSHIP, goldenToRecord, mergeByOwnership, ownerOf, type GoldenRecord, type MergeSource } from "../src";

type Rec = Record<string, unknown> & { key: string; updatedAt: string };
const pim: MergeSource = { system: "akeneo", role: "pim" };
const erp: MergeSource = { system: "odoo", role: "erp" };
const crm: MergeSource = { system: "hubspot", role: "crm" };
const sources = [pim, erp, crm];
/** Product fields: gtin and weight belong to the ERP, the rest to the PIM. */
const fields = ["name", "description", "brand", "status", "gtin", "weight", "categoryKeys"] as const;

const timestamp = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
const record: fc.Arbitrary<Rec> = fc.record({
  updatedAt: timestamp,
  values: fc.record(Object.fromEntries(fields.map((f) => [f, fc.jsonValue({ maxDepth: 2 })])), { requiredKeys: [] }),
}).map(({ updatedAt, values }) => ({ key: "CHAIR-1", updatedAt, ...values }));

function mergeAll(inputs: [MergeSource, Rec][]): GoldenRecord | undefined {
  let golden: GoldenRecord | undefined;
  for (const [source, rec] of inputs) golden = mergeByOwnership(golden, { entity: "product", record: rec, source }).golden;
  return golden;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("mergeByOwnership", () => {
  it("takes each field from its owner whatever the merge order", () => {
    fc.assert(fc.property(fc.tuple(record, record, record), (recs) => {
      const inputs = sources.map((s, i) => [s, recs[i]!] as [MergeSource, Rec]);
      for (const order of permutations(inputs)) {
        const golden = mergeAll(order)!;
        for (const [source, rec] of inputs) {
          for (const field of fields) {
            if (ownerOf("product", field) !== source.role || !(field in rec)) continue;
            expect(golden.fields[field]).toEqual({ value: rec[field], source: source.system, at: rec.updatedAt, owned: true });
          }
        }
      }
    }), { numRuns: 200 });
  });

  it("an owner's and a non-owner's record give the same owned values in both orders", () => {
    fc.assert(fc.property(record, record, (owner, other) => {
      const a = mergeAll([[pim, owner], [crm, other]])!;
      const b = mergeAll([[crm, other], [pim, owner]])!;
      for (const field of fields) {
        if (ownerOf("product", field) === "pim" && field in owner) expect(a.fields[field]).toEqual(b.fields[field]);
      }
    }), { numRuns: 200 });
  });

  it("when two systems own all fields between them, merge order does not matter at all", () => {
    fc.assert(fc.property(record, record, (fromPim, fromErp) => {
      const a = mergeAll([[pim, fromPim], [erp, fromErp]])!;
      const b = mergeAll([[erp, fromErp], [pim, fromPim]])!;
      expect(a.fields).toEqual(b.fields);
    }), { numRuns: 200 });
  });

  it("a non-owner only fills fields the owner left empty", () => {
    fc.assert(fc.property(record, record, (owner, other) => {
      const golden = mergeAll([[pim, owner], [crm, other]])!;
      for (const field of fields) {
        if (ownerOf("product", field) !== "pim") continue;
        const expected = field in owner ? owner[field] : other[field];
        expect(golden.fields[field]?.value).toEqual(expected);
      }
    }), { numRuns: 200 });
  });

  it("a non-owner's empty value does not erase another non-owner's value", () => {
    const first = mergeByOwnership(undefined, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", brand: "Oakly" }, source: crm });
    const second = mergeByOwnership(first.golden, { entity: "product", record: { key: "K", updatedAt: "2026-02-01T00:00:00Z", brand: "" }, source: erp });
    expect(second.golden.fields.brand?.value).toBe("Oakly");
    expect(second.changed).toEqual([]);
  });

  it("an owner's stale replay never overwrites its newer values", () => {
    fc.assert(fc.property(record, record, (a, b) => {
      fc.pre(a.updatedAt !== b.updatedAt);
      const [older, newer] = a.updatedAt < b.updatedAt ? [a, b] : [b, a];
      const fresh = mergeAll([[pim, newer]])!;
      const replayed = mergeByOwnership(fresh, { entity: "product", record: older, source: pim });
      for (const field of fields) {
        if (ownerOf("product", field) === "pim" && field in newer) expect(replayed.golden.fields[field]).toEqual(fresh.fields[field]);
      }
      expect(replayed.changed.every((f) => !(f in newer) || ownerOf("product", f) !== "pim")).toBe(true);
    }), { numRuns: 200 });
  });

  it("compares timestamps as instants, not strings", () => {
    // 10:00+02:00 is 08:00Z: older than 09:00Z although it sorts after it as a string.
    const fresh = mergeByOwnership(undefined, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T09:00:00Z", name: { en: "New" } }, source: pim });
    const replay = mergeByOwnership(fresh.golden, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T10:00:00+02:00", name: { en: "Old" } }, source: pim });
    expect(replay.golden.fields.name?.value).toEqual({ en: "New" });
    expect(replay.changed).toEqual([]);
    expect(goldenToRecord(replay.golden).updatedAt).toBe("2026-01-01T09:00:00Z");
  });

  it("reports changed fields, ignores meta fields and merges external ids", () => {
    const first = mergeByOwnership(undefined, {
      entity: "product", source: pim,
      record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", externalIds: { akeneo: "a1" }, name: { en: "A" }, status: "active", skip: undefined },
    });
    expect(first.changed.sort()).toEqual(["name", "status"]);
    const second = mergeByOwnership(first.golden, {
      entity: "product", source: erp,
      record: { key: "K", updatedAt: "2026-01-02T00:00:00Z", externalIds: { odoo: "7" }, name: { en: "A" }, gtin: "96385074" },
    });
    expect(second.changed).toEqual(["gtin"]);
    expect(second.golden.externalIds).toEqual({ akeneo: "a1", odoo: "7" });
    expect(goldenToRecord(second.golden)).toEqual({
      key: "K", externalIds: { akeneo: "a1", odoo: "7" }, name: { en: "A" }, status: "active", gtin: "96385074", updatedAt: "2026-01-02T00:00:00Z",
    });
  });

  it("honours custom rules by system id and falls back to defaults", () => {
    const rules = { product: { default: "odoo", fields: { name: "akeneo" } } };
    expect(ownerOf("product", "name", rules)).toBe("akeneo");
    expect(ownerOf("product", "status", rules)).toBe("odoo");
    expect(ownerOf("customer", "consent", rules)).toBe(DEFAULT_OWNERSHIP.customer.fields!.consent);
    const first = mergeByOwnership(undefined, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", status: "draft" }, source: pim }, rules);
    const second = mergeByOwnership(first.golden, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", status: "active" }, source: erp }, rules);
    expect(second.golden.fields.status).toMatchObject({ value: "active", source: "odoo", owned: true });
  });

  it("treats field names such as constructor as ordinary fields", () => {
    const { golden } = mergeByOwnership(undefined, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", constructor: "x" }, source: crm });
    const next = mergeByOwnership(golden, { entity: "product", record: { key: "K", updatedAt: "2026-01-01T00:00:00Z", constructor: "" }, source: erp });
    expect(next.golden.fields["constructor"]!.value).toBe("x");
  });
});
