/**
 * The closed set of reasons a connector operation can fail. Retrying makes sense for
 * `network`, `timeout`, `rate_limited` and `unavailable` only.
 */
export const connectorErrorReasons = [
  "network",
  "timeout",
  "rate_limited",
  "unavailable",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "invalid",
  "protocol",
  "internal",
] as const;
/** Why a connector operation failed. */
export type ConnectorErrorReason = (typeof connectorErrorReasons)[number];

/** Brand shared by every copy of this module (ESM and CJS builds meeting in one process). */
const BRAND: unique symbol = Symbol.for("@omnibridge/core-model/ConnectorError");

const RETRYABLE: ReadonlySet<ConnectorErrorReason> = new Set(["network", "timeout", "rate_limited", "unavailable"]);

/** Options of a {@link ConnectorError}. */
export interface ConnectorErrorOptions {
  /** HTTP status, when the failure came from a response. */
  status?: number;
  /** How long the vendor asked us to wait before retrying (from Retry-After or similar). */
  retryAfterMs?: number;
  /** System the error came from (`odoo`, `hubspot`, …). */
  system?: string;
  /** The operation that failed, e.g. `POST /crm/v3/objects/contacts/batch/upsert`. No query secrets. */
  operation?: string;
  /** Vendor error code or category. */
  vendorCode?: string;
  /**
   * Dotted path of the offending field when the vendor named one (a validation error's
   * property or attribute, e.g. `values.brand`). Never a value.
   */
  field?: string;
  /** Underlying cause; never an object that carries credentials (such as an AxiosError). */
  cause?: unknown;
}

/**
 * The only error type connectors throw. It carries no request headers or credentials, so it
 * is safe to log, serialise and store.
 */
export class ConnectorError extends Error {
  override readonly name = "ConnectorError";
  /** Brand that {@link ConnectorError.is} checks; survives module duplication where `instanceof` does not. */
  readonly [BRAND] = true;
  /** Why it failed. */
  readonly reason: ConnectorErrorReason;
  /** HTTP status, if any. */
  readonly status: number | undefined;
  /** Requested wait before a retry, if the vendor said. */
  readonly retryAfterMs: number | undefined;
  /** System it came from. */
  readonly system: string | undefined;
  /** Operation that failed. */
  readonly operation: string | undefined;
  /** Vendor error code or category. */
  readonly vendorCode: string | undefined;
  /** Offending field, when the vendor named one. */
  readonly field: string | undefined;

  constructor(reason: ConnectorErrorReason, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.system = options.system;
    this.operation = options.operation;
    this.vendorCode = options.vendorCode;
    this.field = options.field;
  }

  /**
   * True for a ConnectorError from any copy of core-model (ESM or CJS build, or another version):
   * checks a `Symbol.for` brand instead of the prototype chain. `instanceof` still works within one copy.
   */
  static is(error: unknown): error is ConnectorError {
    return typeof error === "object" && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
  }

  /** True when retrying the same request may succeed. */
  get retryable(): boolean {
    return RETRYABLE.has(this.reason);
  }

  /** Plain JSON without the cause chain. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      reason: this.reason,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      system: this.system,
      operation: this.operation,
      vendorCode: this.vendorCode,
      field: this.field,
    };
  }
}

/** True for a {@link ConnectorError}. */
export function isConnectorError(error: unknown): error is ConnectorError {
  return ConnectorError.is(error);
}

/** True when an error is worth retrying (a retryable {@link ConnectorError}). */
export function isRetryable(error: unknown): boolean {
  return isConnectorError(error) && error.retryable;
}

/** The wait the vendor asked for, in milliseconds, if any. */
export function retryAfterMs(error: unknown): number | undefined {
  return isConnectorError(error) ? error.retryAfterMs : undefined;
}

/** Map an HTTP status to a reason (vendor adapters refine with their error bodies). */
export function reasonForStatus(status: number): ConnectorErrorReason {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 408) return "timeout";
  if (status === 409 || status === 412) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  if (status >= 400) return "invalid";
  return "protocol";
}
