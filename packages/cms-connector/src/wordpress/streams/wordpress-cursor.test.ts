import { describe, expect, it } from "vitest";
import { advance, decodeWordpressCursor, encodeWordpressCursor, modifiedAfter, seen } from "./wordpress-cursor";

describe("WordPress keyset cursor", () => {
  it("keeps every id of the newest second so ties are never lost or repeated", () => {
    let position = advance(undefined, "2026-01-01T10:00:00", 5);
    position = advance(position, "2026-01-01T10:00:01", 9);
    position = advance(position, "2026-01-01T10:00:01", 3);
    expect(position).toEqual({ m: "2026-01-01T10:00:01", ids: [9, 3] });
    expect(seen(position, "2026-01-01T10:00:01", 3)).toBe(true);
    expect(seen(position, "2026-01-01T10:00:01", 4)).toBe(false);
    expect(seen(position, "2026-01-01T10:00:00", 99)).toBe(true);
    expect(modifiedAfter(position)).toBe("2026-01-01T10:00:00Z");
  });

  it("round-trips and rejects foreign cursors", () => {
    const cursor = { v: 1 as const, c: { posts: { m: "2026-01-01T10:00:00", ids: [1] } } };
    expect(decodeWordpressCursor(encodeWordpressCursor(cursor), "wordpress")).toEqual(cursor);
    expect(() => decodeWordpressCursor("bm9wZQ", "wordpress")).toThrow(/cursor/);
  });
});
