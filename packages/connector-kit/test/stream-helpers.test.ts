import { ConnectorError } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { chunk, decodeCursor, encodeCursor, mapRecords, MappingError } from "../src/stream-helpers";

interface RawLocation {
  id: number;
  code: string;
  label: string;
  kind: string;
  country?: string;
}

const raws: RawLocation[] = [
  { id: 1, code: "WH-1", label: "Main warehouse", kind: "warehouse", country: "DE" },
  { id: 2, code: "WH-2", label: "Store", kind: "shop", country: "DE" },
  { id: 3, code: "WH-3", label: "", kind: "store", country: "AT" },
  { id: 4, code: "WH-4", label: "Outlet", kind: "store", country: "Germany" },
  { id: 5, code: "WH-5", label: "Depot", kind: "supplier" },
  { id: 6, code: "WH 6", label: "Spaced", kind: "store" },
];
const rawSchema = z.object({ country: z.string().length(2).optional() });

/** A mapper that throws for unknown kinds, parses raw data with zod, and leaves the rest to the entity schema. */
function toLocation(raw: RawLocation) {
  if (!["warehouse", "store", "supplier", "shop"].includes(raw.kind)) throw new MappingError("type", `unknown kind ${raw.kind}`);
  if (raw.kind === "shop") throw new MappingError("type", "shops are not stock locations");
  const { country } = rawSchema.parse(raw);
  return {
    key: raw.code,
    updatedAt: "2024-05-01T10:00:00.000Z",
    name: raw.label,
    type: raw.kind as "warehouse" | "store" | "supplier",
    countryCode: country ?? null,
  };
}

describe("mapRecords", () => {
  it("turns MappingErrors and zod failures into RecordIssues naming record and field; valid records flow", () => {
    const { items, issues } = mapRecords("location", raws, toLocation, (raw) => `location/${raw.id}`);
    expect(items.map((item) => item.key)).toEqual(["WH-1", "WH-5"]);
    expect(items[0]).toMatchObject({ name: "Main warehouse", clickAndCollect: false, externalIds: {} });
    expect(issues).toEqual([
      { recordKey: "location/2", field: "type", reason: "invalid", message: "shops are not stock locations" },
      { recordKey: "WH-3", field: "name", reason: "invalid", message: expect.any(String) },
      { recordKey: "location/4", field: "country", reason: "invalid", message: expect.any(String) },
      { recordKey: "location/6", field: "key", reason: "invalid", message: expect.stringMatching(/may only contain/) },
    ]);
  });

  it("rethrows errors that are not about the record (bugs)", () => {
    expect(() => mapRecords("location", raws, () => { throw new TypeError("bug"); }, (raw) => String(raw.id))).toThrow(TypeError);
  });
});

describe("cursors", () => {
  const cursorSchema = z.object({ updatedAt: z.string(), id: z.number() });

  it("round-trips through an opaque URL-safe string", () => {
    const value = { updatedAt: "2024-05-01T10:00:00.000Z", id: 42 };
    const cursor = encodeCursor(value);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, cursorSchema)).toEqual(value);
  });

  it.each([
    ["garbage", "%%%not-a-cursor"],
    ["non-JSON base64", Buffer.from("hello").toString("base64url")],
    ["another connector's shape", encodeCursor({ page: 3 })],
    ["a raw timestamp", "2024-05-01T10:00:00Z"],
  ])("rejects %s as `invalid`", (_label, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor, cursorSchema, "odoo");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: "invalid", system: "odoo" });
  });
});

describe("chunk", () => {
  it("splits into chunks of at most size, preserving order", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 5)).toEqual([[1, 2]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it.each([0, -1, 2.5, Number.NaN])("rejects size %s", (size) => {
    expect(() => chunk([1, 2, 3], size)).toThrow(RangeError);
  });
});

describe("mapRecords and unsafe markup", () => {
  it("delivers a record whose description carried a script, cleaned, with a warning naming record and field", async () => {
    const { mapRecords } = await import("../src");
    const raw = { id: 7, name: "Chair", html: '<p>Great</p><script>alert("x")</script>' };
    const { items, issues } = mapRecords("category", [raw], (r) => ({
      key: `CAT-${r.id}`, updatedAt: "2026-01-01T00:00:00.000Z", parentKey: null, name: { en: r.name }, description: { en: r.html },
    }), (r) => String(r.id));
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items[0])).not.toContain("script");
    expect(issues).toEqual([expect.objectContaining({ recordKey: "CAT-7", field: "description.en", severity: "warning" })]);
  });
});
