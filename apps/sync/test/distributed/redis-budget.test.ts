import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { budgetKey, withSharedBudgets } from "../../src/extensions/distributed/budgets";
import { RedisRateBudget } from "../../src/extensions/distributed/redis-budget";
import { resolveConfig } from "../../src/config";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { dropPrefix, freshPrefix, maxInWindow, REDIS_URL } from "./support";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

describe("RedisRateBudget (real Redis)", () => {
  const prefix = freshPrefix();
  const connections: Redis[] = [];
  const connect = () => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return redis;
  };
  afterAll(async () => {
    for (const c of connections) c.disconnect();
    await dropPrefix(prefix);
  });

  it("three budgets on separate connections (three workers) grant at most `limit` in any window together", async () => {
    const rate = { limit: 10, windowMs: 400 };
    const key = `${prefix}:rate:shared`;
    const budgets = [0, 1, 2].map(() => new RedisRateBudget(connect(), key, rate));
    const localTimes: number[] = [];
    const started = Date.now();
    await Promise.all(budgets.map(async (budget) => {
      for (let i = 0; i < 15; i++) {
        await budget.acquire();
        localTimes.push(Date.now());
      }
    }));
    const granted = budgets.flatMap((b) => b.granted);
    expect(granted).toHaveLength(45);
    // Redis's clock decides: never more than 10 grants in any 400 ms window.
    expect(maxInWindow(granted, rate.windowMs)).toBeLessThanOrEqual(rate.limit);
    // 45 requests at 10 per 400 ms need at least 4 full windows after the first burst.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * rate.windowMs - 20);
    expect(budgets.reduce((n, b) => n + b.throttled, 0)).toBeGreaterThan(0);
  });

  it("a cost above 1 takes that many slots; an aborted wait rejects", async () => {
    const budget = new RedisRateBudget(connect(), `${prefix}:rate:cost`, { limit: 4, windowMs: 60_000 });
    await budget.acquire(3);
    await budget.acquire(1);
    const controller = new AbortController();
    const waiting = budget.acquire(1, controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await expect(waiting).rejects.toThrow("stop");
  });

  it("injects one budget per vendor account into every system's settings, keyed without secrets", () => {
    const config = resolveConfig({
      systems: {
        erp: { adapter: "odoo", settings: { url: "http://erp", database: "db", username: "u", apiKey: "secret-key" } },
        cms: { adapter: "contentful", settings: { spaceId: "s", managementUrl: "http://cma", managementToken: "tok", rateLimit: { limit: 3, windowMs: 1000 } } },
      },
      flows: [{ source: { system: "erp", entity: "price" }, targets: [{ system: "cms" }] }],
    }, { baseDir: ".", env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
    const redis = connect();
    const { config: shared, budgets } = withSharedBudgets(config, redis, prefix);
    expect(budgets.get("erp")?.rate).toEqual({ limit: 100, windowMs: 1000 });
    expect(budgets.get("cms")?.rate).toEqual({ limit: 3, windowMs: 1000 });
    expect(shared.systems.erp!.settings.rateBudget).toBe(budgets.get("erp"));
    expect(budgetKey(prefix, "erp", config.systems.erp!.settings)).not.toContain("secret-key");
    expect(budgetKey(prefix, "erp", config.systems.erp!.settings)).toBe(budgets.get("erp")!.key);
  });
});
