import axios from "axios";
import http from "node:http";
import https from "node:https";
import {
  errorFromResponse, errorFromTransport, withRetry, type ErrorClassification, type HttpFailure, type RetryOptions,
} from "@omnibridge/connector-kit";
import { ConnectorError, type ConnectorMetrics, type Logger, type RateBudget } from "@omnibridge/core-model";
import { akeneoCollectionLineSchema, type AkeneoCollectionLine } from "./akeneo-api";
import type { AkeneoTokenManager } from "./akeneo-auth";

/**
 * PATCH collection transport. Akeneo answers `application/vnd.akeneo.collection+json`: one JSON
 * object per line, which connector-kit's client (one JSON document per body) cannot parse, so
 * this vendor helper does the same steps itself: rate budget, bearer token (refreshed once on
 * 401), classification, retries (upserts keyed by uuid/code are idempotent).
 * https://api.akeneo.com/api-reference.html#patch_products_uuid
 */
export interface CollectionTransport {
  patch(path: string, lines: readonly object[], signal?: AbortSignal): Promise<AkeneoCollectionLine[]>;
  metrics(): ConnectorMetrics;
  close(): void;
}

interface Options {
  system: string;
  baseURL: string;
  timeoutMs?: number;
  rateBudget: RateBudget;
  retry?: RetryOptions;
  logger?: Logger;
  classify: (failure: HttpFailure) => ErrorClassification | undefined;
  maxSockets: number;
  tokens: AkeneoTokenManager;
}

/** Parse a line-delimited collection response into validated status lines. */
export function parseCollectionResponse(text: string, system: string, operation: string): AkeneoCollectionLine[] {
  const out: AkeneoCollectionLine[] = [];
  for (const row of text.split("\n")) {
    if (row.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      throw new ConnectorError("protocol", `${system} ${operation} returned a malformed status line`, { system, operation });
    }
    const parsed = akeneoCollectionLineSchema.safeParse(value);
    if (!parsed.success) throw new ConnectorError("protocol", `${system} ${operation} returned an unexpected status line`, { system, operation });
    out.push(parsed.data);
  }
  return out;
}

/** Create the collection transport. */
export function createCollectionTransport(options: Options): CollectionTransport {
  const agents = { httpAgent: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets }), httpsAgent: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }) };
  const instance = axios.create({ baseURL: options.baseURL, timeout: options.timeoutMs ?? 30_000, responseType: "text", transformResponse: [(d: unknown) => d], validateStatus: () => true, maxRedirects: 0, ...agents });
  const counters: ConnectorMetrics = { requests: 0, retries: 0, rateLimited: 0 };

  async function attempt(path: string, body: string, signal: AbortSignal | undefined, refreshed: boolean): Promise<AkeneoCollectionLine[]> {
    const operation = `PATCH ${path}`;
    await options.rateBudget.acquire(1, signal);
    counters.requests++;
    const auth = await options.tokens.header();
    const headers = { ...auth, "Content-Type": "application/vnd.akeneo.collection+json", Accept: "application/json" };
    let response;
    try {
      response = await instance.request<string>({ method: "PATCH", url: path, data: body, headers, signal });
    } catch (error) {
      throw errorFromTransport(options.system, operation, error, options.tokens.secrets());
    }
    if (response.status === 401 && !refreshed) {
      await options.tokens.recoverFrom(auth.Authorization);
      return attempt(path, body, signal, true);
    }
    if (response.status >= 400) {
      if (response.status === 429) counters.rateLimited++;
      const text = response.data ?? "";
      let parsedBody: unknown = text;
      try {
        parsedBody = JSON.parse(text);
      } catch { /* keep text */ }
      const failure: HttpFailure = { status: response.status, body: parsedBody, headers: lower(response.headers as Record<string, unknown>), operation };
      throw errorFromResponse(options.system, failure, options.classify(failure), options.tokens.secrets());
    }
    return parseCollectionResponse(response.data ?? "", options.system, operation);
  }

  return {
    patch(path, lines, signal) {
      const body = lines.map((line) => JSON.stringify(line)).join("\n");
      return withRetry(() => attempt(path, body, signal, false), {
        ...options.retry, signal,
        onRetry: (error, number, delayMs) => {
          counters.retries++;
          options.logger?.warn("retrying", { system: options.system, operation: `PATCH ${path}`, reason: error.reason, attempt: number, delayMs });
        },
      });
    },
    metrics: () => ({ ...counters }),
    close() {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}

function lower(headers: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value == null ? undefined : String(value);
  return out;
}
