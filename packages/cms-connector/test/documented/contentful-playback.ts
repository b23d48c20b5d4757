import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createContentfulConnector } from "../../src";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/contentful/__fixtures__/documented");

/** A documented payload from `src/contentful/__fixtures__/documented` (see SOURCES.md), parsed fresh each time. */
export function documented(name: string): unknown {
  return JSON.parse(readFileSync(path.join(fixtures, name), "utf8"));
}

/** A request the playback server received. */
export interface PlayedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** What the playback server answers: a documented body (by fixture name or value), status and headers. */
export interface Reply {
  status: number;
  fixture?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A loopback server that answers each request with the reply `answer` picks: documented vendor
 * payloads, replayed. It knows nothing about Contentful (not an emulator); unmatched requests get
 * a bare 599 so a test sees what it did not expect.
 */
export async function startPlayback(answer: (request: PlayedRequest) => Reply | undefined) {
  const requests: PlayedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const request: PlayedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined };
      requests.push(request);
      const reply = answer(request) ?? { status: 599, body: { unexpected: `${request.method} ${request.path}` } };
      const body = reply.fixture ? documented(reply.fixture) : reply.body;
      const payload = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(reply.status, { "content-type": "application/vnd.contentful.management.v1+json", ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The connector, pointed at a playback server for both the CMA and the CDA. */
export function connectorFor(url: string, extra: Record<string, unknown> = {}) {
  return createContentfulConnector({
    spaceId: "cfexampleapi", environment: "master", managementToken: "cma-token-documented", deliveryToken: "cda-token-documented",
    managementUrl: url, deliveryUrl: url, rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 }, ...extra,
  });
}
