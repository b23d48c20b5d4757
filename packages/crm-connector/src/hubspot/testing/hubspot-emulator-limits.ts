import { randomUUID } from "node:crypto";
import type { EmulatorInterceptor, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { createRateLimitWindow, type RateLimitOptions } from "@omnibridge/testkit";
import { errorBody } from "./hubspot-emulator-store";

/** Rate-limit options of the emulator. */
export interface HubSpotLimitOptions {
  /** Burst limit per token (HubSpot: 100 / 10 s on Free/Starter, 190 on Pro/Enterprise). */
  burst: RateLimitOptions;
  /** Search limit per token (documented 4/s; the emulator defaults to 5/s). */
  search: RateLimitOptions;
  /** Daily limit per token (250,000 on Free/Starter). */
  daily: number;
}

/** The 429 body HubSpot sends: `errorType: RATE_LIMIT` and the `policyName` of the limit hit. */
export function hubSpotTooMany(policyName: string, message: string, headers: Record<string, string>): EmulatorResponse {
  return { status: 429, headers, body: { status: "error", message, errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName, requestId: randomUUID() } };
}

const UNAUTHORIZED = "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

/**
 * Private-app bearer auth (401 with HubSpot's body on a wrong token) and per-token rate limits:
 * burst (TEN_SECONDLY_ROLLING), search (SECONDLY) and daily (DAILY), with `X-HubSpot-RateLimit-*`.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function hubSpotAuthAndLimits(
  token: string, options: HubSpotLimitOptions, counters: { rateLimited: number }, headersOf: WeakMap<object, Record<string, string>>,
): EmulatorInterceptor {
  const burst = createRateLimitWindow(options.burst);
  const search = createRateLimitWindow(options.search);
  const daily = createRateLimitWindow({ limit: options.daily, windowMs: 86_400_000 });
  const headers = (remaining: number, limit: RateLimitOptions): Record<string, string> => ({
    "x-hubspot-ratelimit-max": String(limit.limit), "x-hubspot-ratelimit-remaining": String(remaining),
    "x-hubspot-ratelimit-interval-milliseconds": String(limit.windowMs), "x-hubspot-ratelimit-daily": String(options.daily),
  });
  const refuse = (policy: string, message: string, limit: RateLimitOptions) => {
    counters.rateLimited++;
    return hubSpotTooMany(policy, message, headers(0, limit));
  };
  return (request) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (given !== token) return { status: 401, body: errorBody("INVALID_AUTHENTICATION", UNAUTHORIZED) };
    if (!daily.take(given).allowed) return refuse("DAILY", "You have reached your daily limit.", options.burst);
    const isSearch = request.method === "POST" && /^\/crm\/v3\/objects\/[^/]+\/search$/.test(request.path);
    if (isSearch && !search.take(given).allowed) return refuse("SECONDLY", "You have reached your secondly limit.", options.search);
    const decision = burst.take(given);
    if (!decision.allowed) return refuse("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", options.burst);
    // Search answers carry no rate-limit headers; other endpoints report the burst window.
    if (!isSearch) headersOf.set(request, headers(decision.remaining, options.burst));
    return undefined;
  };
}
