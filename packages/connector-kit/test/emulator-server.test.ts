import net from "node:net";
import { describe, expect, it } from "vitest";
import { createEmulatorServer, type EmulatorRoute } from "../src/emulator";
import { clientFor, onCleanup, rejectionOf, since } from "./helpers";

const routes: EmulatorRoute[] = [
  { method: "GET", path: "/api/v1/products/:code/media/:index", handler: ({ params }) => ({ status: 200, body: params }) },
  { method: "post", path: "/api/v1/products", handler: ({ body, bodyError }) => (bodyError ? { status: 400, body: { message: bodyError } } : { status: 201, body }) },
  { method: "GET", path: /^\/wp-json\/wp\/v2\/posts\/(?<id>\d+)$/, handler: ({ params, query }) => ({ status: 200, body: { id: params.id, context: query.get("context") } }) },
  { method: "GET", path: "/fail", handler: () => { throw new Error("handler bug"); } },
  { method: "GET", path: "/text", handler: () => ({ status: 200, headers: { "Content-Type": "text/plain" }, raw: "plain words" }) },
];

async function start(options: Partial<Parameters<typeof createEmulatorServer>[0]> = {}) {
  const server = await createEmulatorServer({ name: "emu", routes, ...options });
  onCleanup(() => server.close());
  return server;
}

describe("createEmulatorServer", () => {
  it("listens on 127.0.0.1 with a free port and routes with decoded path params", async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/api/v1/products/a%2Fb%20c/media/2/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: "a/b c", index: "2" });
    const regex = await fetch(`${server.url}/wp-json/wp/v2/posts/17?context=edit`);
    expect(await regex.json()).toEqual({ id: "17", context: "edit" });
  });

  it("parses JSON bodies, reports malformed ones, answers 404 vendor-shaped, 400 for bad encoding, 500 for handler errors", async () => {
    const server = await start({ notFound: (request) => ({ status: 404, body: { code: "rest_no_route", path: request.path } }) });
    const post = (body: string) => fetch(`${server.url}/api/v1/products`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(await (await post('{"sku":"A-1"}')).json()).toEqual({ sku: "A-1" });
    const bad = await post("{nope");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/JSON/);
    const missing = await fetch(`${server.url}/nowhere`);
    expect([missing.status, await missing.json()]).toEqual([404, { code: "rest_no_route", path: "/nowhere" }]);
    expect((await fetch(`${server.url}/api/v1/products/%E0%A4%A/media/1`)).status).toBe(400);
    const failed = await fetch(`${server.url}/fail`);
    expect([failed.status, await failed.json()]).toEqual([500, { message: "emulator error: handler bug" }]);
    const text = await fetch(`${server.url}/text`);
    expect([text.headers.get("content-type"), await text.text()]).toEqual(["text/plain", "plain words"]);
    expect(server.requests.map((request) => [request.method, request.path, request.status])).toEqual([
      ["POST", "/api/v1/products", 201], ["POST", "/api/v1/products", 400], ["GET", "/nowhere", 404], ["GET", "/text", 200],
    ]);
    expect(server.requests[0]!.body).toEqual({ sku: "A-1" });
  });

  it("interceptors: reset, hang (client times out), delay and corrupt", async () => {
    const server = await start();
    const plan = new Map<string, "reset" | "hang" | "corrupt" | "delay">([["1", "reset"], ["2", "hang"], ["3", "delay"], ["4", "corrupt"]]);
    server.use(({ path }) => {
      const index = /media\/(\d)/.exec(path)?.[1] ?? "";
      const action = plan.get(index);
      return action === "delay" ? { action, ms: 250 } : action ? { action } : undefined;
    });
    const retry = { retries: 0, retryProtocolErrors: false };
    const client = clientFor(server, { timeoutMs: 10_000, retry });
    const impatient = clientFor(server, { timeoutMs: 300, retry });
    const get = (index: number) => client.request({ method: "GET", url: `/api/v1/products/X/media/${index}` });
    expect(await rejectionOf(get(1))).toMatchObject({ reason: "network" });
    const hangStart = performance.now();
    expect(await rejectionOf(impatient.request({ method: "GET", url: "/api/v1/products/X/media/2" }))).toMatchObject({ reason: "timeout" });
    expect(since(hangStart)).toBeGreaterThanOrEqual(290);
    const delayed = performance.now();
    expect((await get(3)).data).toEqual({ code: "X", index: "3" });
    expect(since(delayed)).toBeGreaterThanOrEqual(245);
    expect(await rejectionOf(get(4))).toMatchObject({ reason: "protocol" });
    expect((await get(5)).data).toEqual({ code: "X", index: "5" });
    // Reset and hung requests never got a response, so the log holds the answered ones only.
    expect(server.requests.map((request) => request.path.slice(-1))).toEqual(["3", "4", "5"]);
  });

  it("an interceptor response short-circuits routing (auth check)", async () => {
    const server = await start({
      interceptors: [(request) => (request.headers.authorization === "Bearer ok" ? undefined : { status: 401, headers: { "WWW-Authenticate": "Bearer" }, body: { message: "unauthorized" } })],
    });
    const denied = await fetch(`${server.url}/api/v1/products/A/media/1`);
    expect([denied.status, denied.headers.get("www-authenticate")]).toEqual([401, "Bearer"]);
    const allowed = await fetch(`${server.url}/api/v1/products/A/media/1`, { headers: { authorization: "Bearer ok" } });
    expect(allowed.status).toBe(200);
    expect(server.requests.map((request) => request.status)).toEqual([401, 200]);
  });

  it("answers 413 for bodies above maxBodyBytes", async () => {
    const server = await start({ maxBodyBytes: 1_000 });
    const body = JSON.stringify({ blob: "x".repeat(2_000) });
    const response = await fetch(`${server.url}/api/v1/products`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(response.status).toBe(413);
    const small = await fetch(`${server.url}/api/v1/products`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(small.status).toBe(201);
  });

  it("keeps only logLimit requests but counts them all; clearLog empties the log", async () => {
    const server = await start({ logLimit: 3 });
    for (let i = 1; i <= 5; i++) await (await fetch(`${server.url}/api/v1/products/P${i}/media/0`)).text();
    expect(server.requestCount()).toBe(5);
    expect(server.requests.map((request) => request.path)).toEqual(["/api/v1/products/P3/media/0", "/api/v1/products/P4/media/0", "/api/v1/products/P5/media/0"]);
    server.clearLog();
    expect(server.requests).toEqual([]);
    expect(server.requestCount()).toBe(5);
  });

  it("close() frees the port, even with a hung request and keep-alive sockets open", async () => {
    const server = await createEmulatorServer({ name: "emu", routes, interceptors: [(request) => (request.path === "/hang" ? { action: "hang" } : undefined)] });
    await (await fetch(`${server.url}/text`)).text();
    const hung = fetch(`${server.url}/hang`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = performance.now();
    await server.close();
    await server.close();
    expect(since(closing)).toBeLessThan(2_000);
    expect(await hung).toBeInstanceOf(Error);
    const reuse = net.createServer();
    await new Promise<void>((resolve, reject) => {
      reuse.once("error", reject);
      reuse.listen(server.port, "127.0.0.1", () => resolve());
    });
    await new Promise((resolve) => reuse.close(resolve));
  });
});
