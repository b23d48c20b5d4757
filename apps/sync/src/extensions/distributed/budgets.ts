import { stableHash } from "@omnibridge/core-model";
import type { Redis } from "ioredis";
import type { ResolvedConfig } from "../../config";
import { RedisRateBudget, type RateLimit } from "./redis-budget";

/**
 * Documented per-account limits of the built-in vendors, used when a system's settings carry
 * no `rateLimit`. Each equals (or stays under) the default the adapter applies in one process.
 * - Odoo: no published limit; Odoo.sh workers serve ~100 req/s (the adapter's default bucket).
 * - Akeneo: 100 req/s per connection (the adapter's sliding window).
 * - HubSpot: private apps 100 requests per 10 s (https://developers.hubspot.com/docs/api/usage-details).
 * - Contentful CMA: 7 req/s (https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/api-rate-limits).
 * - WordPress: self-hosted, no limit; the adapter's default of 25 req/s.
 */
export const DEFAULT_LIMITS: Record<string, RateLimit> = {
  odoo: { limit: 100, windowMs: 1_000 },
  akeneo: { limit: 100, windowMs: 1_000 },
  hubspot: { limit: 100, windowMs: 10_000 },
  contentful: { limit: 7, windowMs: 1_000 },
  wordpress: { limit: 25, windowMs: 1_000 },
};

function limitOf(adapter: string, settings: Record<string, unknown>): RateLimit | undefined {
  const own = settings.rateLimit as Partial<RateLimit> | undefined;
  if (own && typeof own.limit === "number" && typeof own.windowMs === "number") return { limit: own.limit, windowMs: own.windowMs };
  return DEFAULT_LIMITS[adapter];
}

/** The Redis key of a vendor account's window: the system and the account it points at (URL, user), never a secret. */
export function budgetKey(prefix: string, system: string, settings: Record<string, unknown>): string {
  const account = ["url", "baseUrl", "baseURL", "managementUrl", "spaceId", "database", "username", "portalId"]
    .map((k) => settings[k]).filter((v) => typeof v === "string" || typeof v === "number");
  return `${prefix}:rate:${system}:${stableHash(account).slice(0, 16)}`;
}

/**
 * The config with a Redis-backed rate budget injected into every system's settings (every
 * connector accepts `rateBudget`), so all workers share one budget per vendor account.
 */
export function withSharedBudgets(
  config: ResolvedConfig,
  redis: Redis,
  prefix: string,
): { config: ResolvedConfig; budgets: Map<string, RedisRateBudget> } {
  const budgets = new Map<string, RedisRateBudget>();
  const systems: ResolvedConfig["systems"] = {};
  for (const [id, system] of Object.entries(config.systems)) {
    const rate = limitOf(system.adapter, system.settings);
    if (!rate) {
      systems[id] = system;
      continue;
    }
    const budget = new RedisRateBudget(redis, budgetKey(prefix, id, system.settings), rate);
    budgets.set(id, budget);
    systems[id] = { ...system, settings: { ...system.settings, rateBudget: budget } };
  }
  return { config: { ...config, systems }, budgets };
}
