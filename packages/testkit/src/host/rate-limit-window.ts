import type { EmulatorInterceptor, EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import type { RateLimitOptions } from "./types";

/** A rate-limit decision, for the emulator to render in its vendor's headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Milliseconds until a request would be allowed again (window reset / oldest hit expiring). */
  resetMs: number;
}

/** Server-side request counter per key (token, account) enforcing a vendor's limit. */
export interface RateLimitWindow {
  take(key: string): RateLimitDecision;
}

/**
 * A fixed window (the window starts at a key's first request and resets after `windowMs`)
 * or a sliding window (the last `windowMs` of hits count).
 */
export function createRateLimitWindow(options: RateLimitOptions & { now?: () => number }): RateLimitWindow {
  const now = options.now ?? Date.now;
  const { limit, windowMs } = options;
  if (!(limit > 0 && windowMs > 0)) throw new RangeError("limit and windowMs must be positive");
  const fixed = new Map<string, { start: number; count: number }>();
  const sliding = new Map<string, number[]>();
  const takeFixed = (key: string, t: number): RateLimitDecision => {
    let window = fixed.get(key);
    if (!window || t - window.start >= windowMs) fixed.set(key, (window = { start: t, count: 0 }));
    const resetMs = window.start + windowMs - t;
    if (window.count >= limit) return { allowed: false, limit, remaining: 0, resetMs };
    window.count += 1;
    return { allowed: true, limit, remaining: limit - window.count, resetMs };
  };
  const takeSliding = (key: string, t: number): RateLimitDecision => {
    const hits = (sliding.get(key) ?? []).filter((at) => t - at < windowMs);
    sliding.set(key, hits);
    if (hits.length >= limit) return { allowed: false, limit, remaining: 0, resetMs: hits[0]! + windowMs - t };
    hits.push(t);
    return { allowed: true, limit, remaining: limit - hits.length, resetMs: hits[0]! + windowMs - t };
  };
  return { take: (key) => (options.mode === "sliding" ? takeSliding(key, now()) : takeFixed(key, now())) };
}

/** Options of {@link rateLimitInterceptor}. */
export interface RateLimitInterceptorOptions {
  /** The counted key of a request (default: its Authorization header). */
  key?: (request: EmulatorRequest) => string;
  /** The vendor's 429 for a refused request. */
  limited: (decision: RateLimitDecision, request: EmulatorRequest) => EmulatorResponse;
}

/** An interceptor that answers the vendor's 429 once a key exceeds its window. */
export function rateLimitInterceptor(window: RateLimitWindow, options: RateLimitInterceptorOptions): EmulatorInterceptor {
  const keyOf = options.key ?? ((request: EmulatorRequest) => String(request.headers.authorization ?? "anonymous"));
  return (request) => {
    const decision = window.take(keyOf(request));
    return decision.allowed ? undefined : options.limited(decision, request);
  };
}
