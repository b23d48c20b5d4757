import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../src/chaos/fault-proxy";

/** A tiny vendor: an Akeneo-style list of three pages and a JSON write endpoint counting its calls. */
async function startVendor(): Promise<{ url: string; writes: () => number; stop: () => Promise<void> }> {
  let writes = 0;
  let origin = "";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (req.method === "POST") writes += 1;
    const page = Number(url.searchParams.get("page") ?? "1");
    const body = req.method === "POST"
      ? { ok: true }
      : { _links: { self: { href: `${origin}/items?page=${page}` }, ...(page < 3 ? { next: { href: `${origin}/items?page=${page + 1}` } } : {}) }, _embedded: { items: [{ page }] } };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, writes: () => writes, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Answer { status: number; type: string; chunks: number; body: string }

function get(url: string, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => resolve({
        status: res.statusCode ?? 0, type: String(res.headers["content-type"]), chunks: parts.length, body: Buffer.concat(parts).toString("utf8"),
      }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("fault proxy", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of cleanup.splice(0)) await stop();
  });
  type Vendor = Awaited<ReturnType<typeof startVendor>>;
  const setup = async (rates: { trickle?: number; html200?: number }): Promise<{ proxy: FaultProxy; vendor: Vendor }> => {
    const vendor = await startVendor();
    const proxy = await startFaultProxy({ target: vendor.url, seed: 7, rates, trickleByteMs: 1 });
    cleanup.push(() => proxy.stop(), () => vendor.stop());
    return { proxy, vendor };
  };

  it("passes answers through with the vendor's links pointing at the proxy", async () => {
    const { proxy, vendor } = await setup({});
    const answer = await get(`${proxy.url}/items?page=1`);
    const page = JSON.parse(answer.body) as { _links: { next: { href: string } } };
    expect(page._links.next.href).toBe(`${proxy.url}/items?page=2`);
    expect(answer.body).not.toContain(vendor.url);
    expect(proxy.stats()).toMatchObject({ requests: 1, trickle: 0, html200: 0, html200Applied: 0, nextLoop: 0 });
  });

  it("trickles the real body one byte per write", async () => {
    const { proxy } = await setup({ trickle: 1 });
    const answer = await get(`${proxy.url}/items?page=3`);
    expect(JSON.parse(answer.body)).toMatchObject({ _embedded: { items: [{ page: 3 }] } });
    expect(answer.chunks).toBeGreaterThan(10);
    expect(proxy.stats().trickle).toBe(1);
  });

  it("answers 200 text/html instead of JSON; on writes some reach the vendor first", async () => {
    const { proxy, vendor } = await setup({ html200: 1 });
    const read = await get(`${proxy.url}/items`);
    expect([read.status, read.type.startsWith("text/html"), read.body.startsWith("<!doctype html>")]).toEqual([200, true, true]);
    const writes = await Promise.all(Array.from({ length: 20 }, () => get(`${proxy.url}/items`, "POST")));
    expect(writes.every((w) => w.status === 200 && w.type.startsWith("text/html"))).toBe(true);
    const stats = proxy.stats();
    expect(stats.html200Applied).toBe(vendor.writes());
    expect(stats.html200Applied).toBeGreaterThan(0);
    expect(stats.html200 + stats.html200Applied).toBe(21);
  });

  it("makes every later page of a list point back at its first next link", async () => {
    const { proxy } = await setup({});
    proxy.setNextLoop(true);
    const first = JSON.parse((await get(`${proxy.url}/items?page=1`)).body) as { _links: { next: { href: string } } };
    const second = JSON.parse((await get(first._links.next.href)).body) as { _links: { next: { href: string } } };
    expect(second._links.next.href).toBe(first._links.next.href);
    const last = JSON.parse((await get(`${proxy.url}/items?page=3`)).body) as { _links: { next?: { href: string } } };
    expect(last._links.next?.href).toBe(first._links.next.href);
    expect(proxy.stats().nextLoop).toBe(2);
    proxy.setNextLoop(false);
    const after = JSON.parse((await get(`${proxy.url}/items?page=2`)).body) as { _links: { next: { href: string } } };
    expect(after._links.next.href).toBe(`${proxy.url}/items?page=3`);
  });
});
