import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/** An HTTPS server on 127.0.0.1 with a throw-away self-signed certificate (needs `openssl`). */
export interface SelfSignedServer {
  url: string;
  /** The certificate (PEM), to trust it explicitly as `tls.ca`. */
  ca: string;
  /** Requests that completed the TLS handshake. */
  requests: number;
  close(): Promise<void>;
}

/**
 * Start an HTTPS server whose certificate no default trust store accepts, for tests that
 * prove TLS verification is on unless a system explicitly trusts or disables it. Answers
 * every request with 503 JSON, so a client that gets through fails for another reason.
 */
export async function startSelfSignedServer(): Promise<SelfSignedServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "omnibridge-tls-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
      "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    const key = readFileSync(path.join(dir, "key.pem"));
    const ca = readFileSync(path.join(dir, "cert.pem"), "utf8");
    const state = { requests: 0 };
    const server = https.createServer({ key, cert: ca }, (_request, response) => {
      state.requests++;
      response.writeHead(503, { "content-type": "application/json" });
      response.end('{"message":"self-signed test server"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ca,
      get requests() {
        return state.requests;
      },
      close: () => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
