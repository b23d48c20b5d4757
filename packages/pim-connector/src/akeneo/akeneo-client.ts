import { createHttpClient, SlidingWindowLimiter, sharedRateBudget, type HttpClient } from "@omnibridge/connector-kit";
import type { ConnectorMetrics } from "@omnibridge/core-model";
import type { z } from "zod";
import { akeneoListSchema, type AkeneoCollectionLine } from "./akeneo-api";
import { AkeneoTokenManager } from "./akeneo-auth";
import { AKENEO_COLLECTION_TYPE, collectionBody, parseCollectionResponse } from "./akeneo-collection";
import { classifyAkeneoError } from "./akeneo-error";
import { ConcurrencyLimiter } from "./akeneo-limiter";
import type { AkeneoSettings } from "./akeneo-settings";

/** One fetched list page. */
export interface AkeneoListPage<T> {
  items: T[];
  /** `_links.next.href` as a path relative to the PIM, or null on the last page. */
  next: string | null;
  /** The server's `Date` header (its clock, used to bound delta passes). */
  serverDate: string | undefined;
  /** `items_count`, when the request asked `with_count=true`. */
  count?: number;
}

/** Akeneo REST transport: auth, concurrency, rate budget, error classification. No canonical model here. */
export interface AkeneoClient {
  list<T>(
    pathOrHref: string, params: Record<string, string | number | undefined>, item: z.ZodType<T>, signal?: AbortSignal,
  ): Promise<AkeneoListPage<T>>;
  get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  /** PATCH a collection (≤ 100 lines) and return one status line per input line. */
  patchCollection(path: string, lines: readonly object[], signal?: AbortSignal): Promise<AkeneoCollectionLine[]>;
  readonly tokens: AkeneoTokenManager;
  readonly limiter: ConcurrencyLimiter;
  /** System id, for errors. */
  readonly system: string;
  metrics(): ConnectorMetrics;
  close(): void;
}

/** Relative path + query of a `_links` href (never follow a link to another host). */
export function relativeHref(href: string, base: string): string {
  const url = new URL(href, base);
  return `${url.pathname}${url.search}`;
}

/** Create the Akeneo client for validated settings. */
export function createAkeneoClient(settings: AkeneoSettings): AkeneoClient {
  const baseURL = settings.url.replace(/\/+$/, "");
  // Akeneo allows 100 requests/s per instance (https://api.akeneo.com/documentation/good-practices.html): one budget
  // per PIM URL in the process; a sliding window never exceeds 100 in any second, so bursts do not earn 429s.
  const rateBudget = settings.rateBudget ?? sharedRateBudget(`akeneo:${baseURL}`, () => new SlidingWindowLimiter({ limit: 100, windowMs: 1_000 }));
  const common = {
    system: settings.system, baseURL, timeoutMs: settings.timeoutMs, tls: settings.tls, rateBudget, retry: settings.retry,
    logger: settings.logger, classify: classifyAkeneoError, maxSockets: settings.maxConcurrency,
  };
  const tokenHttp = createHttpClient({ ...common, secrets: () => [settings.secret, settings.password, settings.clientId] });
  const tokens = new AkeneoTokenManager(tokenHttp, settings);
  // Bearer token per attempt; a 401 renews the token that failed once (shared by concurrent calls) and repeats the call.
  const http: HttpClient = createHttpClient({
    ...common,
    secrets: () => tokens.secrets(),
    authorize: () => tokens.header(),
    onUnauthorized: async ({ headers }) => {
      await tokens.recoverFrom(headers.Authorization);
      return true;
    },
  });
  const limiter = new ConcurrencyLimiter(settings.maxConcurrency);

  return {
    tokens,
    limiter,
    system: settings.system,
    async list(pathOrHref, params, item, signal) {
      const isHref = pathOrHref.includes("?");
      const response = await limiter.run(() =>
        http.request({ method: "GET", url: isHref ? relativeHref(pathOrHref, baseURL) : `/api/rest/v1${pathOrHref}`, params: isHref ? undefined : params, schema: akeneoListSchema(item), signal }),
      );
      const next = response.data._links.next?.href;
      const count = response.data.items_count;
      return {
        items: response.data._embedded.items, next: next ? relativeHref(next, baseURL) : null, serverDate: response.headers.date,
        ...(count !== undefined ? { count } : {}),
      };
    },
    async get(path, schema, signal) {
      return (await limiter.run(() => http.request({ method: "GET", url: `/api/rest/v1${path}`, schema, signal }))).data;
    },
    async patchCollection(path, lines, signal) {
      // https://api.akeneo.com/api-reference.html#patch_products_uuid — upserts keyed by uuid/code, safe to retry.
      const url = `/api/rest/v1${path}`;
      const data = collectionBody(lines);
      const response = await limiter.run(() =>
        http.request<string>({ method: "PATCH", url, data, headers: { "Content-Type": AKENEO_COLLECTION_TYPE }, responseType: "text", signal }),
      );
      return parseCollectionResponse(response.data ?? "", settings.system, `PATCH ${url}`);
    },
    metrics() {
      const parts = [http.metrics(), tokenHttp.metrics()];
      return parts.reduce((a, b) => ({
        requests: a.requests + b.requests, retries: a.retries + b.retries, rateLimited: a.rateLimited + b.rateLimited,
      }));
    },
    close() {
      http.close();
      tokenHttp.close();
    },
  };
}
