import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as emulator handlers see it. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Path parameters of the matched route (`:id`). */
  params: Record<string, string>;
  rawBody: string;
  /** Parsed JSON body, when the body is JSON. */
  body: unknown;
  /** Set when the body claimed to be JSON but did not parse. */
  bodyError?: string;
}

/** A response from a handler or interceptor. `body` is sent as JSON unless `raw` is given. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
}

/** What an interceptor (fault injector, auth check, rate limiter) can do with a request. */
export type InterceptResult =
  | EmulatorResponse
  | { action: "reset" }
  | { action: "hang" }
  | { action: "delay"; ms: number }
  | { action: "corrupt" };

/** Runs before routing; returning undefined passes the request on. */
export type EmulatorInterceptor = (request: EmulatorRequest) => InterceptResult | undefined | Promise<InterceptResult | undefined>;

/** A route: method, path (`/api/items/:id` or a RegExp with named groups) and handler. */
export interface EmulatorRoute {
  method: string;
  path: string | RegExp;
  handler: (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;
}

/** One logged request. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
  at: number;
}

/** Options of {@link createEmulatorServer}. */
export interface EmulatorServerOptions {
  name: string;
  routes: EmulatorRoute[];
  interceptors?: EmulatorInterceptor[];
  /** Response for unmatched routes (vendor-shaped 404). */
  notFound?: (request: EmulatorRequest) => EmulatorResponse;
  port?: number;
  /** Largest accepted body (default 25 MB); larger gets 413. */
  maxBodyBytes?: number;
  /** How many requests the log keeps (default 5,000; older ones drop, the count goes on). */
  logLimit?: number;
}

/** A running emulator server. */
export interface EmulatorServer {
  name: string;
  url: string;
  port: number;
  /** Most recent requests, oldest first. */
  requests: RecordedRequest[];
  /** Requests served since start. */
  requestCount(): number;
  /** Add an interceptor at the end of the chain. */
  use(interceptor: EmulatorInterceptor): void;
  clearLog(): void;
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  /** String routes match the raw path (so `%2F` inside a parameter stays inside it) and decode each parameter. */
  raw: boolean;
  handler: EmulatorRoute["handler"];
}

function compile(route: EmulatorRoute): CompiledRoute {
  const raw = typeof route.path === "string";
  const pattern =
    typeof route.path === "string"
      ? new RegExp(`^${route.path.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&").replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "(?<$1>[^/]+)")}/?$`)
      : route.path;
  return { method: route.method.toUpperCase(), pattern, raw, handler: route.handler };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function toRequest(req: IncomingMessage, rawBody: string, url: URL, path: string): EmulatorRequest {
  const request: EmulatorRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    path,
    query: url.searchParams,
    headers: req.headers,
    params: {},
    rawBody,
    body: undefined,
  };
  if (rawBody && /json/i.test(req.headers["content-type"] ?? "")) {
    try {
      request.body = JSON.parse(rawBody);
    } catch (error) {
      request.bodyError = error instanceof Error ? error.message : "invalid JSON";
    }
  }
  return request;
}

function send(res: ServerResponse, response: EmulatorResponse, corrupt: boolean): void {
  const isRaw = response.raw !== undefined;
  let text = isRaw ? response.raw! : response.body === undefined ? "" : JSON.stringify(response.body);
  if (corrupt) text = text.length > 2 ? `${text.slice(0, Math.floor(text.length / 2))}\u0000<<garbled` : "{garbled";
  const headers: Record<string, string> = isRaw || text === "" ? {} : { "content-type": "application/json; charset=utf-8" };
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  res.writeHead(response.status, { ...headers, "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * A vendor emulator's HTTP server on 127.0.0.1 (port 0 = a free one): a route table,
 * interceptors for auth, rate limits and faults, and a request log for assertions.
 */
export async function createEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const routes = options.routes.map(compile);
  const interceptors = [...(options.interceptors ?? [])];
  const logLimit = options.logLimit ?? 5_000;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let count = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, options.maxBodyBytes ?? 25 * 1024 * 1024);
    if (raw === null) return send(res, { status: 413, body: { message: "Request entity too large" } }, false);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decode(url.pathname);
    if (path === undefined) return send(res, { status: 400, body: { message: "Malformed percent-encoding in path" } }, false);
    const request = toRequest(req, raw, url, path);
    const rawPath = url.pathname;
    let corrupt = false;
    for (const interceptor of interceptors) {
      const result = await interceptor(request);
      if (!result) continue;
      if ("action" in result) {
        if (result.action === "reset") return void req.socket.destroy();
        if (result.action === "hang") return;
        if (result.action === "delay") await new Promise((r) => setTimeout(r, result.ms));
        if (result.action === "corrupt") corrupt = true;
        continue;
      }
      return log(request, res, result, false);
    }
    const response = await route(request, rawPath);
    log(request, res, response, corrupt);
  }

  async function route(request: EmulatorRequest, rawPath: string): Promise<EmulatorResponse> {
    for (const candidate of routes) {
      if (candidate.method !== request.method) continue;
      const match = candidate.pattern.exec(candidate.raw ? rawPath : request.path);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) {
        if (value !== undefined) params[name] = candidate.raw ? (decode(value) ?? value) : value;
      }
      request.params = params;
      return candidate.handler(request);
    }
    return options.notFound?.(request) ?? { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
  }

  function log(request: EmulatorRequest, res: ServerResponse, response: EmulatorResponse, corrupt: boolean): void {
    count++;
    requests.push({
      method: request.method, path: request.path, query: request.query.toString(), headers: request.headers,
      body: request.body ?? (request.rawBody || undefined), status: response.status, at: Date.now(),
    });
    if (requests.length > logLimit) requests.splice(0, requests.length - logLimit);
    send(res, response, corrupt);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: `emulator error: ${error instanceof Error ? error.message : String(error)}` } }, false);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    name: options.name,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestCount: () => count,
    use: (interceptor) => void interceptors.push(interceptor),
    clearLog: () => void requests.splice(0, requests.length),
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
