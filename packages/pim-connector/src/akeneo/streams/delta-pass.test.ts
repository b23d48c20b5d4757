import { describe, expect, it } from "vitest";
import { advance, filterBoundary, fixBound, openPass } from "./delta-pass";

const item = (key: string, updatedAt: string, name = "x") => ({ key, updatedAt, name });

describe("delta pass cursor", () => {
  it("bounds the next pass one second before the server's clock at the pass start", () => {
    const state = openPass("product", null, "akeneo");
    fixBound(state, "Mon, 23 Nov 2026 11:22:33 GMT");
    expect(state.bound).toBe("2026-11-23T11:22:32.000Z");
    fixBound(state, "Mon, 23 Nov 2026 11:30:00 GMT"); // later pages do not move it
    expect(state.bound).toBe("2026-11-23T11:22:32.000Z");
  });

  it("remembers records of the boundary second and skips them next pass only while unchanged", () => {
    const state = openPass("category", null, "akeneo");
    fixBound(state, "Mon, 23 Nov 2026 11:22:33 GMT");
    const boundary = item("A", "2026-11-23T11:22:33.000Z");
    const older = item("B", "2026-11-23T11:20:00.000Z");
    expect(filterBoundary(state, [boundary, older])).toEqual([boundary, older]);
    expect(advance(state, null, 1)).toBe(true);
    expect(state).toMatchObject({ since: "2026-11-23T11:22:32.000Z", phase: 0, next: null, bound: null });
    expect(Object.keys(state.seen)).toEqual(["A"]);
    fixBound(state, "Mon, 23 Nov 2026 11:22:40 GMT");
    const changedSameSecond = item("A", "2026-11-23T11:22:33.000Z", "renamed");
    expect(filterBoundary(state, [boundary])).toEqual([]);
    expect(filterBoundary(state, [changedSameSecond])).toEqual([changedSameSecond]);
  });

  it("keeps the next link and phase inside a pass", () => {
    const state = openPass("product", null, "akeneo");
    expect(advance(state, "/api/rest/v1/product-models?search_after=abc", 2)).toBe(false);
    expect(state).toMatchObject({ phase: 0, next: "/api/rest/v1/product-models?search_after=abc" });
    expect(advance(state, null, 2)).toBe(false);
    expect(state).toMatchObject({ phase: 1, next: null });
  });
});
