import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { createOdooConnector } from "@omnibridge/erp-connector";
import { createAkeneoConnector } from "@omnibridge/pim-connector";
import { createHubSpotConnector } from "@omnibridge/crm-connector";

/** Outcome of pointing one connector at an HTTPS server with an untrusted (self-signed) certificate. */
export interface TlsProbe {
  system: string;
  /** True when the connector refused the server: the TLS handshake failed before any request. */
  refused: boolean;
  /** HTTP requests that reached the server (0: no credential ever left the client). */
  requestsReceived: number;
  error: string;
}

function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

async function probe(
  system: string,
  make: (url: string) => ConnectorV1,
  entity: string,
  server: https.Server,
  url: string,
  seen: { count: number },
): Promise<TlsProbe> {
  const before = seen.count;
  const connector = make(url);
  try {
    const pages = connector.read(entity as "customer", { cursor: null, pageSize: 10 })[Symbol.asyncIterator]();
    await pages.next();
    return { system, refused: false, requestsReceived: seen.count - before, error: "" };
  } catch (error) {
    return {
      system,
      refused: seen.count === before,
      requestsReceived: seen.count - before,
      error: error instanceof Error ? error.message.slice(0, 160) : String(error),
    };
  } finally {
    await connector.close();
    void server;
  }
}

/**
 * TLS verification is on by default: every connector is pointed at an HTTPS server whose
 * certificate no CA signed; each must refuse it before sending any request (so no credential leaves).
 */
export async function probeTls(): Promise<TlsProbe[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-tls-"));
  const seen = { count: 0 };
  const server = https.createServer(selfSigned(dir), (request, response) => {
    seen.count++;
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const retry = { retries: 0 };
  try {
    return [
      await probe("odoo", (u) => createOdooConnector({ url: u, database: "db", username: "u", apiKey: "tls-probe-key", version: 17, retry }), "customer", server, url, seen),
      await probe("akeneo", (u) => createAkeneoConnector({ url: u, clientId: "c", secret: "tls-probe-secret", username: "u", password: "tls-probe-password", retry }), "product", server, url, seen),
      await probe("hubspot", (u) => createHubSpotConnector({ url: u, token: "pat-tls-probe", retry }), "customer", server, url, seen),
    ];
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
