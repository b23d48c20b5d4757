import type { RateBudget } from "@omnibridge/core-model";
import { SlidingWindowLimiter, combineBudgets, createHttpClient, sharedRateBudget, type HttpClient } from "@omnibridge/connector-kit";
import type { HubSpotClient } from "./hubspot-client-types";
import { linkMethods } from "./hubspot-client-links";
import { objectMethods } from "./hubspot-client-objects";
import { classifyHubSpotError } from "./hubspot-error";
import type { HubSpotSettings } from "./hubspot-settings";

export type { HubSpotClient, HubSpotSearchBody, HubSpotUpsertInput } from "./hubspot-client-types";

/**
 * A sliding window a little longer than the vendor's: requests leave the client in order but reach
 * HubSpot with jitter (event-loop stalls on a busy host delay them too), which would otherwise tip a
 * window into a 429. The margin is 1 % of the window, at least 50 ms: 100 ms on HubSpot's 10-s
 * window, while a 1-s window (per-second limits) keeps 95 % of its rate instead of the 91 % a fixed
 * 100 ms would leave. A 429 that still happens is retried after its Retry-After.
 */
function windowWithMargin(limit: { limit: number; windowMs: number }): SlidingWindowLimiter {
  return new SlidingWindowLimiter({ limit: limit.limit, windowMs: limit.windowMs + Math.max(50, Math.ceil(limit.windowMs / 100)) });
}

function budgets(settings: HubSpotSettings): { burst: RateBudget; search: RateBudget } {
  const account = `hubspot:${settings.url}:${settings.portalId ?? ""}:${settings.token.slice(-6)}`;
  const burst = settings.rateBudget ?? sharedRateBudget(`${account}:burst`, () => windowWithMargin(settings.rateLimit));
  const search = settings.searchRateBudget ?? sharedRateBudget(`${account}:search`, () => windowWithMargin(settings.searchRateLimit));
  return { burst, search: combineBudgets(search, burst) };
}

/**
 * Create the HubSpot client. Two HTTP clients share the burst budget; the search one also takes
 * the search budget on every attempt (search has its own per-token limit).
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function createHubSpotClient(settings: HubSpotSettings): HubSpotClient {
  const { burst, search } = budgets(settings);
  const common = {
    system: settings.system,
    baseURL: settings.url.replace(/\/$/, ""),
    timeoutMs: settings.timeoutMs,
    tls: settings.tls,
    authorize: () => ({ Authorization: `Bearer ${settings.token}` }),
    retry: settings.retry,
    classify: classifyHubSpotError,
    secrets: () => [settings.token],
    logger: settings.logger,
  };
  const http: HttpClient = createHttpClient({ ...common, rateBudget: burst });
  const searchHttp: HttpClient = createHttpClient({ ...common, rateBudget: search });

  return {
    ...objectMethods(http, searchHttp),
    ...linkMethods(http),
    metrics() {
      const a = http.metrics();
      const b = searchHttp.metrics();
      return { requests: a.requests + b.requests, retries: a.retries + b.retries, rateLimited: a.rateLimited + b.rateLimited };
    },
    close() {
      http.close();
      searchHttp.close();
    },
  };
}
