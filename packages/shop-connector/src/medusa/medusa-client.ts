import type { z } from "zod";
import type { ConnectorMetrics } from "@omnibridge/core-model";
import { createHttpClient } from "@omnibridge/connector-kit";
import { medusaListSchema } from "./medusa-api";
import { classifyMedusaError } from "./medusa-error";
import type { MedusaSettings } from "./medusa-settings";

/** Query parameters; arrays repeat as `name[]=a&name[]=b`, Medusa's (qs) array syntax. */
export type MedusaQuery = Record<string, string | number | boolean | readonly string[] | undefined>;

/** A list page: its raw rows, the total `count`, and the server's `Date` header. */
export interface MedusaListPage {
  rows: unknown[];
  count: number | null;
  serverDate: string | undefined;
}

/** Transport of the Medusa admin API. */
export interface MedusaClient {
  get<T>(path: string, query: MedusaQuery, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  list(path: string, resource: string, query: MedusaQuery, signal?: AbortSignal): Promise<MedusaListPage>;
  /** POST (create, update or action). `retry: false` for non-idempotent creates. */
  post<T>(path: string, body: unknown, schema: z.ZodType<T>,
    options?: { signal?: AbortSignal; retry?: boolean; query?: MedusaQuery }): Promise<T>;
  delete(path: string, signal?: AbortSignal): Promise<void>;
  metrics(): ConnectorMetrics;
  close(): void;
}

/** `?a=1&b[]=x&b[]=y`; keys keep Medusa's operator brackets (`updated_at[$gte]`) literally. */
export function medusaQueryString(query: MedusaQuery): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? (value as readonly string[]) : [String(value as string | number | boolean)];
    const key = Array.isArray(value) ? `${name}[]` : name;
    for (const v of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * The admin API client. Secret API keys go over HTTP Basic auth with the key as user name and an
 * empty password; `Bearer sk_…` is refused with 401 ("Secret API keys must be sent using HTTP Basic").
 * https://docs.medusajs.com/api/admin#authentication
 */
export function createMedusaClient(settings: MedusaSettings): MedusaClient {
  const basic = `Basic ${Buffer.from(`${settings.secretApiKey}:`).toString("base64")}`;
  const http = createHttpClient({
    system: settings.system, baseURL: settings.url.replace(/\/+$/, ""), timeoutMs: settings.timeoutMs, tls: settings.tls,
    retry: settings.retry, rateBudget: settings.rateBudget, logger: settings.logger, headers: { "Content-Type": "application/json" },
    authorize: () => ({ Authorization: basic }), classify: classifyMedusaError, secrets: () => [settings.secretApiKey],
  });
  const route = (path: string) => path.replace(/\/(?:[a-z]+_)[0-9A-Za-z]{20,}/g, "/{id}");
  return {
    async get(path, query, schema, signal) {
      const response = await http.request({ method: "GET", url: `${path}${medusaQueryString(query)}`, schema, signal,
        operation: `GET ${route(path)}` });
      return response.data;
    },
    async list(path, resource, query, signal) {
      const response = await http.request({
        method: "GET", url: `${path}${medusaQueryString(query)}`, schema: medusaListSchema(resource), signal, operation: `GET ${route(path)}`,
      });
      return { ...response.data, serverDate: response.headers.date };
    },
    async post(path, body, schema, options = {}) {
      const response = await http.request({
        method: "POST", url: `${path}${medusaQueryString(options.query ?? {})}`, data: body, schema, signal: options.signal,
        retry: options.retry ?? true, operation: `POST ${route(path)}`,
      });
      return response.data;
    },
    async delete(path, signal) {
      await http.request({ method: "DELETE", url: path, signal, operation: `DELETE ${route(path)}` });
    },
    metrics: () => http.metrics(),
    close: () => http.close(),
  };
}
