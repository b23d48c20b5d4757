import { ConnectorError } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { clientFor, rejectionOf, since, startServer } from "./helpers";

const unavailable = { status: 503, body: { message: "maintenance" } };

describe("createHttpClient retries (real loopback server)", () => {
  it("503 → 503 → 200 succeeds after three attempts", async () => {
    const server = await startServer([unavailable, unavailable]);
    const retries: number[] = [];
    const client = clientFor(server, { retry: { onRetry: (_error, attempt) => retries.push(attempt) } });
    const response = await client.request({ method: "GET", url: "/items/42" });
    expect(response.data).toEqual({ id: "42" });
    expect(server.requests.map((request) => [request.path, request.status])).toEqual([
      ["/items/42", 503], ["/items/42", 503], ["/items/42", 200],
    ]);
    expect(client.metrics()).toEqual({ requests: 3, retries: 2, rateLimited: 0 });
    expect(retries).toEqual([1, 2]);
  });

  it("gives up after `retries` and throws the last error as `unavailable`", async () => {
    const server = await startServer([unavailable, unavailable, unavailable, unavailable]);
    const client = clientFor(server, { retry: { retries: 2 } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: "unavailable", status: 503, system: "vendor", operation: "GET /ok" });
    expect((error as Error).message).toContain("maintenance");
    expect(server.requests).toHaveLength(3);
  });

  it("429 with `Retry-After: 1` waits at least a second before the next attempt", async () => {
    const server = await startServer([{ status: 429, headers: { "Retry-After": "1" }, body: { message: "slow down" } }]);
    const client = clientFor(server);
    const start = performance.now();
    await client.request({ method: "GET", url: "/ok" });
    expect(since(start)).toBeGreaterThanOrEqual(990);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    expect(client.metrics()).toEqual({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it("429 with an HTTP-date Retry-After waits until that date", async () => {
    // HTTP dates have whole seconds: aim ~2 s ahead so the wait is at least ~1 s after truncation.
    const retryAt = new Date(Date.now() + 2_000).toUTCString();
    const server = await startServer([{ status: 429, headers: { "retry-after": retryAt } }]);
    const client = clientFor(server);
    const sent = Date.now();
    await client.request({ method: "GET", url: "/ok", operation: "ping" });
    expect(Date.parse(retryAt) - sent).toBeGreaterThan(900);
    // The second attempt reaches the server no earlier than the date asked for.
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(Date.parse(retryAt) - 20);
    expect(server.requests).toHaveLength(2);
  });

  it("a Retry-After longer than maxRetryAfterMs fails at once instead of waiting", async () => {
    const server = await startServer([{ status: 429, headers: { "retry-after": "3600" } }]);
    const client = clientFor(server, { retry: { maxRetryAfterMs: 5_000 } });
    const start = performance.now();
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(since(start)).toBeLessThan(3_000);
    expect(error).toMatchObject({ reason: "rate_limited", status: 429, retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/asked to wait 3600000 ms/);
    expect(server.requests).toHaveLength(1);
    expect(client.metrics()).toMatchObject({ requests: 1, retries: 0, rateLimited: 1 });
  });

  it("a vendor classifier's retryAfterMs is honoured like a header", async () => {
    const server = await startServer([{ status: 200, body: { error: "busy", wait: 300 } }]);
    const client = clientFor(server, {
      classify: ({ body }) => {
        const record = body as { error?: string; wait?: number };
        return record.error === "busy" ? { reason: "rate_limited", retryAfterMs: record.wait, vendorCode: "BUSY" } : undefined;
      },
    });
    const start = performance.now();
    expect((await client.request({ method: "GET", url: "/ok" })).data).toEqual({ ok: true });
    expect(since(start)).toBeGreaterThanOrEqual(290);
    expect(server.requests).toHaveLength(2);
  });

  it("`retry: false` makes exactly one attempt", async () => {
    const server = await startServer([unavailable]);
    const client = clientFor(server);
    const error = await rejectionOf(client.request({ method: "POST", url: "/ok", data: { a: 1 }, retry: false }));
    expect(error).toMatchObject({ reason: "unavailable" });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toEqual({ a: 1 });
  });

  it("every attempt takes a token from the rate budget", async () => {
    const server = await startServer([unavailable]);
    let acquired = 0;
    const client = clientFor(server, { rateBudget: { acquire: async () => void acquired++ } });
    await client.request({ method: "GET", url: "/ok" });
    expect(acquired).toBe(2);
  });

  it("logs a warning per retry without credentials", async () => {
    const server = await startServer([unavailable]);
    const warnings: unknown[] = [];
    const noop = () => undefined;
    const warn = (message: string, fields?: unknown) => warnings.push({ message, fields });
    const logger = { debug: noop, info: noop, error: noop, warn };
    const client = clientFor(server, { logger, authorize: () => ({ Authorization: "Bearer sekrit-token" }) });
    await client.request({ method: "GET", url: "/ok" });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: "retrying", fields: { reason: "unavailable", status: 503, attempt: 1 } });
    expect(JSON.stringify(warnings)).not.toContain("sekrit");
  });
});
