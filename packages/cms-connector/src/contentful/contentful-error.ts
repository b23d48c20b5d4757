import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { contentfulErrorSchema } from "./contentful-api";

// https://www.contentful.com/developers/docs/references/errors/
const ID_REASONS: Record<string, ConnectorErrorReason> = {
  BadRequest: "invalid",
  InvalidQuery: "invalid",
  AccessTokenInvalid: "unauthorized",
  AccessDenied: "forbidden",
  NotFound: "not_found",
  VersionMismatch: "conflict",
  ValidationFailed: "invalid",
  InvalidEntry: "invalid",
  UnresolvedLinks: "invalid",
  RateLimitExceeded: "rate_limited",
  ServerError: "unavailable",
  BadGateway: "unavailable",
};

/**
 * Classify a Contentful error body. On 429, `X-Contentful-RateLimit-Reset` is the number of
 * seconds to wait (1 for the per-second limit, up to 3600 for the hourly one).
 * https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/api-rate-limits
 */
export function classifyContentfulError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const reset = Number(failure.headers["x-contentful-ratelimit-reset"]);
  const retryAfterMs = failure.status === 429 && Number.isFinite(reset) ? Math.max(0, reset) * 1000 : undefined;
  const parsed = contentfulErrorSchema.safeParse(failure.body);
  if (!parsed.success) return retryAfterMs === undefined ? undefined : { retryAfterMs };
  const { sys, message, details } = parsed.data;
  const first = details?.errors?.[0];
  const where = first?.path?.length ? ` at ${first.path.join(".")}` : "";
  return {
    reason: ID_REASONS[sys.id],
    vendorCode: sys.id,
    retryAfterMs,
    message: `${message ?? sys.id}${first ? `: ${first.details ?? first.name ?? ""}${where}` : ""}`,
  };
}
