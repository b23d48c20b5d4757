import { z } from "zod";
import { ConnectorError, type ConnectorMetrics } from "@omnibridge/core-model";
import { createHttpClient, TokenBucket, type HttpClient } from "@omnibridge/connector-kit";
import { classifyOdooFailure } from "./odoo-error";
import type { OdooSettings } from "./odoo-settings";

/** Named parameters of an ORM call; the client turns them into execute_kw positions or JSON-2 members. */
export interface OdooCallParams {
  ids?: number[];
  domain?: unknown[];
  fields?: string[];
  vals?: Record<string, unknown>;
  vals_list?: Record<string, unknown>[];
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** Options of one call. */
export interface OdooCallOptions {
  signal?: AbortSignal;
  /** False for non-idempotent calls (create) that the caller retries itself. */
  retry?: boolean;
}

/** Transport to one Odoo database: auth, ORM calls, error classification. No canonical model. */
export interface OdooClient {
  /** The system name of this connection (settings.system): part of id-derived partner keys. */
  readonly system: string;
  /** Major server version (17, 18, 19), from settings or `common.version` / `GET /web/version`. */
  version(signal?: AbortSignal): Promise<number>;
  /** Authenticated user id (JSON-RPC) — resolves credentials early; JSON-2 checks the key per call. */
  authenticate(signal?: AbortSignal): Promise<number | null>;
  call<T>(model: string, method: string, params: OdooCallParams, schema: z.ZodType<T>, options?: OdooCallOptions): Promise<T>;
  metrics(): ConnectorMetrics;
  /** The server's clock (HTTP `Date` of the latest response, ms), when it sent one. */
  serverTime?(): number | undefined;
  close(): void;
}

// Positional argument order of the ORM methods over execute_kw (external API reference, "Calling methods").
// https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#calling-methods
const POSITIONAL: Record<string, (keyof OdooCallParams)[]> = {
  search_read: ["domain"], search: ["domain"], search_count: ["domain"], read: ["ids"],
  create: ["vals_list"], write: ["ids", "vals"], unlink: ["ids"],
  // Model methods on records (`@api.multi` style): the record ids come first.
  action_confirm: ["ids"],
};

const versionSchema = z.object({
  server_version_info: z.array(z.union([z.number(), z.string()])).optional(),
  version_info: z.array(z.union([z.number(), z.string()])).optional(),
});

/** Split named parameters into execute_kw's positional `args` and `kwargs`. */
export function positionalCall(method: string, params: OdooCallParams): { args: unknown[]; kwargs: Record<string, unknown> } {
  const positional = POSITIONAL[method] ?? [];
  const args = positional.map((name) => params[name] ?? (name === "domain" ? [] : undefined));
  const kwargs = Object.fromEntries(
    Object.entries(params).filter(([name, value]) => value !== undefined && !positional.includes(name as keyof OdooCallParams)),
  );
  return { args, kwargs };
}

function httpClientFor(settings: OdooSettings): HttpClient {
  return createHttpClient({
    system: settings.system, baseURL: settings.url.replace(/\/$/, ""), timeoutMs: settings.timeoutMs, tls: settings.tls,
    // Odoo documents no request rate limit (vendor-apis §1); 100 req/s keeps one connector from hogging a worker pool.
    rateBudget: settings.rateBudget ?? new TokenBucket({ ratePerSecond: 100, burst: 100 }),
    retry: settings.retry, logger: settings.logger, classify: classifyOdooFailure,
    secrets: () => [settings.apiKey],
    authorize: settings.protocol === "json2" ? () => ({ Authorization: `bearer ${settings.apiKey}`, "X-Odoo-Database": settings.database }) : undefined,
  });
}

/** JSON-RPC (`/jsonrpc`, 17/18) or JSON-2 (`/json/2`, 19) transport with lazy auth and version probe. */
class OdooTransport implements OdooClient {
  private readonly http: HttpClient;
  private nextId = 1;
  private uid: Promise<number> | undefined;
  private lastDate: number | undefined;
  private major: Promise<number> | undefined;

  readonly system: string;

  constructor(private readonly settings: OdooSettings) {
    this.http = httpClientFor(settings);
    this.system = settings.system;
  }

  // JSON-RPC: POST /jsonrpc {"jsonrpc":"2.0","method":"call","params":{service,method,args}} (external API, migration section).
  private async rpc<T>(
    service: string, method: string, args: unknown[], schema: z.ZodType<T>, options: OdooCallOptions & { operation: string },
  ): Promise<T> {
    const response = await this.http.request({
      method: "POST", url: "/jsonrpc", operation: options.operation, signal: options.signal, retry: options.retry,
      data: { jsonrpc: "2.0", method: "call", id: this.nextId++, params: { service, method, args } },
      schema: z.object({ result: schema }),
    });
    this.noteDate(response.headers.date);
    return response.data.result;
  }

  private login(signal?: AbortSignal): Promise<number> {
    const { database, username, apiKey, system } = this.settings;
    // common.authenticate returns the uid, or false (not an error) on bad credentials.
    this.uid ??= this.rpc("common", "authenticate", [database, username, apiKey, {}], z.union([z.number(), z.literal(false)]), { signal, operation: "common.authenticate" })
      .then((result) => {
        if (result === false) throw new ConnectorError("unauthorized", `odoo: authentication failed for ${username} on ${database}`, { system, operation: "common.authenticate" });
        return result;
      });
    this.uid.catch(() => (this.uid = undefined));
    return this.uid;
  }

  private async fetchVersion(signal?: AbortSignal): Promise<number> {
    const info = this.settings.protocol === "json2"
      ? (await this.http.request({ method: "GET", url: "/web/version", schema: versionSchema, signal })).data.version_info
      : (await this.rpc("common", "version", [], versionSchema, { signal, operation: "common.version" })).server_version_info;
    const value = Number(info?.[0]);
    if (!Number.isInteger(value)) throw new ConnectorError("protocol", "odoo: server version is not reported", { system: this.settings.system });
    return value;
  }

  version(signal?: AbortSignal): Promise<number> {
    if (this.settings.version !== undefined) return Promise.resolve(this.settings.version);
    this.major ??= this.fetchVersion(signal);
    this.major.catch(() => (this.major = undefined));
    return this.major;
  }

  async authenticate(signal?: AbortSignal): Promise<number | null> {
    return this.settings.protocol === "json2" ? null : this.login(signal);
  }

  async call<T>(model: string, method: string, named: OdooCallParams, schema: z.ZodType<T>, options: OdooCallOptions = {}): Promise<T> {
    const operation = `${model}.${method}`;
    // Every call carries the language of translatable fields (context `lang`).
    const params: OdooCallParams = { ...named, context: { lang: this.settings.lang, ...named.context } };
    if (this.settings.protocol === "json2") {
      // JSON-2: POST /json/2/<model>/<method> with named arguments, `ids` and `context` (Odoo 19).
      const response = await this.http.request({ method: "POST", url: `/json/2/${model}/${method}`, data: params, schema, operation, signal: options.signal, retry: options.retry });
      this.noteDate(response.headers.date);
      return response.data;
    }
    const { args, kwargs } = positionalCall(method, params);
    const user = await this.login(options.signal);
    return this.rpc("object", "execute_kw", [this.settings.database, user, this.settings.apiKey, model, method, args, kwargs], schema, { ...options, operation });
  }

  metrics() {
    return this.http.metrics();
  }

  serverTime(): number | undefined {
    return this.lastDate;
  }

  private noteDate(header: string | undefined): void {
    const parsed = header ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(parsed)) this.lastDate = parsed;
  }

  close(): void {
    this.http.close();
  }
}

/** Create the Odoo transport for validated settings. */
export function createOdooClient(settings: OdooSettings): OdooClient {
  return new OdooTransport(settings);
}
