import { describe, expect, it } from "vitest";
import type { RateBudget } from "@omnibridge/core-model";
import { combineBudgets, sharedRateBudget, SlidingWindowLimiter, TokenBucket } from "../src/rate-limit";
import { rejectionOf, since } from "./helpers";

/** Run `workers` concurrent loops of `each` acquisitions on one budget; returns every grant time. */
async function hammer(budget: RateBudget, workers: number, each: number): Promise<number[]> {
  const stamps: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < each; i++) {
        await budget.acquire();
        stamps.push(performance.now());
      }
    }),
  );
  return stamps.sort((a, b) => a - b);
}

/** Grants between any two grant times never exceed the burst plus what the rate refilled. */
function expectWithinBucket(stamps: number[], ratePerSecond: number, burst: number): void {
  for (let i = 0; i < stamps.length; i++) {
    for (let j = i; j < stamps.length; j++) {
      const allowed = burst + (ratePerSecond * (stamps[j]! - stamps[i]!)) / 1000 + 0.1;
      expect(j - i + 1).toBeLessThanOrEqual(allowed);
    }
  }
}

describe("TokenBucket", () => {
  it("50 acquisitions at 20/s with burst 5 take at least (50 − 5) / 20 s", async () => {
    const bucket = new TokenBucket({ ratePerSecond: 20, burst: 5 });
    const start = performance.now();
    const stamps = await hammer(bucket, 1, 50);
    const elapsed = since(start);
    expect(elapsed).toBeGreaterThanOrEqual(2_240);
    expect(elapsed).toBeLessThan(8_000);
    expectWithinBucket(stamps, 20, 5);
  });

  it("grants a full burst before the rate applies", async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 5 });
    const start = performance.now();
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => bucket.acquire().then(() => granted.push(since(start)))));
    // Without the burst the fifth grant would come after 4 s; the sixth waits for one refill.
    expect(granted[4]!).toBeLessThan(900);
    expect(granted[5]!).toBeGreaterThanOrEqual(990);
  });

  it("concurrent acquirers sharing one bucket never exceed the rate together", async () => {
    const bucket = new TokenBucket({ ratePerSecond: 40, burst: 4 });
    const start = performance.now();
    const stamps = await hammer(bucket, 6, 8);
    expect(stamps).toHaveLength(48);
    expect(since(start)).toBeGreaterThanOrEqual(((48 - 4) / 40) * 1000 - 10);
    expectWithinBucket(stamps, 40, 4);
  });

  it("rejects a cost above the burst instead of waiting forever, and bad options", async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2 });
    expect(await rejectionOf(bucket.acquire(3))).toBeInstanceOf(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(new TokenBucket({ ratePerSecond: 7 }).burst).toBe(7);
  });

  it("an abort rejects a waiter at once, even one queued behind another, and takes no token", async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 });
    await bucket.acquire();
    const first = new AbortController();
    const second = new AbortController();
    const waiting = bucket.acquire(1, first.signal);
    const queued = bucket.acquire(1, second.signal);
    const start = performance.now();
    setTimeout(() => second.abort(new Error("stop second")), 20);
    setTimeout(() => first.abort(new Error("stop first")), 40);
    expect(await rejectionOf(queued)).toMatchObject({ message: "stop second" });
    expect(await rejectionOf(waiting)).toMatchObject({ message: "stop first" });
    expect(since(start)).toBeLessThan(900);
    // Neither aborted waiter consumed the token that refills at 1 s (else the next one would come at 2 s).
    await bucket.acquire();
    expect(since(start)).toBeLessThan(1_700);
    const aborted = AbortSignal.abort(new Error("already"));
    expect(await rejectionOf(bucket.acquire(1, aborted))).toMatchObject({ message: "already" });
  });
});

describe("SlidingWindowLimiter", () => {
  it("concurrent acquirers never exceed `limit` in any window", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 300 });
    const start = performance.now();
    const stamps = await hammer(limiter, 4, 5);
    expect(stamps).toHaveLength(20);
    for (let i = 0; i + 5 < stamps.length; i++) expect(stamps[i + 5]! - stamps[i]!).toBeGreaterThanOrEqual(299);
    expect(since(start)).toBeGreaterThanOrEqual(3 * 300 - 5);
    expect(since(start)).toBeLessThan(6_000);
  });

  it("a cost of n takes n slots", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 4, windowMs: 250 });
    const start = performance.now();
    await limiter.acquire(3);
    await limiter.acquire(3);
    expect(since(start)).toBeGreaterThanOrEqual(245);
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 10 })).toThrow(RangeError);
  });

  it("an abort rejects the waiter", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10_000 });
    await limiter.acquire();
    const start = performance.now();
    const error = await rejectionOf(limiter.acquire(1, AbortSignal.timeout(50)));
    expect((error as Error).name).toBe("TimeoutError");
    expect(since(start)).toBeLessThan(2_000);
  });
});

describe("budgets", () => {
  it("sharedRateBudget returns one instance per account key", () => {
    let created = 0;
    const make = () => {
      created++;
      return new TokenBucket({ ratePerSecond: 10 });
    };
    const key = `test:${Math.random()}`;
    const a = sharedRateBudget(key, make);
    expect(sharedRateBudget(key, make)).toBe(a);
    expect(sharedRateBudget(`${key}-other`, make)).not.toBe(a);
    expect(created).toBe(2);
  });

  it("combineBudgets waits for every budget", async () => {
    const perSecond = new TokenBucket({ ratePerSecond: 1_000, burst: 10 });
    const perWindow = new SlidingWindowLimiter({ limit: 2, windowMs: 200 });
    const combined = combineBudgets(perSecond, perWindow);
    const start = performance.now();
    for (let i = 0; i < 3; i++) await combined.acquire();
    expect(since(start)).toBeGreaterThanOrEqual(195);
  });
});
