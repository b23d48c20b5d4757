import axios, { type AxiosInstance, type Method } from "axios";
import http from "node:http";
import https from "node:https";
import type { z } from "zod";
import { ConnectorError, type ConnectorMetrics, type Logger, type RateBudget } from "@omnibridge/core-model";
import { errorFromResponse, type ErrorClassification, type HttpFailure } from "./http-errors";
import { assertSecureTransport, attemptSignal, resolveLimits, transportFailure } from "./http-transport";
import { redactText, redactUrl } from "./redact";
import { withRetry, type RetryOptions } from "./retry";
import type { TransportSettings } from "./tls-settings";

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** System name used in errors and logs (`hubspot`). */
  system: string;
  /** Base URL of the vendor API. */
  baseURL: string;
  /** Per-attempt idle timeout (default 30 s); `tls.totalTimeoutMs` bounds a whole attempt. */
  timeoutMs?: number;
  /** Static headers (never credentials: use `authorize`). */
  headers?: Record<string, string>;
  /** Credential headers for each attempt (token providers refresh here). */
  authorize?: () => Promise<Record<string, string>> | Record<string, string>;
  /**
   * Called once on a 401 with the credential headers the failed attempt carried; return true
   * when credentials were refreshed and the call should be repeated. Comparing `failed` with
   * the current credentials lets concurrent 401s share one renewal.
   */
  onUnauthorized?: (failed: { headers: Record<string, string> }) => Promise<boolean>;
  /** Shared rate budget of the vendor account; every attempt takes one token. */
  rateBudget?: RateBudget;
  /** Retry policy. */
  retry?: RetryOptions;
  /** Vendor error classification; also called for 2xx bodies of vendors that report errors with 200. */
  classify?: (failure: HttpFailure) => ErrorClassification | undefined;
  /**
   * Secret strings to scrub from every error message (tokens, passwords). Header values returned
   * by `authorize` (and the token after their scheme) are scrubbed as well.
   */
  secrets?: () => readonly string[];
  /** Structured logger (debug per request, warn per retry). */
  logger?: Logger;
  /** Max concurrent sockets (default 8). */
  maxSockets?: number;
  /**
   * The system's transport settings (`tls` in every adapter's settings). Certificate verification
   * is on; it can only be turned off explicitly per system (`rejectUnauthorized: false`, e.g. a
   * staging server with a self-signed certificate); `ca` adds a PEM trust anchor instead, which is
   * the better fix. Also the total deadline, body size limits and `allowInsecureHttp`.
   */
  tls?: TransportSettings;
}

/** One request. */
export interface HttpRequest<T> {
  method: Method;
  /** Path relative to baseURL, or an absolute URL of the same vendor (next links). */
  url: string;
  params?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  /** Validates the parsed body; a mismatch is a `protocol` error naming the field. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
  /** False for non-idempotent requests that must not be repeated. Default true. */
  retry?: boolean;
  /** Name for errors and logs; defaults to `METHOD path`. */
  operation?: string;
  /** `text` returns the body unparsed (e.g. newline-delimited JSON); default `json`. */
  responseType?: "json" | "text";
}

/** A parsed response. */
export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | undefined>;
}

/** HTTP transport shared by every adapter. */
export interface HttpClient {
  request<T = unknown>(request: HttpRequest<T>): Promise<HttpResponse<T>>;
  metrics(): ConnectorMetrics;
  close(): void;
}

function parseBody(text: string, contentType: string | undefined, status: number): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: true, value: undefined };
  if (contentType && !/json/i.test(contentType)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // An error status whose body is not the JSON it claims (a proxy's HTML 502) keeps its status
    // meaning, with the text as body; only a success body that does not parse is a protocol error.
    return status >= 400 ? { ok: true, value: text } : { ok: false };
  }
}

function flatHeaders(headers: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value == null ? undefined : String(value);
  return out;
}

/**
 * Create the HTTP client adapters use: axios underneath, every attempt rate-budgeted, vendor
 * errors classified into ConnectorError, retries by policy (Retry-After honoured), bodies
 * validated by zod, and no AxiosError (which carries credentials) ever escaping.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 8,
    rejectUnauthorized: options.tls?.rejectUnauthorized !== false,
    ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limits = resolveLimits(timeoutMs, options.tls);
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseURL,
    timeout: timeoutMs,
    maxContentLength: limits.maxResponseBytes,
    maxBodyLength: limits.maxRequestBytes,
    headers: { Accept: "application/json", ...options.headers },
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    httpAgent,
    httpsAgent,
  });
  const counters: ConnectorMetrics = { requests: 0, retries: 0, rateLimited: 0 };
  /** Configured secrets plus every credential value `authorize` has handed out (and its token part). */
  const issued = new Set<string>();
  const secrets = () => [...(options.secrets?.() ?? []), ...issued];
  const hasCredentials = options.authorize !== undefined || (options.secrets?.() ?? []).some((secret) => secret !== "");
  const secureTarget = (url: string) =>
    assertSecureTransport(options.system, new URL(url, options.baseURL), hasCredentials, options.tls?.allowInsecureHttp);
  secureTarget(options.baseURL);
  const remember = (auth: Record<string, string>) => {
    for (const value of Object.values(auth)) {
      if (issued.size > 64) issued.clear();
      issued.add(value);
      const token = /^\s*\S+\s+(\S{4,})\s*$/.exec(value)?.[1];
      if (token) issued.add(token);
    }
  };

  async function attempt<T>(request: HttpRequest<T>, operation: string, refreshed: boolean): Promise<HttpResponse<T>> {
    await options.rateBudget?.acquire(1, request.signal);
    counters.requests++;
    const auth = (await options.authorize?.()) ?? {};
    remember(auth);
    const { signal, deadline } = attemptSignal(request.signal, limits.totalTimeoutMs);
    let response;
    try {
      response = await instance.request<string>({
        method: request.method, url: request.url, params: request.params, data: request.data,
        headers: { ...request.headers, ...auth }, signal,
      });
    } catch (error) {
      throw transportFailure(options.system, operation, error, { deadline, caller: request.signal, limits, secrets: secrets() });
    }
    const headers = flatHeaders(response.headers as Record<string, unknown>);
    const text = response.data ?? "";
    const parsed = request.responseType === "text" && response.status < 400 ? { ok: true as const, value: text } : parseBody(text, headers["content-type"], response.status);
    if (!parsed.ok) {
      throw new ConnectorError("protocol", `${options.system} ${operation} returned a malformed body (HTTP ${response.status})`, {
        status: response.status, system: options.system, operation,
      });
    }
    const failure: HttpFailure = { status: response.status, body: parsed.value, headers, operation };
    const classified = options.classify?.(failure);
    if (response.status === 401 && !refreshed && options.onUnauthorized && (await options.onUnauthorized({ headers: auth }))) {
      return attempt(request, operation, true);
    }
    if (response.status >= 400 || classified?.reason) {
      if (response.status === 429) counters.rateLimited++;
      throw errorFromResponse(options.system, failure, classified, secrets());
    }
    if (!request.schema) return { status: response.status, data: parsed.value as T, headers };
    const result = request.schema.safeParse(parsed.value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.map(String).join(".") || "(root)";
      throw new ConnectorError("protocol", redactText(`${options.system} ${operation} returned an unexpected body at ${where}: ${issue?.message}`, secrets()), {
        status: response.status, system: options.system, operation,
      });
    }
    return { status: response.status, data: result.data, headers };
  }

  return {
    request<T>(request: HttpRequest<T>) {
      const operation = redactText(request.operation ?? `${request.method.toUpperCase()} ${redactUrl(request.url)}`, secrets());
      // A next link may point elsewhere than the base URL: the same rule applies to it.
      try {
        secureTarget(request.url);
      } catch (error) {
        return Promise.reject(error);
      }
      const run = () => attempt(request, operation, false);
      if (request.retry === false) return run();
      return withRetry(run, {
        ...options.retry,
        signal: request.signal,
        onRetry: (error, number, delayMs) => {
          counters.retries++;
          options.logger?.warn("retrying", { system: options.system, operation, reason: error.reason, status: error.status, attempt: number, delayMs });
          options.retry?.onRetry?.(error, number, delayMs);
        },
      });
    },
    metrics: () => ({ ...counters }),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

export { redactText };
