import http from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

const FIXTURES = new URL("../../src/odoo/__fixtures__/documented/", import.meta.url);

/** A documented JSON-RPC envelope by file name. */
export function documented(name: string): { jsonrpc: "2.0"; id: unknown; result?: unknown; error?: unknown } {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
}

/** One JSON-RPC call as received on `/jsonrpc` (execute_kw unpacked). */
export interface PlayedCall {
  service: string;
  method: string;
  model?: string;
  ormMethod?: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Picks the documented envelope (file name) that answers a call; undefined = unscripted. */
export type Script = (call: PlayedCall) => string | undefined;

/**
 * A loopback playback server for `POST /jsonrpc`: each call is answered with the documented
 * envelope the script names (the request's `id` copied in), always HTTP 200 as Odoo answers
 * JSON-RPC. It knows nothing of Odoo's ORM: the documented bodies are the data. An unscripted
 * call gets HTTP 599 so a test sees the gap.
 */
export async function startOdooPlayback(script: Script) {
  const played: PlayedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { id?: unknown; params?: { service?: string; method?: string; args?: unknown[] } };
      const { service = "", method = "", args = [] } = body.params ?? {};
      const call: PlayedCall = service === "object" && method === "execute_kw"
        ? {
          service, method, model: String(args[3]), ormMethod: String(args[4]),
          args: (args[5] ?? []) as unknown[], kwargs: (args[6] ?? {}) as Record<string, unknown>,
        }
        : { service, method, args, kwargs: {} };
      played.push(call);
      const file = req.url === "/jsonrpc" ? script(call) : undefined;
      if (!file) return void res.writeHead(599, { "content-type": "text/plain" }).end(`unscripted ${service}.${method} ${call.model ?? ""}.${call.ormMethod ?? ""}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...documented(file), id: body.id ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, played,
    calls: (model: string, ormMethod: string) => played.filter((c) => c.model === model && c.ormMethod === ormMethod),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
