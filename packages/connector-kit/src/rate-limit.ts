import type { RateBudget } from "@omnibridge/core-model";
import { sleep } from "./retry";

/**
 * Serve `work` after the previous turn of `queue`; a waiter whose signal aborts rejects at
 * once (even while queued behind others) and, once its turn comes, takes nothing.
 */
function queueTurn(
  previous: Promise<void>,
  work: () => Promise<void>,
  signal?: AbortSignal,
): { turn: Promise<void>; settled: Promise<void> } {
  const settled = previous.then(() => {
    signal?.throwIfAborted();
    return work();
  });
  const quiet = settled.catch(() => undefined);
  if (!signal) return { turn: settled, settled: quiet };
  const turn = new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    settled.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
  return { turn, settled: quiet };
}

/** Options of a token bucket. */
export interface TokenBucketOptions {
  /** Requests allowed per second on average. */
  ratePerSecond: number;
  /** Largest burst (bucket size); defaults to ratePerSecond. */
  burst?: number;
}

/**
 * Token bucket rate budget: `acquire()` resolves when a token is free. Waiters are served in
 * order, so many concurrent flows sharing one bucket never exceed the rate together.
 */
export class TokenBucket implements RateBudget {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();
  readonly ratePerSecond: number;
  readonly burst: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be > 0");
    this.ratePerSecond = options.ratePerSecond;
    this.burst = Math.max(1, options.burst ?? options.ratePerSecond);
    this.tokens = this.burst;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /** Wait until `cost` tokens are available, then take them. */
  acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    if (!(cost > 0 && cost <= this.burst)) return Promise.reject(new RangeError(`cost must be > 0 and ≤ burst (${this.burst})`));
    const { turn, settled } = queueTurn(this.queue, async () => {
      for (;;) {
        this.refill();
        if (this.tokens >= cost) {
          this.tokens -= cost;
          return;
        }
        await sleep(Math.max(1, Math.ceil(((cost - this.tokens) / this.ratePerSecond) * 1000)), signal);
      }
    }, signal);
    this.queue = settled;
    return turn;
  }
}

/** Options of a sliding-window limiter. */
export interface SlidingWindowOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in ms (HubSpot: 10,000). */
  windowMs: number;
}

/**
 * At most `limit` requests in any `windowMs`: the exact rule vendors such as HubSpot enforce,
 * so a client using it never sees a 429 from that rule.
 */
export class SlidingWindowLimiter implements RateBudget {
  private readonly stamps: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  constructor(readonly options: SlidingWindowOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new RangeError("limit ≥ 1 and windowMs > 0 required");
  }

  /** Wait until `cost` requests fit in the window, then record them. */
  acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    if (!(cost >= 0)) return Promise.reject(new RangeError("cost must be ≥ 0"));
    const { turn, settled } = queueTurn(this.queue, async () => {
      for (let taken = 0; taken < cost; ) {
        const now = performance.now();
        while (this.stamps.length && this.stamps[0]! <= now - this.options.windowMs) this.stamps.shift();
        if (this.stamps.length < this.options.limit) {
          this.stamps.push(now);
          taken++;
          continue;
        }
        await sleep(Math.max(1, Math.ceil(this.stamps[0]! + this.options.windowMs - now)), signal);
      }
    }, signal);
    this.queue = settled;
    return turn;
  }
}

/** Several budgets that must all allow a request (e.g. per-second and per-day limits). */
export function combineBudgets(...budgets: RateBudget[]): RateBudget {
  return {
    async acquire(cost = 1, signal?: AbortSignal) {
      for (const budget of budgets) await budget.acquire(cost, signal);
    },
  };
}

const registry = new Map<string, RateBudget>();

/**
 * One budget per vendor account, shared by every client in the process that names the same
 * account key (e.g. `hubspot:portal-123`). The first caller's factory creates it.
 */
export function sharedRateBudget(accountKey: string, create: () => RateBudget): RateBudget {
  let budget = registry.get(accountKey);
  if (!budget) {
    budget = create();
    registry.set(accountKey, budget);
  }
  return budget;
}
