import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import { createHttpClient } from "../src/http-client";
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
  let dir: string;
  let server: https.Server;
  let url: string;
  let cert: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "kit-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
      "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
    server = https.createServer({ key: readFileSync(path.join(dir, "key.pem")), cert }, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects a certificate it cannot verify by default, without retrying it as transient", async () => {
    let attempts = 0;
    const client = createHttpClient({ system: "vendor", baseURL: url, retry: { retries: 3, minDelayMs: 1, onRetry: () => attempts++ } });
    const error = await client.request({ method: "GET", url: "/" }).catch((e: unknown) => e);
    client.close();
    expect(isConnectorError(error)).toBe(true);
    expect((error as { reason: string }).reason).toBe("forbidden");
    expect(attempts).toBe(0);
    expect(String((error as Error).message)).toMatch(/self[- ]signed|certificate/i);
  });

  it("accepts it with the certificate as a trust anchor, or when verification is explicitly off", async () => {
    for (const tls of [{ ca: cert }, { rejectUnauthorized: false }]) {
      const client = createHttpClient({ system: "vendor", baseURL: url, tls });
      const response = await client.request<{ ok: boolean }>({ method: "GET", url: "/" });
      client.close();
      expect(response.data).toEqual({ ok: true });
    }
  });
});
