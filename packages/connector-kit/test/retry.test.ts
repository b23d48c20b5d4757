import { ConnectorError } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../src/http-errors";
import { backoffDelay, withRetry } from "../src/retry";
import { rejectionOf, since } from "./helpers";

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2024-05-01T10:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2_000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Wed, 01 May 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("-3", now)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("  ")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles per attempt with jitter between half and the whole step, capped", () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffDelay(1, 100, 1_000)).toBeGreaterThanOrEqual(50);
      expect(backoffDelay(1, 100, 1_000)).toBeLessThanOrEqual(100);
      expect(backoffDelay(3, 100, 1_000)).toBeGreaterThanOrEqual(200);
      expect(backoffDelay(3, 100, 1_000)).toBeLessThanOrEqual(400);
      expect(backoffDelay(10, 100, 1_000)).toBeLessThanOrEqual(1_000);
    }
  });
});

describe("withRetry", () => {
  const unavailable = () => new ConnectorError("unavailable", "down", { status: 503 });

  it("retries retryable ConnectorErrors and returns the result", async () => {
    let calls = 0;
    const result = await withRetry(async (attempt) => {
      calls++;
      if (attempt < 3) throw unavailable();
      return "done";
    }, { minDelayMs: 1 });
    expect([result, calls]).toEqual(["done", 3]);
  });

  it.each(["unauthorized", "forbidden", "not_found", "conflict", "invalid", "internal"] as const)("never retries `%s`", async (reason) => {
    let calls = 0;
    const error = await rejectionOf(withRetry(async () => {
      calls++;
      throw new ConnectorError(reason, "no");
    }, { minDelayMs: 1 }));
    expect([error instanceof ConnectorError, calls]).toEqual([true, 1]);
  });

  it("never retries foreign errors (bugs)", async () => {
    let calls = 0;
    const error = await rejectionOf(withRetry(async () => {
      calls++;
      throw new TypeError("bug");
    }));
    expect([error instanceof TypeError, calls]).toEqual([true, 1]);
  });

  it("an abort during the backoff wait rejects at once", async () => {
    const controller = new AbortController();
    let calls = 0;
    const start = performance.now();
    setTimeout(() => controller.abort(new Error("cancelled")), 50);
    const error = await rejectionOf(withRetry(async () => {
      calls++;
      throw new ConnectorError("rate_limited", "wait", { retryAfterMs: 10_000 });
    }, { signal: controller.signal }));
    expect(error).toMatchObject({ message: "cancelled" });
    expect(calls).toBe(1);
    expect(since(start)).toBeLessThan(5_000);
  });
});
