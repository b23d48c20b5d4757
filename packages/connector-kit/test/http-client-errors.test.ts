import { ConnectorError } from "@omnibridge/core-model";
import { isAxiosError } from "axios";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientFor, rejectionOf, since, startServer } from "./helpers";

describe("createHttpClient failure classification (real loopback server)", () => {
  it("401 fails at once as `unauthorized` with one request", async () => {
    const server = await startServer([{ status: 401, body: { message: "token expired" } }]);
    const client = clientFor(server);
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "unauthorized", status: 401, retryable: false });
    expect(server.requests).toHaveLength(1);
    expect(client.metrics().retries).toBe(0);
  });

  it.each([
    [400, "invalid"], [403, "forbidden"], [404, "not_found"], [409, "conflict"], [422, "invalid"],
  ] as const)("HTTP %i is `%s` and never retried", async (status, reason) => {
    const server = await startServer([{ status, body: { message: `nope ${status}` } }]);
    const client = clientFor(server);
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason, status });
    expect((error as Error).message).toBe(`vendor GET /ok failed with HTTP ${status}: nope ${status}`);
    expect(server.requests).toHaveLength(1);
  });

  it("onUnauthorized refreshes credentials and repeats the call exactly once", async () => {
    let token = "old-token";
    const server = await startServer();
    server.use((request) => (request.headers.authorization === "Bearer new-token" ? undefined : { status: 401, body: { message: "expired" } }));
    let refreshes = 0;
    const client = clientFor(server, {
      authorize: () => ({ Authorization: `Bearer ${token}` }),
      onUnauthorized: async () => {
        refreshes++;
        token = "new-token";
        return true;
      },
    });
    expect((await client.request({ method: "GET", url: "/ok" })).data).toEqual({ ok: true });
    expect(refreshes).toBe(1);
    expect(server.requests.map((request) => [request.headers.authorization, request.status])).toEqual([
      ["Bearer old-token", 401], ["Bearer new-token", 200],
    ]);
  });

  it("a refresh that does not help fails `unauthorized` after exactly two requests", async () => {
    const server = await startServer();
    server.use(() => ({ status: 401, body: { message: "revoked" } }));
    let refreshes = 0;
    const client = clientFor(server, { onUnauthorized: async () => ++refreshes > 0 });
    expect(await rejectionOf(client.request({ method: "GET", url: "/ok" }))).toMatchObject({ reason: "unauthorized" });
    expect(refreshes).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it("a connection reset is a retried `network` error", async () => {
    const server = await startServer([{ action: "reset" }]);
    const client = clientFor(server);
    expect((await client.request({ method: "GET", url: "/ok" })).data).toEqual({ ok: true });
    expect(client.metrics()).toMatchObject({ requests: 2, retries: 1 });
    const failing = await startServer([{ action: "reset" }, { action: "reset" }]);
    const error = await rejectionOf(clientFor(failing, { retry: { retries: 1 } }).request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "network", retryable: true, system: "vendor" });
    expect((error as Error).cause).toBeUndefined();
  });

  it("a connection refused is a `network` error", async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    const error = await rejectionOf(clientFor({ url }, { retry: { retries: 1 } }).request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "network", vendorCode: "ECONNREFUSED" });
  });

  it("a hanging server is a retried `timeout` after timeoutMs", async () => {
    const server = await startServer([{ action: "hang" }]);
    const client = clientFor(server, { timeoutMs: 600 });
    const start = performance.now();
    expect((await client.request({ method: "GET", url: "/ok" })).data).toEqual({ ok: true });
    expect(since(start)).toBeGreaterThanOrEqual(590);
    expect(client.metrics()).toMatchObject({ requests: 2, retries: 1 });
    const hanging = await startServer([{ action: "hang" }, { action: "hang" }]);
    const error = await rejectionOf(clientFor(hanging, { timeoutMs: 200, retry: { retries: 1 } }).request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "timeout", retryable: true });
  });

  it("a malformed JSON body is a `protocol` error, retried by default and not when disabled", async () => {
    const server = await startServer([{ action: "corrupt" }]);
    const client = clientFor(server);
    expect((await client.request({ method: "GET", url: "/ok" })).data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    const strict = await startServer([{ action: "corrupt" }]);
    const error = await rejectionOf(clientFor(strict, { retry: { retryProtocolErrors: false } }).request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "protocol", status: 200 });
    expect((error as Error).message).toMatch(/malformed body/);
    expect(strict.requests).toHaveLength(1);
  });

  it("an error status with a non-JSON body keeps its status meaning", async () => {
    const server = await startServer([{ status: 502, headers: { "content-type": "application/json" }, raw: "<html>Bad Gateway</html>" }]);
    const error = await rejectionOf(clientFor(server, { retry: { retries: 0 } }).request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "unavailable", status: 502 });
    expect((error as Error).message).toContain("Bad Gateway");
  });

  it("a zod schema mismatch is a `protocol` error naming the field", async () => {
    const routes = [{ method: "GET", path: "/things", handler: () => ({ status: 200, body: { results: [{ id: 1 }, { id: "two" }] } }) }];
    const server = await startServer([], routes);
    const schema = z.object({ results: z.array(z.object({ id: z.number() })) });
    const client = clientFor(server, { retry: { retryProtocolErrors: false } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/things", schema }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: "protocol", status: 200 });
    expect((error as Error).message).toMatch(/unexpected body at results\.1\.id/);
    const ok = await client.request({ method: "GET", url: "/things", schema: z.object({ results: z.array(z.unknown()) }) });
    expect(ok.data.results).toHaveLength(2);
  });

  it("a vendor that reports errors with HTTP 200 is classified", async () => {
    const server = await startServer([{ status: 200, body: { error: { code: "NOT_FOUND", message: "no such record" } } }]);
    const client = clientFor(server, {
      classify: ({ body }) => {
        const error = (body as { error?: { code: string; message: string } }).error;
        return error ? { reason: "not_found", vendorCode: error.code, message: error.message } : undefined;
      },
    });
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "not_found", vendorCode: "NOT_FOUND", status: 200 });
    expect((error as Error).message).toContain("no such record");
    expect(isAxiosError(error)).toBe(false);
  });

  it("sends params, body and static headers; returns lower-cased headers", async () => {
    const routes = [{ method: "POST", path: "/echo", handler: () => ({ status: 201, headers: { "X-Request-Id": "r-1" }, body: { ok: 1 } }) }];
    const server = await startServer([], routes);
    const client = clientFor(server, { headers: { "User-Agent": "omnibridge-test" } });
    const response = await client.request({ method: "POST", url: "/echo", params: { page: 2, q: "a b" }, data: { name: "x" } });
    expect(response).toMatchObject({ status: 201, data: { ok: 1 } });
    expect(response.headers["x-request-id"]).toBe("r-1");
    expect(server.requests[0]).toMatchObject({ query: "page=2&q=a+b", body: { name: "x" } });
    expect(server.requests[0]!.headers["user-agent"]).toBe("omnibridge-test");
  });
});
