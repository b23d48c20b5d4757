import { ConnectorError } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { EmulatorRoute } from "../src/emulator";
import { paginate, paginateCursor, paginateOffset, paginatePages } from "../src/paginate";
import { clientFor, rejectionOf, startServer } from "./helpers";

const catalogue = Array.from({ length: 10 }, (_, i) => ({ sku: `SKU-${i + 1}` }));
const pageSchema = z.object({
  items: z.array(z.object({ sku: z.string() })),
  totalPages: z.number().optional(),
  next: z.string().nullable().optional(),
});

/** A vendor API with offset, page-number and cursor pagination over the same catalogue. */
const routes: EmulatorRoute[] = [
  {
    method: "GET", path: "/offset", handler: ({ query }) => {
      const offset = Number(query.get("offset")), limit = Number(query.get("limit"));
      return { status: 200, body: { items: catalogue.slice(offset, offset + limit) } };
    },
  },
  {
    method: "GET", path: "/pages", handler: ({ query }) => {
      const page = Number(query.get("page")), size = Number(query.get("per_page"));
      const items = catalogue.slice((page - 1) * size, page * size);
      return { status: 200, body: { items, totalPages: Math.ceil(catalogue.length / size) } };
    },
  },
  {
    method: "GET", path: "/cursor", handler: ({ query }) => {
      const at = Number(query.get("after") ?? 0);
      const next = at + 4 < catalogue.length ? String(at + 4) : null;
      return { status: 200, body: { items: catalogue.slice(at, at + 4), next } };
    },
  },
];

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page.items);
  return out;
}

describe("paginators against a loopback vendor", () => {
  it("offset: an exact multiple of the page size costs one extra empty fetch, then stops", async () => {
    const server = await startServer([], routes);
    const client = clientFor(server);
    const fetchPage = async (offset: number, limit: number) =>
      (await client.request({ method: "GET", url: "/offset", params: { offset, limit }, schema: pageSchema })).data.items;
    const pages = await collect(paginateOffset(5, fetchPage));
    expect(pages.map((page) => page.length)).toEqual([5, 5, 0]);
    expect(server.requests.map((request) => request.query)).toEqual(["offset=0&limit=5", "offset=5&limit=5", "offset=10&limit=5"]);
    server.clearLog();
    expect((await collect(paginateOffset(4, fetchPage))).map((page) => page.length)).toEqual([4, 4, 2]);
    expect(server.requests).toHaveLength(3);
  });

  it("pages: stops at totalPages without an extra fetch", async () => {
    const server = await startServer([], routes);
    const client = clientFor(server);
    const pages = await collect(paginatePages(5, async (page) =>
      (await client.request({ method: "GET", url: "/pages", params: { page, per_page: 5 }, schema: pageSchema })).data));
    expect(pages.flat()).toEqual(catalogue);
    expect(server.requests.map((request) => request.query)).toEqual(["page=1&per_page=5", "page=2&per_page=5"]);
  });

  it("pages: without totalPages stops at a short or empty page", async () => {
    const sizes = [3, 3, 1];
    const seen: number[] = [];
    const pages = await collect(paginatePages(3, async (page) => {
      seen.push(page);
      return { items: Array.from({ length: sizes[page - 1] ?? 0 }, () => page) };
    }));
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(seen).toEqual([1, 2, 3]);
    expect(await collect(paginatePages(3, async () => ({ items: [], totalPages: 0 })))).toEqual([[]]);
  });

  it("cursor: follows next until null", async () => {
    const server = await startServer([], routes);
    const client = clientFor(server);
    const yielded: { position: string | undefined; index: number }[] = [];
    for await (const page of paginateCursor<{ sku: string }, string | undefined>(undefined, async (after) => {
      const { data } = await client.request({ method: "GET", url: "/cursor", params: { after }, schema: pageSchema });
      return { items: data.items, next: data.next };
    })) yielded.push({ position: page.position, index: page.index });
    expect(yielded).toEqual([{ position: undefined, index: 0 }, { position: "4", index: 1 }, { position: "8", index: 2 }]);
    expect(server.requests.map((request) => request.query)).toEqual(["", "after=4", "after=8"]);
  });

  it("a repeated cursor is a `protocol` error instead of a loop", async () => {
    let fetches = 0;
    const looping = paginateCursor("a", async (cursor) => {
      fetches++;
      return { items: [cursor], next: cursor === "a" ? "b" : "b" };
    });
    const error = await rejectionOf(collect(looping));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: "protocol" });
    expect((error as Error).message).toMatch(/"b" repeated/);
    expect(fetches).toBe(2);
    const cycle = paginate<number, { page: number }>({ page: 1 }, async ({ page }) => ({
      items: [page],
      next: { page: page === 3 ? 1 : page + 1 },
    }));
    expect(await rejectionOf(collect(cycle))).toMatchObject({ reason: "protocol" });
  });

  it("an error from a page fetch propagates and stops the generator", async () => {
    const server = await startServer([], routes);
    server.use((request) => (request.query.get("offset") === "5" ? { status: 403, body: { message: "scope missing" } } : undefined));
    const client = clientFor(server);
    const seen: number[] = [];
    const error = await rejectionOf((async () => {
      for await (const page of paginateOffset(5, async (offset, limit) =>
        (await client.request({ method: "GET", url: "/offset", params: { offset, limit }, schema: pageSchema })).data.items)) seen.push(page.items.length);
    })());
    expect(error).toMatchObject({ reason: "forbidden" });
    expect(seen).toEqual([5]);
  });
});
