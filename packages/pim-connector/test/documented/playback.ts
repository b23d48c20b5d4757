import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** Directory of the vendor-documented payloads (see SOURCES.md there). */
const DIR = fileURLToPath(new URL("../../src/akeneo/__fixtures__/documented/", import.meta.url));

/** A documented payload, parsed fresh (tests may adapt their copy). */
export function documented<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${DIR}${name}`, "utf8")) as T;
}

/** A documented text payload (PATCH collection status lines). */
export function documentedText(name: string): string {
  return readFileSync(`${DIR}${name}`, "utf8");
}

/**
 * Akeneo's list envelope (https://api.akeneo.com/documentation/pagination.html): `_links` with
 * `self` (and `next` when given) and `_embedded.items`. For answers whose items are documented
 * but whose page is not (a last page, a filtered search).
 */
export function envelope(items: unknown[], next?: string): Record<string, unknown> {
  return { _links: { self: { href: "https://demo.akeneo.com/api/rest/v1/x" }, ...(next ? { next: { href: next } } : {}) }, _embedded: { items } };
}

/** One recorded request. */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: IncomingMessage["headers"];
}

/** An answer: status, body (object → JSON, string → as is), headers. */
export interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route: method + path, an optional query predicate, and the answer(s) (a list is served in order, the last repeats). */
export interface Route {
  method?: string;
  path: string;
  when?: (query: URLSearchParams, request: Recorded) => boolean;
  answer: Answer | Answer[] | ((request: Recorded) => Answer);
}

/** The `search` filter of a request, parsed (or undefined). */
export function searchOf(query: URLSearchParams): Record<string, Array<{ operator: string; value?: unknown }>> | undefined {
  const raw = query.get("search");
  return raw ? (JSON.parse(raw) as Record<string, Array<{ operator: string; value?: unknown }>>) : undefined;
}

/**
 * A loopback playback server (not the emulator): it answers requests with the documented payloads
 * the test routes name, records every request, and answers 404 in Akeneo's shape when no route
 * matches — so a connector is checked against what the vendor documents, not against our own model
 * of the vendor. The token route answers the documented token response.
 */
export interface Playback {
  url: string;
  requests: Recorded[];
  stop(): Promise<void>;
  settings: { url: string; clientId: string; secret: string; username: string; password: string };
}

/** Start the playback server on 127.0.0.1:0 with `routes`. */
export async function startPlayback(routes: Route[]): Promise<Playback> {
  const requests: Recorded[] = [];
  const served = new Map<Route, number>();
  const all: Route[] = [{ method: "POST", path: "/api/oauth/v1/token", answer: { body: documented("token.json") } }, ...routes];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const recorded: Recorded = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString("utf8"), headers: req.headers };
      requests.push(recorded);
      const route = all.find((r) => (r.method ?? "GET") === recorded.method && r.path === recorded.path && (!r.when || r.when(recorded.query, recorded)));
      let answer: Answer = { status: 404, body: { code: 404, message: `Resource \`${recorded.path}\` does not exist.` } };
      if (route) {
        const n = served.get(route) ?? 0;
        served.set(route, n + 1);
        answer = typeof route.answer === "function" ? route.answer(recorded) : Array.isArray(route.answer) ? route.answer[Math.min(n, route.answer.length - 1)]! : route.answer;
      }
      const text = typeof answer.body === "string" ? answer.body : answer.body === undefined ? "" : JSON.stringify(answer.body);
      const type = typeof answer.body === "string" ? "application/vnd.akeneo.collection+json" : "application/json";
      res.writeHead(answer.status ?? 200, { "content-type": type, ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    settings: { url, clientId: "4gm4rnoizp8gskgkk080ssoo80040g44ksowwgw844k44sc00s", secret: "5dyvo1z6y34so4ogkgksw88ookoows00cgoc488kcs8wk4c40s", username: "admin", password: "admin" },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
