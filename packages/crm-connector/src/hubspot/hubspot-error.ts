import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { parseRetryAfter, type ErrorClassification, type HttpFailure } from "@omnibridge/connector-kit";
import { hubSpotErrorBodySchema } from "./hubspot-api";

/**
 * HubSpot error `category` → reason. Categories per the spec's `Error` schema and
 * https://developers.hubspot.com/docs/guides/api/overview#error-handling
 */
const CATEGORY_REASONS: Record<string, ConnectorErrorReason> = {
  VALIDATION_ERROR: "invalid",
  INVALID_AUTHENTICATION: "unauthorized",
  EXPIRED_AUTHENTICATION: "unauthorized",
  MISSING_SCOPES: "forbidden",
  OBJECT_NOT_FOUND: "not_found",
  OBJECT_ALREADY_EXISTS: "conflict",
  CONFLICT: "conflict",
  RATE_LIMITS: "rate_limited",
};

const DAY_MS = 86_400_000;

/**
 * How long a 429 asks us to wait. HubSpot signals the limit hit in `policyName` and the
 * window in `X-HubSpot-RateLimit-Interval-Milliseconds`; a Retry-After header wins when sent.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details#rate-limits
 */
export function hubSpotRetryAfterMs(policyName: string | null | undefined, headers: HttpFailure["headers"], now = Date.now()): number {
  const explicit = parseRetryAfter(headers["retry-after"], now);
  if (explicit !== undefined) return explicit;
  const interval = Number(headers["x-hubspot-ratelimit-interval-milliseconds"]);
  switch (policyName) {
    case "DAILY":
      // Resets at midnight in the account's time zone; UTC midnight is the closest we know.
      return DAY_MS - (now % DAY_MS);
    case "SECONDLY":
      return Number.isFinite(interval) && interval > 0 ? interval : 1_000;
    default:
      return Number.isFinite(interval) && interval > 0 ? interval : 10_000;
  }
}

/** Classify a HubSpot error response (connector-kit `classify` hook). */
export function classifyHubSpotError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const parsed = hubSpotErrorBodySchema.safeParse(failure.body);
  const body = parsed.success ? parsed.data : undefined;
  const code = body?.policyName ?? body?.category ?? body?.errorType ?? undefined;
  const message = body?.message ? `${body.message}${body.correlationId ? ` (correlationId ${body.correlationId})` : ""}` : undefined;
  if (failure.status === 429) {
    return { reason: "rate_limited", message, vendorCode: code, retryAfterMs: hubSpotRetryAfterMs(body?.policyName, failure.headers) };
  }
  const byCategory = body?.category ? CATEGORY_REASONS[body.category] : undefined;
  // A 5xx is always worth retrying whatever its category says.
  const reason = failure.status >= 500 ? undefined : byCategory;
  return { reason, message, vendorCode: code };
}
