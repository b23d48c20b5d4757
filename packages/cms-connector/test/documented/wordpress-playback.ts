import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createWordpressConnector } from "../../src";
import { startPlaybackServer, type Reply } from "./playback-server";

export type { Reply } from "./playback-server";

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
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A loopback server answering each request with the reply `answer` picks: documented WordPress
 * payloads, replayed. It knows nothing about WordPress (not the emulator). A collection nobody
 * scripted is empty (`[]`, `X-WP-Total: 0`); an index nobody scripted is WordPress 6.1's answer for a
 * site without `/batch/v1` (writes then go one request each); anything else unexpected gets a bare 599.
 */
export function startWordpressPlayback(answer: (request: PlayedRequest) => Reply | undefined) {
  return startPlaybackServer<PlayedRequest>({
    name: "wordpress-playback",
    toRequest: (raw) => ({ method: raw.method, route: raw.path.replace(/^\/wp-json\//, ""), query: raw.query, headers: raw.headers, body: raw.body }),
    answer,
    fallback: (request) => {
      if (request.method === "GET" && request.route === "") return { status: 200, fixture: "index-no-batch-route.json" };
      return request.method === "GET" && /^wp\/v2\/[a-z0-9_-]+$/.test(request.route)
        ? { status: 200, body: [], headers: { "x-wp-total": "0", "x-wp-totalpages": "0" } }
        : undefined;
    },
    fixture: documented,
    contentType: "application/json; charset=UTF-8",
  });
}

/** The connector's public factory pointed at a playback server; retries kept short and few. */
export function playbackConnector(url: string, extra: Record<string, unknown> = {}) {
  return createWordpressConnector({
    url, username: "editor", applicationPassword: "abcd EFGH ijkl MNOP qrst UVWX", retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 }, ...extra,
  });
}
