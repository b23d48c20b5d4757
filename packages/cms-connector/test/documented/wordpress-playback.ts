import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createWordpressConnector } from "../../src";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/wordpress/__fixtures__/documented");

/** A documented payload from `src/wordpress/__fixtures__/documented` (see SOURCES.md), parsed fresh each time. */
export function documented<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(fixtures, name), "utf8")) as T;
}

/** A request the playback server received (path without `/wp-json/`). */
export interface PlayedRequest {
  method: string;
  route: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A reply: a documented body (fixture name or value), status and headers (`X-WP-Total`, …). */
export interface Reply {
  status: number;
  fixture?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A loopback server answering each request with the reply `answer` picks: documented WordPress
 * payloads, replayed. It knows nothing about WordPress (not the emulator). A collection nobody
 * scripted is empty (`[]`, `X-WP-Total: 0`), anything else unexpected gets a bare 599.
 */
export async function startWordpressPlayback(answer: (request: PlayedRequest) => Reply | undefined) {
  const requests: PlayedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const route = url.pathname.replace(/^\/wp-json\//, "");
      const request: PlayedRequest = { method: req.method ?? "GET", route, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined };
      requests.push(request);
      const empty: Reply | undefined = request.method === "GET" && /^wp\/v2\/[a-z0-9_-]+$/.test(route) ? { status: 200, body: [], headers: { "x-wp-total": "0", "x-wp-totalpages": "0" } } : undefined;
      const reply = answer(request) ?? empty ?? { status: 599, body: { unexpected: `${request.method} ${route}` } };
      const body = reply.fixture ? documented(reply.fixture) : reply.body;
      res.writeHead(reply.status, { "content-type": "application/json; charset=UTF-8", ...reply.headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The connector's public factory pointed at a playback server; retries kept short and few. */
export function playbackConnector(url: string, extra: Record<string, unknown> = {}) {
  return createWordpressConnector({
    url, username: "editor", applicationPassword: "abcd EFGH ijkl MNOP qrst UVWX", retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 }, ...extra,
  });
}
