import { describe, expect, it } from "vitest";
import { wordpressPostSchema } from "../wordpress-api";
import { advance, decodeWordpressCursor, encodeWordpressCursor, modifiedAfter, seen } from "./wordpress-cursor";

const post = (id: number, modified: string, title = "T") =>
  wordpressPostSchema.parse({ id, modified_gmt: modified, slug: `p-${id}`, status: "publish", type: "page", title: { raw: title } });

describe("WordPress keyset cursor", () => {
  it("keeps every post of the newest second so ties are never lost or repeated", () => {
    let position = advance(undefined, post(5, "2026-01-01T10:00:00"));
    position = advance(position, post(9, "2026-01-01T10:00:01"));
    position = advance(position, post(3, "2026-01-01T10:00:01"));
    expect(position.m).toBe("2026-01-01T10:00:01");
    expect(Object.keys(position.ids).sort()).toEqual(["3", "9"]);
    expect(seen(position, post(3, "2026-01-01T10:00:01"))).toBe(true);
    expect(seen(position, post(4, "2026-01-01T10:00:01"))).toBe(false);
    expect(seen(position, post(99, "2026-01-01T10:00:00"))).toBe(true);
    expect(modifiedAfter(position)).toBe("2026-01-01T10:00:00Z");
  });

  it("sees a post edited again within the same second as changed", () => {
    const position = advance(undefined, post(7, "2026-01-01T10:00:00", "before"));
    expect(seen(position, post(7, "2026-01-01T10:00:00", "after"))).toBe(false);
  });

  it("round-trips and rejects foreign cursors", () => {
    const cursor = { v: 2 as const, c: { posts: { m: "2026-01-01T10:00:00", ids: { "1": "abc" } } } };
    expect(decodeWordpressCursor(encodeWordpressCursor(cursor), "wordpress")).toEqual(cursor);
    expect(() => decodeWordpressCursor("bm9wZQ", "wordpress")).toThrow(/cursor/);
  });
});
