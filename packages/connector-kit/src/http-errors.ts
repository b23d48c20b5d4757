import { ConnectorError, reasonForStatus, type ConnectorErrorReason } from "@omnibridge/core-model";
import { isAxiosError } from "axios";
import { redactText } from "./redact";

/** A failed (or vendor-flagged) HTTP exchange, as vendor classifiers see it. */
export interface HttpFailure {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
  operation: string;
}

/** What a vendor classifier may say about a failure; anything left out uses the defaults. */
export interface ErrorClassification {
  reason?: ConnectorErrorReason;
  message?: string;
  vendorCode?: string;
  retryAfterMs?: number;
  /** Offending field the vendor's error body named (a validation error's property/attribute). */
  field?: string;
}

/** Parse a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function defaultMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 300) || undefined;
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    for (const key of ["message", "error_description", "error", "detail", "title"]) {
      const value = record[key];
      if (typeof value === "string" && value) return value.slice(0, 300);
    }
  }
  return undefined;
}

/** Build a ConnectorError for an HTTP failure, letting the vendor classifier refine it. */
export function errorFromResponse(
  system: string,
  failure: HttpFailure,
  classified: ErrorClassification | undefined,
  secrets: readonly string[],
): ConnectorError {
  const reason = classified?.reason ?? reasonForStatus(failure.status);
  const detail = classified?.message ?? defaultMessage(failure.body) ?? "no error body";
  const retryAfterMs = classified?.retryAfterMs ?? parseRetryAfter(failure.headers["retry-after"]);
  return new ConnectorError(reason, redactText(`${system} ${failure.operation} failed with HTTP ${failure.status}: ${detail}`, secrets), {
    status: failure.status,
    retryAfterMs,
    system,
    operation: failure.operation,
    vendorCode: classified?.vendorCode,
    field: classified?.field,
  });
}

/** TLS trust failures: retrying cannot help, the certificate must be fixed or trusted explicitly. */
const TLS_CODES = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/;
const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);

/**
 * Convert a transport error (AxiosError, socket error) to a ConnectorError without keeping
 * the original: an AxiosError carries the request config with its Authorization header.
 */
export function errorFromTransport(system: string, operation: string, error: unknown, secrets: readonly string[]): ConnectorError {
  if (ConnectorError.is(error)) return error;
  const code = isAxiosError(error) ? error.code : (error as { code?: string } | undefined)?.code;
  const isTimeout = (code && TIMEOUT_CODES.has(code)) || (isAxiosError(error) && /timeout/i.test(error.message));
  const reason: ConnectorErrorReason = isTimeout
    ? "timeout"
    : code && TLS_CODES.test(code)
      ? "forbidden"
      : code === "ERR_CANCELED"
        ? "internal"
        : "network"; // every other code (ECONNRESET, ECONNREFUSED, ENOTFOUND, EAI_AGAIN, …) and none at all
  const text = error instanceof Error ? error.message : String(error);
  return new ConnectorError(reason, redactText(`${system} ${operation} failed: ${code ?? "error"} ${text}`, secrets), {
    system,
    operation,
    vendorCode: code,
  });
}
