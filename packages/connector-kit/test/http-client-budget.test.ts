import { ConnectorError } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import type { EmulatorInterceptor } from "../src/emulator";
import { SlidingWindowLimiter } from "../src/rate-limit";
import { clientFor, rejectionOf, since, startServer } from "./helpers";

/** A vendor-style sliding-window rule: more than `limit` requests in `windowMs` get 429. */
function vendorRateLimit(limit: number, windowMs: number): EmulatorInterceptor {
  const seen: number[] = [];
  return () => {
    const now = performance.now();
    while (seen.length && seen[0]! <= now - windowMs) seen.shift();
    if (seen.length >= limit) return { status: 429, headers: { "retry-after": "1" }, body: { message: "rate limit" } };
    seen.push(now);
    return undefined;
  };
}

describe("createHttpClient with a rate budget and cancellation (real loopback server)", () => {
  it("a client holding the vendor's window never sees its 429, with many concurrent calls", async () => {
    const server = await startServer();
    // The vendor allows 3 per 300 ms; the client budgets 3 per 600 ms, leaving slack for loopback jitter.
    server.use(vendorRateLimit(3, 300));
    const client = clientFor(server, { rateBudget: new SlidingWindowLimiter({ limit: 3, windowMs: 600 }), retry: { retries: 0 } });
    const start = performance.now();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => client.request({ method: "GET", url: `/items/${i}` })));
    expect(results.map((result) => result.status)).toEqual(Array(9).fill(200));
    expect(since(start)).toBeGreaterThanOrEqual(2 * 600 - 10);
    expect(client.metrics()).toEqual({ requests: 9, retries: 0, rateLimited: 0 });
    expect(server.requests.every((request) => request.status === 200)).toBe(true);
  });

  it("without the budget the same burst meets the vendor's 429 as `rate_limited`", async () => {
    const server = await startServer();
    server.use(vendorRateLimit(3, 10_000));
    const client = clientFor(server, { retry: { retries: 0 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => client.request({ method: "GET", url: `/items/${i}` })));
    const failures = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => (outcome as PromiseRejectedResult).reason as ConnectorError);
    expect(failures).toHaveLength(3);
    expect(failures.every((error) => error.reason === "rate_limited" && error.retryAfterMs === 1_000)).toBe(true);
    expect(client.metrics().rateLimited).toBe(3);
  });

  it("aborting an in-flight request rejects with a ConnectorError and does not retry", async () => {
    const server = await startServer([{ action: "hang" }]);
    const client = clientFor(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok", signal: controller.signal }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(client.metrics()).toMatchObject({ requests: 1, retries: 0 });
  });
});
