import http from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../shared/rng";

/**
 * Faults the testkit injector has no kind for (it answers 429/5xx, hangs, resets, delays a whole
 * response or garbles a body), injected by a loopback proxy in front of an emulator:
 * - `trickle`: the real response, its body sent one byte at a time (each byte well inside the
 *   client's idle timeout, the whole body far beyond its total deadline);
 * - `html200`: `200 text/html` where JSON is expected — a captive portal or WAF page; on writes
 *   half of them reach the vendor first (the write applied, its answer swallowed);
 * - `nextLoop` (switched on per phase): the vendor repeats its `next` link — Akeneo's
 *   `_links.next.href`, HubSpot's `paging.next.after` — so a reader that follows it blindly
 *   reads the same page forever.
 */
export type ProxyFaultKind = "trickle" | "html200" | "html200Applied" | "nextLoop";

/** Per-request probabilities of the proxy's random faults (their sum at most 1). */
export interface ProxyFaultRates {
  trickle?: number;
  html200?: number;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The emulator's base URL (`http://127.0.0.1:<port>`). */
  target: string;
  seed: number;
  rates?: ProxyFaultRates;
  /** Milliseconds between two bytes of a trickled body (default 100). */
  trickleByteMs?: number;
}

/** A running proxy with its counters. */
export interface FaultProxy {
  url: string;
  setRates(rates: ProxyFaultRates): void;
  /** Repeat the first `next` link served per list route from now on (false: pass links through). */
  setNextLoop(on: boolean): void;
  stats(): { requests: number } & Record<ProxyFaultKind, number>;
  stop(): Promise<void>;
}

const HTML = "<!doctype html><html><head><title>Service Unavailable</title></head><body><h1>Please wait…</h1><p>The service is being updated.</p></body></html>";

/** A buffered upstream answer. */
interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer, onAbort: (abort: () => void) => void): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    delete headers["content-length"];
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    upstream.on("error", reject);
    onAbort(() => upstream.destroy());
    upstream.end(body);
  });
}

/** Which vendor's link shape a page uses. */
type LinkShape = "akeneo" | "hubspot";

/** Akeneo's `_links.next.href` or HubSpot's `paging.next.after` of a JSON page. */
function nextLinkOf(page: unknown): { shape: LinkShape; value: string | undefined } | undefined {
  if (typeof page !== "object" || page === null) return undefined;
  const record = page as { _links?: { next?: { href?: unknown } }; paging?: { next?: { after?: unknown } }; results?: unknown };
  if (record._links && typeof record._links === "object") {
    const href = record._links.next?.href;
    return { shape: "akeneo", value: typeof href === "string" ? href : undefined };
  }
  if (Array.isArray(record.results)) {
    const after = record.paging?.next?.after;
    return { shape: "hubspot", value: typeof after === "string" ? after : undefined };
  }
  return undefined;
}

/** Point a page's `next` at `value` (adding the link on a last page). */
function setNextLink(page: object, shape: LinkShape, value: string): void {
  if (shape === "akeneo") {
    const record = page as { _links: Record<string, unknown> };
    record._links.next = { href: value };
    return;
  }
  const record = page as { paging?: Record<string, unknown> };
  record.paging = { ...record.paging, next: { after: value } };
}

/** Start a seeded fault proxy on 127.0.0.1 in front of `target`. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const byteMs = options.trickleByteMs ?? 100;
  let rates: ProxyFaultRates = { ...options.rates };
  let loop = false;
  const firstNext = new Map<string, string>();
  const counts: Record<ProxyFaultKind, number> = { trickle: 0, html200: 0, html200Applied: 0, nextLoop: 0 };
  let requests = 0;
  let origin = "";
  const timers = new Set<NodeJS.Timeout>();

  const html = (res: http.ServerResponse) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(Buffer.byteLength(HTML)) });
    res.end(HTML);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> => {
    requests += 1;
    const u = random();
    const v = random();
    const write = req.method !== "GET" && req.method !== "HEAD";
    const trickle = rates.trickle ?? 0;
    const html200 = rates.html200 ?? 0;
    const kind = u < trickle ? "trickle" : u < trickle + html200 ? "html200" : undefined;
    if (kind === "html200" && (!write || v < 0.5)) {
      counts.html200 += 1;
      html(res);
      return;
    }
    let aborted = false;
    let abortUpstream = () => undefined as void;
    res.on("close", () => {
      if (!res.writableFinished) {
        aborted = true;
        abortUpstream();
      }
    });
    const answer = await forward(target, req, body, (abort) => (abortUpstream = abort));
    if (aborted) return;
    if (kind === "html200") {
      counts.html200Applied += 1;
      html(res);
      return;
    }
    let payload = answer.body;
    const json = /json/i.test(String(answer.headers["content-type"] ?? ""));
    if (json && payload.length > 0) {
      // Absolute links name the emulator: point them at the proxy so the client stays behind it.
      let text = payload.toString("utf8").split(target.origin).join(origin);
      if (loop && (req.method === "GET" || /\/search$/.test(new URL(req.url ?? "/", origin).pathname))) {
        try {
          const page = JSON.parse(text) as unknown;
          const link = nextLinkOf(page);
          if (link) {
            // The first `next` a list route serves is remembered; every later page of that route points back at it.
            const route = `${req.method} ${new URL(req.url ?? "/", origin).pathname}`;
            const first = firstNext.get(route);
            if (first === undefined) {
              if (link.value !== undefined) firstNext.set(route, link.value);
            } else {
              setNextLink(page as object, link.shape, first);
              counts.nextLoop += 1;
              text = JSON.stringify(page);
            }
          }
        } catch {
          // Not a page: pass it on as it is.
        }
      }
      payload = Buffer.from(text, "utf8");
    }
    const headers: http.OutgoingHttpHeaders = { ...answer.headers, "content-length": String(payload.length) };
    delete headers["transfer-encoding"];
    delete headers.connection;
    if (kind !== "trickle") {
      res.writeHead(answer.status, headers);
      res.end(payload);
      return;
    }
    counts.trickle += 1;
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    let at = 0;
    const tick = () => {
      if (aborted || res.destroyed) return;
      res.write(payload.subarray(at, at + 1));
      at += 1;
      if (at >= payload.length) {
        res.end();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, byteMs);
      timers.add(timer);
    };
    tick();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "fault proxy: upstream failed" }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    setRates(next) {
      if ((next.trickle ?? 0) < 0 || (next.html200 ?? 0) < 0 || (next.trickle ?? 0) + (next.html200 ?? 0) > 1) throw new RangeError("proxy fault rates must be ≥ 0 and sum to at most 1");
      rates = { ...next };
    },
    setNextLoop(on) {
      loop = on;
      firstNext.clear();
    },
    stats: () => ({ requests, ...counts }),
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
