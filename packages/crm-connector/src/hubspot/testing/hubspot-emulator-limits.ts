import { randomUUID } from "node:crypto";
import type { EmulatorInterceptor } from "@omnibridge/connector-kit/testing";
import { errorBody } from "./hubspot-emulator-store";

/** A limit of `limit` requests per fixed window of `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Rate-limit options of the emulator. */
export interface HubSpotLimitOptions {
  /** Burst limit per token (HubSpot: 100 / 10 s on Free/Starter, 190 on Pro/Enterprise). */
  burst: WindowLimit;
  /** Search limit per token (documented 4/s; the emulator defaults to 5/s). */
  search: WindowLimit;
  /** Daily limit per token (250,000 on Free/Starter). */
  daily: number;
}

class FixedWindow {
  private start = 0;
  private used = 0;
  constructor(readonly options: WindowLimit) {}
  /** Remaining after taking one, or -1 when the window is exhausted. */
  take(now: number): number {
    if (now - this.start >= this.options.windowMs) {
      this.start = now - ((now - this.start) % this.options.windowMs);
      if (now - this.start >= this.options.windowMs) this.start = now;
      this.used = 0;
    }
    if (this.used >= this.options.limit) return -1;
    this.used++;
    return this.options.limit - this.used;
  }
}

/** The 429 body HubSpot sends: `errorType: RATE_LIMIT` and the `policyName` of the limit hit. */
function tooMany(policyName: string, message: string, headers: Record<string, string>) {
  return { status: 429, headers, body: { status: "error", message, errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName, requestId: randomUUID() } };
}

/**
 * Private-app bearer auth (401 with HubSpot's body on a wrong token) and per-token rate limits:
 * burst (TEN_SECONDLY_ROLLING), search (SECONDLY) and daily (DAILY), with `X-HubSpot-RateLimit-*`.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function hubSpotAuthAndLimits(token: string, options: HubSpotLimitOptions, counters: { rateLimited: number }): EmulatorInterceptor {
  const windows = new Map<string, { burst: FixedWindow; search: FixedWindow; daily: number }>();
  return (request) => {
    const header = request.headers.authorization ?? "";
    const given = /^Bearer (.+)$/.exec(header)?.[1];
    if (given !== token) {
      return { status: 401, body: errorBody("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview") };
    }
    let state = windows.get(given);
    if (!state) windows.set(given, (state = { burst: new FixedWindow(options.burst), search: new FixedWindow(options.search), daily: 0 }));
    const now = Date.now();
    const headers = (remaining: number, limit: WindowLimit) => ({
      "x-hubspot-ratelimit-daily": String(options.daily), "x-hubspot-ratelimit-daily-remaining": String(Math.max(0, options.daily - state!.daily)),
      "x-hubspot-ratelimit-max": String(limit.limit), "x-hubspot-ratelimit-remaining": String(Math.max(0, remaining)),
      "x-hubspot-ratelimit-interval-milliseconds": String(limit.windowMs),
    });
    if (state.daily >= options.daily) return (counters.rateLimited++, tooMany("DAILY", "You have reached your daily limit.", headers(0, options.burst)));
    if (request.method === "POST" && /\/search$/.test(request.path) && request.path.startsWith("/crm/v3/objects/")) {
      if (state.search.take(now) < 0) return (counters.rateLimited++, tooMany("SECONDLY", "You have reached your secondly limit.", headers(0, options.search)));
    }
    const remaining = state.burst.take(now);
    if (remaining < 0) return (counters.rateLimited++, tooMany("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", headers(0, options.burst)));
    state.daily++;
    return undefined;
  };
}
