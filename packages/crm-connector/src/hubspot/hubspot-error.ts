import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { parseRetryAfter, type ErrorClassification, type HttpFailure } from "@omnibridge/connector-kit";
import { hubSpotErrorBodySchema, type HubSpotErrorBody } from "./hubspot-api";

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

/** The reason a HubSpot error category stands for, if it is one we know. */
export function reasonOfCategory(category: string | null | undefined): ConnectorErrorReason | undefined {
  return category ? CATEGORY_REASONS[category] : undefined;
}

/** What an error body says beyond its message: the vendor code, the field, the scopes missing. */
export interface HubSpotErrorDetails {
  code?: string;
  field?: string;
  requiredScopes: string[];
  /** Message of the first nested validation result or error detail, when it adds to the top message. */
  detail?: string;
}

type ErrorLike = Pick<HubSpotErrorBody, "message" | "context" | "errors">;

/** `Property values were not valid: [{"isValid":false,"message":…,"error":"INVALID_EMAIL","name":"email"}]` → its first entry. */
function nestedValidation(message: string | null | undefined): { message?: string; error?: string; name?: string } | undefined {
  const start = message?.search(/[[{]/) ?? -1;
  if (!message || start < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!first || typeof first !== "object") return undefined;
    const { message: text, error, name } = first as Record<string, unknown>;
    return { message: typeof text === "string" ? text : undefined, error: typeof error === "string" ? error : undefined, name: typeof name === "string" ? name : undefined };
  } catch {
    return undefined;
  }
}

/** Scopes from `context.requiredScopes` / `missingScopes`, as a map or as the text form `{missingScopes=[a, b]}`. */
function scopesOf(context: Record<string, string[]> | string | null | undefined): string[] {
  if (!context) return [];
  if (typeof context === "string") {
    const list = /(?:required|missing)Scopes=\[([^\]]*)\]/.exec(context)?.[1];
    return list ? list.split(",").map((s) => s.trim()).filter(Boolean) : [];
  }
  return [...(context.requiredScopes ?? []), ...(context.missingScopes ?? [])];
}

/**
 * The details of a HubSpot error (top-level body or a 207 `StandardError`): `errors[].code`,
 * the field from `errors[].in`, `context.propertyName` or the JSON nested in `message`, and
 * the scopes a 403 says are missing.
 * https://developers.hubspot.com/docs/api-reference/error-handling
 */
export function hubSpotErrorDetails(error: ErrorLike): HubSpotErrorDetails {
  const details = error.errors ?? [];
  const nested = nestedValidation(error.message);
  const contextOf = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, string[]>) : undefined);
  const field =
    details.find((d) => d.in)?.in ??
    details.map((d) => contextOf(d.context)?.propertyName?.[0]).find(Boolean) ??
    error.context?.propertyName?.[0] ??
    nested?.name;
  const code = details.find((d) => d.code)?.code ?? nested?.error;
  const requiredScopes = [...new Set([...scopesOf(error.context), ...details.flatMap((d) => scopesOf(d.context))])];
  const detail = nested?.message ?? details.find((d) => d.message && d.message !== error.message)?.message ?? undefined;
  return { ...(code ? { code } : {}), ...(field ? { field } : {}), requiredScopes, ...(detail ? { detail } : {}) };
}

/** ` [code X; field Y; required scopes a, b]`: the details appended to a message (parsed back by {@link fieldOfHubSpotMessage}). */
export function formatHubSpotDetails(details: HubSpotErrorDetails): string {
  const parts = [
    details.code ? `code ${details.code}` : "",
    details.field ? `field ${details.field}` : "",
    details.requiredScopes.length ? `required scopes ${details.requiredScopes.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? ` [${parts.join("; ")}]` : "";
}

/** The field a message built with {@link formatHubSpotDetails} names, if any. */
export function fieldOfHubSpotMessage(message: string): string | undefined {
  return /\[(?:[^\]]*; )?field ([^;\]]+)/.exec(message)?.[1];
}

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

/** Classify a HubSpot error response (connector-kit `classify` hook); the message carries code, field and missing scopes. */
export function classifyHubSpotError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const parsed = hubSpotErrorBodySchema.safeParse(failure.body);
  const body = parsed.success ? parsed.data : undefined;
  if (failure.status === 429) {
    const message = body?.message ? `${body.message}${body.correlationId ? ` (correlationId ${body.correlationId})` : ""}` : undefined;
    return { reason: "rate_limited", message, vendorCode: body?.policyName ?? body?.errorType ?? undefined, retryAfterMs: hubSpotRetryAfterMs(body?.policyName, failure.headers) };
  }
  const details = body ? hubSpotErrorDetails(body) : undefined;
  const code = details?.code ?? body?.category ?? body?.errorType ?? undefined;
  const detail = details?.detail ? `: ${details.detail}` : "";
  const message = body?.message
    ? `${body.message}${detail}${details ? formatHubSpotDetails(details) : ""}${body.correlationId ? ` (correlationId ${body.correlationId})` : ""}`
    : undefined;
  // A 5xx is always worth retrying whatever its category says.
  const reason = failure.status >= 500 ? undefined : reasonOfCategory(body?.category);
  return { reason, message, vendorCode: code };
}
