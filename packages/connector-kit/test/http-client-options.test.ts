import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import { createHttpClient } from "../src/http-client";
import { startSelfSignedServer, type SelfSignedServer } from "../src/emulator";
import { clientFor, startServer } from "./helpers";

describe("text responses", () => {
  it("returns newline-delimited JSON unparsed when responseType is text", async () => {
    const ndjson = '{"line":1,"status_code":204}\n{"line":2,"status_code":422}';
    const server = await startServer([], [
      { method: "PATCH", path: "/collection", handler: () => ({ status: 200, headers: { "content-type": "application/vnd.akeneo.collection+json" }, raw: ndjson }) },
    ]);
    const client = clientFor(server);
    const response = await client.request<string>({ method: "PATCH", url: "/collection", data: "x", responseType: "text" });
    expect(response.data).toBe(ndjson);
    expect(response.data.split("\n").map((l) => JSON.parse(l).line)).toEqual([1, 2]);
  });
});

describe("onUnauthorized", () => {
  it("receives the credential headers the failed attempt carried", async () => {
    const server = await startServer([{ status: 401, body: { message: "expired" } }]);
    let token = "token-one";
    const seen: Record<string, string>[] = [];
    const client = clientFor(server, {
      authorize: () => ({ Authorization: `Bearer ${token}` }),
      onUnauthorized: async (failed) => {
        seen.push(failed.headers);
        token = "token-two";
        return true;
      },
    });
    await client.request({ method: "GET", url: "/ok" });
    expect(seen).toEqual([{ Authorization: "Bearer token-one" }]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-one", "Bearer token-two"]);
  });
});

describe("TLS verification", () => {
  let server: SelfSignedServer;
  beforeAll(async () => {
    server = await startSelfSignedServer();
  });
  afterAll(() => server.close());

  it("rejects a certificate it cannot verify by default, without retrying it as transient", async () => {
    let attempts = 0;
    const client = createHttpClient({ system: "vendor", baseURL: server.url, retry: { retries: 3, minDelayMs: 1, onRetry: () => attempts++ } });
    const error = await client.request({ method: "GET", url: "/" }).catch((e: unknown) => e);
    client.close();
    expect(isConnectorError(error)).toBe(true);
    expect((error as { reason: string }).reason).toBe("forbidden");
    expect(String((error as Error).message)).toMatch(/self[- ]signed|certificate/i);
    expect(attempts).toBe(0);
    expect(server.requests).toBe(0);
  });

  it("gets through with the certificate as a trust anchor, or when verification is explicitly off", async () => {
    for (const tls of [{ ca: server.ca }, { rejectUnauthorized: false }]) {
      const before = server.requests;
      const client = createHttpClient({ system: "vendor", baseURL: server.url, tls, retry: { retries: 0 } });
      const error = await client.request({ method: "GET", url: "/" }).catch((e: unknown) => e);
      client.close();
      expect((error as { reason: string }).reason).toBe("unavailable");
      expect(server.requests).toBe(before + 1);
    }
  });
});
