import { ConnectorError } from "@omnibridge/core-model";
import { isAxiosError } from "axios";
import { errorFromTransport } from "./http-errors";
import { redactText } from "./redact";
import { HTTP_LIMIT_DEFAULTS, type TransportSettings } from "./tls-settings";

/** The resolved limits of one client. */
export interface HttpLimits {
  totalTimeoutMs: number;
  maxResponseBytes: number;
  maxRequestBytes: number;
}

/** Limits from a system's transport settings, the kit defaults filling the gaps. */
export function resolveLimits(timeoutMs: number, settings: TransportSettings | undefined): HttpLimits {
  return {
    totalTimeoutMs: settings?.totalTimeoutMs ?? Math.max(10_000, timeoutMs * HTTP_LIMIT_DEFAULTS.totalTimeoutFactor),
    maxResponseBytes: settings?.maxResponseBytes ?? HTTP_LIMIT_DEFAULTS.maxResponseBytes,
    maxRequestBytes: settings?.maxRequestBytes ?? HTTP_LIMIT_DEFAULTS.maxRequestBytes,
  };
}

/** True for `localhost`, 127.0.0.0/8 and ::1: plain HTTP there never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Refuse to send credentials over plain `http://` to another machine: anyone on the path reads
 * them. Loopback (emulators, a local proxy) is allowed; anything else only with
 * `allowInsecureHttp: true` in the system's settings.
 */
export function assertSecureTransport(system: string, url: URL, hasCredentials: boolean, allowInsecureHttp: boolean | undefined): void {
  if (url.protocol !== "http:" || !hasCredentials || allowInsecureHttp === true || isLoopbackHost(url.hostname)) return;
  throw new ConnectorError(
    "invalid",
    `${system}: refusing to send credentials over plain http:// to ${url.host}; use https:// or set tls.allowInsecureHttp: true in the system's settings`,
    { system },
  );
}

/** The signal of one attempt: the caller's, and a deadline for the whole attempt. */
export function attemptSignal(caller: AbortSignal | undefined, totalTimeoutMs: number): { signal: AbortSignal; deadline: AbortSignal } {
  const deadline = AbortSignal.timeout(totalTimeoutMs);
  return { signal: caller ? AbortSignal.any([caller, deadline]) : deadline, deadline };
}

/** A transport failure as a ConnectorError: deadline and size limits named, the rest as {@link errorFromTransport}. */
export function transportFailure(
  system: string,
  operation: string,
  error: unknown,
  context: { deadline: AbortSignal; caller: AbortSignal | undefined; limits: HttpLimits; secrets: readonly string[] },
): ConnectorError {
  const { limits } = context;
  if (context.deadline.aborted && !context.caller?.aborted) {
    return new ConnectorError("timeout", redactText(`${system} ${operation} exceeded the total deadline of ${limits.totalTimeoutMs} ms (tls.totalTimeoutMs)`, context.secrets), {
      system, operation, vendorCode: "TOTAL_DEADLINE",
    });
  }
  const message = isAxiosError(error) ? error.message : "";
  // Too large is not transient: the same request gets the same body again. Page size or the limit must change.
  if (/maxContentLength/.test(message)) {
    return new ConnectorError("invalid", `${system} ${operation} response exceeded ${limits.maxResponseBytes} bytes (tls.maxResponseBytes); lower the page size or raise the limit`, {
      system, operation, vendorCode: "RESPONSE_TOO_LARGE",
    });
  }
  if (/maxBodyLength/.test(message)) {
    return new ConnectorError("invalid", `${system} ${operation} request body exceeded ${limits.maxRequestBytes} bytes (tls.maxRequestBytes); lower the batch size or raise the limit`, {
      system, operation, vendorCode: "REQUEST_TOO_LARGE",
    });
  }
  return errorFromTransport(system, operation, error, context.secrets);
}
