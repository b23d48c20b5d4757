import { randomUUID } from "node:crypto";
import type { RateBudget } from "@omnibridge/core-model";
import type { Redis } from "ioredis";

/** A vendor account's request limit: at most `limit` requests in any `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Atomic sliding window over a sorted set (score = Redis server time in ms). Expired entries are
 * dropped; when `cost` more fit, they are added and 0 is returned, otherwise the ms until the
 * oldest entry that must leave does. Redis's own clock is used so workers on different machines
 * agree on "now" (TIME in scripts is allowed since Redis 5 with effect replication).
 * KEYS[1] window key; ARGV: limit, windowMs, cost, member prefix.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + cost <= limit then
  for i = 1, cost do redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i) end
  redis.call('PEXPIRE', KEYS[1], window + 1000)
  return {0, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], count + cost - limit - 1, count + cost - limit - 1, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now + 1
if wait < 1 then wait = 1 end
return {wait, now}
`;

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason as Error);
  const timer = setTimeout(() => { signal?.removeEventListener("abort", abort); resolve(); }, ms);
  const abort = () => { clearTimeout(timer); reject(signal!.reason as Error); };
  signal?.addEventListener("abort", abort, { once: true });
});

/**
 * A {@link RateBudget} shared by every process that uses the same Redis key: ten workers on ten
 * machines make at most `limit` requests per `windowMs` to the account together, as one would.
 */
export class RedisRateBudget implements RateBudget {
  /** Server times (ms) of granted requests, for metrics and tests (last 10,000). */
  readonly granted: number[] = [];
  private waits = 0;

  /** The window Redis counts in: the vendor's plus a margin (see the constructor). */
  readonly windowMs: number;

  /**
   * `marginMs` widens the counted window: a request reaches the vendor some milliseconds after
   * its grant (event loop, connection pool), so grants exactly one window apart can arrive less
   * than a window apart. Default 5% of the window, at least 25 ms, at most 1 s.
   */
  constructor(private readonly redis: Redis, readonly key: string, readonly rate: RateLimit, marginMs?: number) {
    if (!(rate.limit >= 1) || !(rate.windowMs >= 1)) throw new Error(`rate limit of ${key} must be ≥ 1 per ≥ 1 ms`);
    this.windowMs = rate.windowMs + (marginMs ?? Math.min(1_000, Math.max(25, Math.round(rate.windowMs * 0.05))));
  }

  /** Resolves once `cost` requests may be made now (waits as long as the window says). */
  async acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    const n = Math.min(Math.max(1, Math.ceil(cost)), this.rate.limit);
    for (;;) {
      const reply = await this.redis.eval(SLIDING_WINDOW, 1, this.key, this.rate.limit, this.windowMs, n, randomUUID());
      const [wait, now] = reply as [number, number];
      if (wait === 0) {
        this.granted.push(now);
        if (this.granted.length > 10_000) this.granted.splice(0, this.granted.length - 10_000);
        return;
      }
      this.waits++;
      await sleep(Math.min(wait, this.windowMs), signal);
    }
  }

  /** How often a caller had to wait. */
  get throttled(): number {
    return this.waits;
  }
}
