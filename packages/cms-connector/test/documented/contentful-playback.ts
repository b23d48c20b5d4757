import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createContentfulConnector } from "../../src";
import { startPlaybackServer, type Reply } from "./playback-server";

export type { Reply } from "./playback-server";

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
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A loopback server that answers each request with the reply `answer` picks: documented vendor
 * payloads, replayed. It knows nothing about Contentful (not an emulator); unmatched requests get
 * a bare 599 so a test sees what it did not expect.
 */
export function startPlayback(answer: (request: PlayedRequest) => Reply | undefined) {
  return startPlaybackServer<PlayedRequest>({
    name: "contentful-playback",
    toRequest: (raw) => ({ method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body }),
    answer,
    fixture: documented,
    contentType: "application/vnd.contentful.management.v1+json",
  });
}

/** The connector, pointed at a playback server for both the CMA and the CDA. */
export function connectorFor(url: string, extra: Record<string, unknown> = {}) {
  return createContentfulConnector({
    spaceId: "cfexampleapi", environment: "master", managementToken: "cma-token-documented", deliveryToken: "cda-token-documented",
    managementUrl: url, deliveryUrl: url, rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 },
    bulkActionPoll: { initialDelayMs: 1, maxDelayMs: 5 }, ...extra,
  });
}
