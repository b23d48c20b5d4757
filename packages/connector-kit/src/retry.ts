import pRetry from "p-retry";
import { ConnectorError, isConnectorError } from "@omnibridge/core-model";

/** How a call is retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** First backoff delay (default 200 ms); doubles each attempt, with jitter. */
  minDelayMs?: number;
  /** Cap of a computed backoff delay (default 10 s). */
  maxDelayMs?: number;
  /** Cap of a vendor's Retry-After we are willing to wait (default 120 s); longer fails. */
  maxRetryAfterMs?: number;
  /** Also retry `protocol` errors (a malformed or truncated body), default true for reads. */
  retryProtocolErrors?: boolean;
  /** Called before each wait. */
  onRetry?: (error: ConnectorError, attempt: number, delayMs: number) => void;
  /** Abort waiting and retrying. */
  signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Backoff for an attempt: exponential with full jitter between half and the whole step. */
export function backoffDelay(attempt: number, minDelayMs = 200, maxDelayMs = 10_000): number {
  const step = Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

function shouldRetry(error: unknown, options: RetryOptions): error is ConnectorError {
  if (!isConnectorError(error)) return false;
  if (error.retryable) return true;
  return error.reason === "protocol" && options.retryProtocolErrors !== false;
}

/**
 * Run `operation`, retrying only retryable ConnectorErrors (network, timeout, 429, 5xx; never
 * 400/401/403/404/409/422). A vendor's Retry-After is honoured exactly; otherwise the wait is
 * exponential backoff with jitter.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  return pRetry(operation, {
    retries: options.retries ?? 5,
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    signal: options.signal,
    shouldRetry: ({ error }) => shouldRetry(error, options),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (!shouldRetry(error, options) || retriesLeft === 0) return;
      const wanted = error.retryAfterMs;
      if (wanted !== undefined && wanted > maxRetryAfterMs) {
        throw new ConnectorError(error.reason, `${error.message} (asked to wait ${wanted} ms, more than the ${maxRetryAfterMs} ms allowed)`, {
          status: error.status, retryAfterMs: wanted, system: error.system, operation: error.operation, vendorCode: error.vendorCode,
        });
      }
      const delay = wanted ?? backoffDelay(attemptNumber, options.minDelayMs, options.maxDelayMs);
      options.onRetry?.(error, attemptNumber, delay);
      await sleep(delay, options.signal);
    },
  });
}

export { sleep };
