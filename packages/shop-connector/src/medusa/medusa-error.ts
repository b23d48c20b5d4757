import type { ConnectorErrorReason } from "@omnibridge/core-model";
import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import { medusaErrorBodySchema } from "./medusa-api";

/**
 * Medusa's `type` values → reason, where the type says more than the status. Medusa's errors are
 * `{ type, message, code? }` with types from `MedusaError.Types` (invalid_data, not_found, not_allowed,
 * unauthorized, duplicate_error, conflict, invalid_argument, db_error, unexpected_state, unknown_error).
 * https://docs.medusajs.com/learn/fundamentals/api-routes/errors
 */
const TYPE_REASONS: Record<string, ConnectorErrorReason> = {
  invalid_data: "invalid",
  invalid_argument: "invalid",
  not_found: "not_found",
  not_allowed: "invalid",
  duplicate_error: "conflict",
  conflict: "conflict",
  unexpected_state: "conflict",
};

/** The field a Medusa validation message names: `Field 'title' is required` → `title`. */
export function fieldOfMessage(message: string): string | undefined {
  return /Field '([^']+)'/.exec(message)?.[1];
}

/** Classify a Medusa failure: the body's `type` refines the status (never for 401/403/429/5xx). */
export function classifyMedusaError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const parsed = medusaErrorBodySchema.safeParse(failure.body);
  if (!parsed.success) {
    // Express answers an unknown route with an HTML "Cannot GET …" page.
    return typeof failure.body === "string" && /Cannot (GET|POST|DELETE)/.test(failure.body)
      ? { message: `route not found (${failure.body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 120)})` }
      : undefined;
  }
  const { type, message, code } = parsed.data;
  const reason = type ? TYPE_REASONS[type] : undefined;
  const keepStatus = failure.status === 401 || failure.status === 403 || failure.status === 429 || failure.status >= 500;
  return {
    ...(reason && !keepStatus ? { reason } : {}),
    message: message.slice(0, 300),
    vendorCode: type ?? code ?? undefined,
    field: fieldOfMessage(message),
  };
}
