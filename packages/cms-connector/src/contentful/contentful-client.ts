import { createHttpClient, TokenBucket, type HttpClient } from "@omnibridge/connector-kit";
import type { ConnectorMetrics } from "@omnibridge/core-model";
import type { z } from "zod";
import { classifyContentfulError } from "./contentful-error";
import type { ContentfulSettings } from "./contentful-settings";

const CMA_TYPE = "application/vnd.contentful.management.v1+json";

/** A CMA or CDA call relative to `/spaces/{space}/environments/{env}`. */
export interface ContentfulCall<T> {
  method: "GET" | "PUT" | "POST" | "DELETE";
  path: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  schema?: z.ZodType<T>;
}

/** Transport to the CMA (writes) and the CDA (sync reads), each with its own token. */
export interface ContentfulClient {
  cma<T>(call: ContentfulCall<T>): Promise<T>;
  /** GET on the CDA; `url` may be an absolute `nextPageUrl` / `nextSyncUrl`. */
  cda<T>(url: string, params: Record<string, string | number | undefined>, schema: z.ZodType<T>): Promise<T>;
  metrics(): ConnectorMetrics;
  close(): void;
}

/** Create the Contentful client; the CMA budget defaults to the documented 7 requests per second. */
export function createContentfulClient(settings: ContentfulSettings): ContentfulClient {
  const secrets = () => [settings.managementToken, settings.deliveryToken];
  const environment = `/spaces/${encodeURIComponent(settings.spaceId)}/environments/${encodeURIComponent(settings.environment)}`;
  const make = (baseURL: string, token: string, rateBudget: TokenBucket | NonNullable<ContentfulSettings["rateBudget"]>): HttpClient =>
    createHttpClient({
      system: settings.system, baseURL, timeoutMs: settings.timeoutMs, tls: settings.tls, retry: settings.retry,
      logger: settings.logger, secrets,
      authorize: () => ({ Authorization: `Bearer ${token}` }),
      rateBudget, classify: classifyContentfulError,
    });
  // https://www.contentful.com/developers/docs/technical-limits/ (CMA 7/s by default; CDA 55/s uncached). Evenly
  // spaced (no burst) and a little under 7/s: a burst of 7 plus the refill puts up to 13 requests in one second,
  // and jitter can push an 8th into it; each one over costs a 429 and a whole second's wait (the reset is in seconds).
  const cmaBudget = settings.rateBudget ?? new TokenBucket({ ratePerSecond: 6.8, burst: 1 });
  const cma = make(settings.managementUrl, settings.managementToken, cmaBudget);
  const cda = make(settings.deliveryUrl, settings.deliveryToken, new TokenBucket({ ratePerSecond: 55 }));
  return {
    async cma(call) {
      const response = await cma.request({
        method: call.method, url: `${environment}${call.path}`, params: call.params, data: call.data, schema: call.schema,
        headers: { "Content-Type": CMA_TYPE, ...call.headers },
      });
      return response.data;
    },
    async cda(url, params, schema) {
      return (await cda.request({ method: "GET", url: url.startsWith("http") ? url : `${environment}${url}`, params, schema })).data;
    },
    metrics() {
      const a = cma.metrics();
      const b = cda.metrics();
      return { requests: a.requests + b.requests, retries: a.retries + b.retries, rateLimited: a.rateLimited + b.rateLimited };
    },
    close() {
      cma.close();
      cda.close();
    },
  };
}
