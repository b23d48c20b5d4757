import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ConnectorError, isConnectorError } from "@omnibridge/core-model";
import { createHttpClient } from "../src/http-client";
import { resolveLimits } from "../src/http-transport";
import { tlsSettingsSchema } from "../src/tls-settings";
import { clientFor, onCleanup, rejectionOf } from "./helpers";

/** A loopback server answering 200 and then trickling `{"pad":"……"}` one byte per `everyMs`, for `forMs`. */
async function startTrickle(everyMs: number, forMs: number): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((_request, response) => {
    requests++;
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"pad":"');
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started >= forMs || response.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        if (!response.destroyed) response.end('"}');
        return;
      }
      response.write("x");
    }, everyMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(async () => {
    for (const timer of timers) clearInterval(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/** A loopback server answering every request with `size` bytes of JSON and counting what it received. */
async function startLarge(size: number): Promise<{ url: string; received: () => number }> {
  let received = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ pad: "x".repeat(size) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received: () => received };
}

describe("total deadline", () => {
  it("aborts a response trickled slower than the idle timeout could ever notice", async () => {
    const server = await startTrickle(300, 5_000);
    const client = clientFor(server, { timeoutMs: 2_000, tls: { totalTimeoutMs: 1_000 } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/slow", retry: false }));
    expect(isConnectorError(error)).toBe(true);
    const failure = error as ConnectorError;
    expect(failure.reason).toBe("timeout");
    expect(failure.vendorCode).toBe("TOTAL_DEADLINE");
    expect(failure.message).toContain("total deadline of 1000 ms");
    expect(server.requests()).toBe(1);
  });

  it("leaves a caller's own abort as the caller's, not as a deadline", async () => {
    const server = await startTrickle(300, 5_000);
    const client = clientFor(server, { timeoutMs: 2_000, tls: { totalTimeoutMs: 4_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 200);
    const error = await rejectionOf(client.request({ method: "GET", url: "/slow", signal: controller.signal, retry: false }));
    expect(isConnectorError(error) && error.vendorCode).not.toBe("TOTAL_DEADLINE");
  });

  it("defaults to four idle timeouts (at least 10 s) and validates overrides in settings", () => {
    expect(resolveLimits(30_000, undefined).totalTimeoutMs).toBe(120_000);
    expect(resolveLimits(1_000, undefined).totalTimeoutMs).toBe(10_000);
    expect(resolveLimits(30_000, { totalTimeoutMs: 5_000, maxResponseBytes: 10 }).maxResponseBytes).toBe(10);
    expect(tlsSettingsSchema.safeParse({ totalTimeoutMs: -1 }).success).toBe(false);
    expect(tlsSettingsSchema.safeParse({ maxResponseBytes: 1024, allowInsecureHttp: true }).success).toBe(true);
  });
});

describe("body size limits", () => {
  it("rejects a response larger than maxResponseBytes without retrying it", async () => {
    const server = await startLarge(4_096);
    const client = clientFor(server, { tls: { maxResponseBytes: 1_024 }, retry: { retries: 3 } });
    const error = (await rejectionOf(client.request({ method: "GET", url: "/big" }))) as ConnectorError;
    expect(error.reason).toBe("invalid");
    expect(error.vendorCode).toBe("RESPONSE_TOO_LARGE");
    expect(error.message).toContain("1024 bytes");
    expect(server.received()).toBe(1);
    const ok = await clientFor(server, { tls: { maxResponseBytes: 8_192 } }).request<{ pad: string }>({ method: "GET", url: "/big" });
    expect(ok.data.pad).toHaveLength(4_096);
  });

  it("refuses to send a request body larger than maxRequestBytes", async () => {
    const server = await startLarge(10);
    const client = clientFor(server, { tls: { maxRequestBytes: 1_024 } });
    const error = (await rejectionOf(client.request({ method: "POST", url: "/batch", data: { pad: "y".repeat(2_048) } }))) as ConnectorError;
    expect(error.reason).toBe("invalid");
    expect(error.vendorCode).toBe("REQUEST_TOO_LARGE");
    expect(server.received()).toBe(0);
  });
});

describe("plain http with credentials", () => {
  const authorize = () => ({ Authorization: "Bearer secret-token-123" });

  it("is refused to a non-loopback host unless allowInsecureHttp is set", () => {
    const create = (tls?: { allowInsecureHttp?: boolean }) => createHttpClient({ system: "vendor", baseURL: "http://erp.example.com/api", authorize, tls });
    expect(create).toThrow(/refusing to send credentials over plain http:\/\/ to erp\.example\.com/);
    expect(() => create().close()).toThrow(ConnectorError);
    const allowed = create({ allowInsecureHttp: true });
    allowed.close();
    // No credentials, HTTPS, or loopback: nothing to refuse.
    createHttpClient({ system: "vendor", baseURL: "http://erp.example.com/api" }).close();
    createHttpClient({ system: "vendor", baseURL: "https://erp.example.com/api", authorize }).close();
    createHttpClient({ system: "vendor", baseURL: "http://localhost:8069", authorize }).close();
    createHttpClient({ system: "vendor", baseURL: "http://[::1]:8069", authorize }).close();
  });

  it("counts secrets sent in bodies (JSON-RPC) as credentials too", () => {
    expect(() => createHttpClient({ system: "odoo", baseURL: "http://odoo.example.com", secrets: () => ["api-key"] })).toThrow(/refusing/);
  });

  it("refuses a next link that leaves a loopback base for a plain-http host, before sending anything", async () => {
    const server = await startLarge(10);
    const client = clientFor(server, { authorize });
    const error = (await rejectionOf(client.request({ method: "GET", url: "http://10.1.2.3/next?page=2" }))) as ConnectorError;
    expect(error.reason).toBe("invalid");
    expect(error.message).not.toContain("secret-token-123");
    expect(server.received()).toBe(0);
  });
});
