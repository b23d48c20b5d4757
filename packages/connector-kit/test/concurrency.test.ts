import { describe, expect, it } from "vitest";
import { mapConcurrent } from "../src";

describe("mapConcurrent", () => {
  it("keeps input order and never exceeds the concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 3, async (value, index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, value * 5));
      inFlight--;
      return `${index}:${value}`;
    });
    expect(results).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3", "5:0"]);
    expect(peak).toBe(3);
  });

  it("rejects with the first failure and rejects bad concurrency", async () => {
    await expect(mapConcurrent([1, 2], 2, async (v) => { if (v === 2) throw new Error("boom"); return v; })).rejects.toThrow("boom");
    await expect(mapConcurrent([1], 0, async (v) => v)).rejects.toThrow(RangeError);
    expect(await mapConcurrent([], 4, async (v) => v)).toEqual([]);
  });
});
