import http from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

const FIXTURES = new URL("../../src/hubspot/__fixtures__/documented/", import.meta.url);

/** A documented body by file name: JSON fixtures parsed, others (HTML) as text. */
export function documented(name: string): unknown {
  const text = readFileSync(new URL(name, FIXTURES), "utf8");
  return name.endsWith(".json") ? JSON.parse(text) : text;
}

/** One scripted answer: status, body (JSON unless a string), headers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A recorded request. */
export interface Played {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * A loopback playback server: answers each `METHOD /path` with the next scripted answer for it
 * (the last one repeats), records every request, and answers anything unscripted with 599 so a
 * test sees the gap. It knows nothing of HubSpot: the vendor's documented bodies are the data.
 */
export async function startPlayback(script: Record<string, Answer[]>) {
  const played: Played[] = [];
  const queues = new Map(Object.entries(script).map(([route, answers]) => [route, [...answers]]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      played.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined });
      const queue = queues.get(`${req.method} ${url.pathname}`);
      const answer = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
      if (!answer) {
        res.writeHead(599, { "content-type": "text/plain" }).end(`unscripted ${req.method} ${url.pathname}`);
        return;
      }
      const raw = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      const type = typeof answer.body === "string" ? "text/html; charset=utf-8" : "application/json;charset=utf-8";
      res.writeHead(answer.status, { ...(raw ? { "content-type": type } : {}), ...answer.headers }).end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    played,
    requests: (method: string, path: string) => played.filter((p) => p.method === method && p.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Connector settings against a playback server: quick retries, no shared budgets. */
export function playbackSettings(url: string) {
  const free = { acquire: async () => undefined };
  return { url, token: "pat-na1-documented-0000", rateBudget: free, searchRateBudget: free, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 } };
}
