import { describe, expect, it } from "vitest";
import { OdooOrm, type OdooRow } from "./odoo-orm";
import { firstAtLeast, lowerBound } from "./odoo-range";

describe("range index of ordered scans", () => {
  it("lowerBound: AND takes the largest bound, OR the smallest (only when every branch has one), NOT none", () => {
    expect(lowerBound([["write_date", ">=", "2026-01-01 00:00:05"]], "write_date")).toBe("2026-01-01 00:00:05");
    expect(lowerBound(["&", "&", ["write_date", ">=", "a"], ["write_date", "<", "z"], ["id", ">", 3]], "write_date")).toBe("a");
    expect(lowerBound([["write_date", ">", "b"], ["write_date", "=", "c"]], "write_date")).toBe("c");
    expect(lowerBound(["|", ["write_date", ">=", "m"], "&", ["write_date", ">=", "k"], ["id", ">", 1]], "write_date")).toBe("k");
    expect(lowerBound(["|", ["write_date", ">=", "m"], ["id", ">", 1]], "write_date")).toBeUndefined();
    expect(lowerBound(["!", ["write_date", ">=", "m"]], "write_date")).toBeUndefined();
    expect(lowerBound([["write_date", ">=", false]], "write_date")).toBeUndefined();
    expect(lowerBound([["id", ">", 10]], "id")).toBe(10);
  });

  it("firstAtLeast: binary search over keys with empty values first", () => {
    const keys = [false, false, "a", "b", "b", "c"];
    expect([firstAtLeast(keys, "a"), firstAtLeast(keys, "b"), firstAtLeast(keys, "bb"), firstAtLeast(keys, "z")]).toEqual([2, 3, 5, 6]);
  });

  it("keyset pages from the index equal those of a full scan (ties on write_date, ids out of order)", () => {
    const build = (indexed: boolean) => {
      const orm = new OdooOrm(17);
      orm.useRangeIndex = indexed;
      const table = orm.table("res.partner");
      for (let i = 0; i < 500; i++) {
        const id = orm.allocateId("res.partner");
        const second = String(Math.floor(((i * 7919) % 500) / 9)).padStart(2, "0");
        table.set(id, { id, name: `P${i}`, write_date: `2026-01-01 00:${String(Math.floor(Number(second) / 60)).padStart(2, "0")}:${String(Number(second) % 60).padStart(2, "0")}`, active: i % 11 !== 0 } as OdooRow);
      }
      return orm;
    };
    const [indexed, scanned] = [build(true), build(false)];
    const domains: unknown[][] = [
      [["write_date", ">=", "2026-01-01 00:00:20"]],
      ["&", "&", ["write_date", ">=", "2026-01-01 00:00:30"], ["write_date", "<", "2026-01-01 00:00:31"], ["id", ">", 100]],
      ["|", ["write_date", ">=", "2026-01-01 00:00:41"], "&", "&", ["write_date", ">=", "2026-01-01 00:00:40"], ["write_date", "<", "2026-01-01 00:00:41"], ["id", ">", 7]],
      [["write_date", ">", "2026-01-01 00:00:55"], ["name", "ilike", "p1"]],
      [],
    ];
    for (const domain of domains) {
      for (const options of [{ order: "write_date asc, id asc", limit: 37 }, { order: "write_date asc, id asc", offset: 5, limit: 10, activeTest: false }, { order: "write_date desc, id desc", limit: 20 }, { order: "id asc", limit: 15 }, { order: "name asc", limit: 12 }]) {
        const ids = (orm: OdooOrm) => orm.search("res.partner", domain, options).map((r) => r.id);
        expect(ids(indexed), JSON.stringify([domain, options])).toEqual(ids(scanned));
      }
    }
  });
});
