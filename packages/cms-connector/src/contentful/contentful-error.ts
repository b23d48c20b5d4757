import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { contentfulErrorSchema, type ContentfulValidation } from "./contentful-api";

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

/** A validation's path as a dotted field path (`fields.title.en-US`); a string path is kept as sent. */
export function validationPath(validation: ContentfulValidation): string | undefined {
  const { path } = validation;
  if (typeof path === "string") return path || undefined;
  return path?.length ? path.join(".") : undefined;
}

/** A short rendering of an offending value (record data, never a credential): at most 80 characters. */
function shortValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One validation in words: `size at fields.title.en-US (value "…"): Size must be at most 10`. */
function describeValidation(validation: ContentfulValidation): string {
  const where = validationPath(validation);
  const value = validation.value === undefined ? "" : ` (value ${shortValue(validation.value)})`;
  const details = validation.details ? `: ${validation.details}` : "";
  return `${validation.name ?? "invalid"}${where ? ` at ${where}` : ""}${value}${details}`;
}

/**
 * Classify a Contentful error body: the error name (`sys.id`) is the vendor code, every
 * validation of `details.errors` (name, path, value) is named in the message, the first one's
 * path is the field, and the `requestId` is kept for Contentful support. On 429,
 * `X-Contentful-RateLimit-Reset` is the number of seconds to wait (1 for the per-second limit,
 * up to 3600 for the hourly one).
 * https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/api-rate-limits
 */
export function classifyContentfulError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const reset = Number(failure.headers["x-contentful-ratelimit-reset"]);
  const retryAfterMs = failure.status === 429 && Number.isFinite(reset) ? Math.max(0, reset) * 1000 : undefined;
  const parsed = contentfulErrorSchema.safeParse(failure.body);
  if (!parsed.success) return retryAfterMs === undefined ? undefined : { retryAfterMs };
  const { sys, message, details, requestId } = parsed.data;
  const validations = details?.errors ?? [];
  const problems = [
    ...validations.map(describeValidation),
    ...(details?.keys?.length ? [`unknown keys ${details.keys.join(", ")}`] : []),
  ];
  const field = validations.map(validationPath).find((path) => path !== undefined)
    ?? (details?.keys?.length === 1 ? details.keys[0] : undefined);
  return {
    reason: ID_REASONS[sys.id],
    vendorCode: sys.id,
    retryAfterMs,
    field,
    message: `${sys.id}: ${message ?? sys.id}${problems.length ? ` — ${problems.join("; ")}` : ""}${requestId ? ` (requestId ${requestId})` : ""}`,
  };
}
