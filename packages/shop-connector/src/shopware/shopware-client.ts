import { ConnectorError, type ConnectorMetrics } from "@omnibridge/core-model";
import { createHttpClient, type HttpClient } from "@omnibridge/connector-kit";
import { shopwareSearchSchema, shopwareSyncResultSchema, shopwareTokenSchema, shopwareVersionSchema, type ShopwareError } from "./shopware-api";
import { classifyShopwareError, shopwareErrorsOf } from "./shopware-error";
import type { ShopwareSettings } from "./shopware-settings";
import type { ShopwareMachine } from "./shopware-states";

/** A Criteria body (`Criteria` schema of adminapi.json). */
export interface ShopwareCriteria {
  page?: number;
  limit?: number;
  ids?: string[];
  filter?: unknown[];
  sort?: Array<{ field: string; order: "ASC" | "DESC"; naturalSorting?: boolean }>;
  associations?: Record<string, unknown>;
  includes?: Record<string, string[]>;
  "total-count-mode"?: "none" | "exact" | "next-pages";
}

/** One keyed `_action/sync` operation. */
export interface ShopwareSyncOperation {
  entity: string;
  action: "upsert" | "delete";
  payload: Array<Record<string, unknown>>;
}

/** What a sync request did: written, or refused with the JSON:API errors (fail-on-error rolls the whole request back). */
export type ShopwareSyncOutcome =
  | { ok: true; data: Record<string, unknown[]> }
  | { ok: false; status: number; errors: ShopwareError[]; message: string };

/** Transport of the Shopware Admin API. */
export interface ShopwareClient {
  search(entity: string, criteria: ShopwareCriteria, signal?: AbortSignal): Promise<{ total: number | null; rows: unknown[] }>;
  sync(operations: Record<string, ShopwareSyncOperation>, signal?: AbortSignal): Promise<ShopwareSyncOutcome>;
  transition(machine: ShopwareMachine, id: string, action: string, signal?: AbortSignal): Promise<void>;
  version(signal?: AbortSignal): Promise<string>;
  metrics(): ConnectorMetrics;
  close(): void;
}

/** Renew this long before the documented expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Client-credentials tokens (docs/concepts/authentication-authorisation.md): they live 10 minutes
 * (`expires_in: 600`) and come without a refresh token, so the connector authenticates again shortly
 * before expiry, and once more on a 401 (a token revoked early). Concurrent callers share one request.
 */
function tokenSource(settings: ShopwareSettings, http: HttpClient) {
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const response = await http.request({
      method: "POST", url: "/oauth/token", schema: shopwareTokenSchema, operation: "POST /api/oauth/token",
      data: { grant_type: "client_credentials", client_id: settings.clientId, client_secret: settings.clientSecret },
    });
    const lifetime = response.data.expires_in * 1000;
    current = { token: response.data.access_token, expiresAt: Date.now() + Math.max(lifetime / 2, lifetime - EXPIRY_MARGIN_MS) };
    return current.token;
  };
  return {
    async token(): Promise<string> {
      if (current && Date.now() < current.expiresAt) return current.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    /** Drop the token a failed request carried (unless another caller already renewed it). */
    invalidate(failedHeader: string | undefined): boolean {
      if (!current || failedHeader === `Bearer ${current.token}`) current = undefined;
      return true;
    },
    value: () => current?.token,
  };
}

/** Create the Shopware client: one HTTP client for the Admin API, one for the token endpoint. */
export function createShopwareClient(settings: ShopwareSettings): ShopwareClient {
  const baseURL = `${settings.url.replace(/\/+$/, "")}/api`;
  const failures = new Map<string, unknown>();
  let syncCount = 0;
  const common = {
    system: settings.system, baseURL, timeoutMs: settings.timeoutMs, tls: settings.tls, retry: settings.retry,
    rateBudget: settings.rateBudget, logger: settings.logger, headers: { "Content-Type": "application/json" },
  };
  const tokenHttp = createHttpClient({ ...common, classify: classifyShopwareError, secrets: () => [settings.clientSecret] });
  const tokens = tokenSource(settings, tokenHttp);
  const http = createHttpClient({
    ...common,
    authorize: async () => ({ Authorization: `Bearer ${await tokens.token()}` }),
    onUnauthorized: async ({ headers }) => tokens.invalidate(headers.Authorization),
    // Keeps the body of a failed sync request (its operation name is unique) for per-record attribution.
    classify: (failure) => {
      if (failure.status >= 400 && failure.operation.startsWith("POST /api/_action/sync #")) failures.set(failure.operation, failure.body);
      return classifyShopwareError(failure);
    },
    secrets: () => [settings.clientSecret, tokens.value() ?? ""].filter(Boolean),
  });

  return {
    async search(entity, criteria, signal) {
      const response = await http.request({
        method: "POST", url: `/search/${entity}`, data: criteria, schema: shopwareSearchSchema, signal, operation: `POST /api/search/${entity}`,
      });
      return { total: response.data.total ?? null, rows: response.data.data };
    },
    async sync(operations, signal) {
      const operation = `POST /api/_action/sync #${++syncCount}`;
      try {
        // fail-on-error (the default) makes the request atomic: a refused record rolls back the batch, and its
        // error's source.pointer names it, so the caller drops it and sends the rest again.
        const response = await http.request({
          method: "POST", url: "/_action/sync", data: operations, schema: shopwareSyncResultSchema, signal, operation,
          headers: { "fail-on-error": "true" },
        });
        return { ok: true, data: response.data.data };
      } catch (error) {
        const body = failures.get(operation);
        failures.delete(operation);
        if (!ConnectorError.is(error) || error.status === undefined || error.status >= 500 || error.status === 401 ||
          error.status === 403) throw error;
        return { ok: false, status: error.status, errors: shopwareErrorsOf(body), message: error.message };
      }
    },
    async transition(machine, id, action, signal) {
      // Not retried: a repeated transition after a lost answer is refused as illegal; the next write recomputes the path.
      await http.request({
        method: "POST", url: `/_action/${machine}/${id}/state/${action}`, data: {}, signal, retry: false,
        operation: `POST /api/_action/${machine}/{id}/state/${action}`,
      });
    },
    async version(signal) {
      const response = await http.request({ method: "GET", url: "/_info/version", schema: shopwareVersionSchema, signal });
      return response.data.version;
    },
    metrics() {
      const a = http.metrics();
      const b = tokenHttp.metrics();
      return { requests: a.requests + b.requests, retries: a.retries + b.retries, rateLimited: a.rateLimited + b.rateLimited };
    },
    close() {
      http.close();
      tokenHttp.close();
    },
  };
}
