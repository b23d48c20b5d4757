import { ConnectorError } from "@omnibridge/core-model";
import { afterEach, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../src";
import { contextRoutes } from "./documented/akeneo-context";
import { envelope, startPlayback, type Route } from "./documented/playback";

// Issue 18 #4: a `_links.next` that points back at a page already read kept the hand-written
// loops (load-context, product-stream, catalog-streams) busy forever, collecting items in memory.
// Before the guard each of these reads never ended (the test timed out).
let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

const SELF = "https://pim.example.com/api/rest/v1/loop?page=2&limit=1";
const looping = (path: string, items: unknown[]): Route => ({ path, answer: { body: envelope(items, SELF.replace("/loop", path.replace("/api/rest/v1", ""))) } });

async function failureOf(routes: Route[], entity: "product" | "category" | "attribute") {
  const server = await startPlayback(routes);
  stop = server.stop;
  const pim = createAkeneoConnector({ ...server.settings, retry: { retries: 0 } });
  let pages = 0;
  const error = await (async () => { for await (const _ of pim.read(entity, { pageSize: 1 })) pages++; })().catch((e: unknown) => e);
  await pim.close();
  return { error, pages, requests: server.requests };
}

describe("next-link loop guard", () => {
  it("stops the mapping context load (listAll) when /attributes links to itself", async () => {
    const { error, requests } = await failureOf([looping("/api/rest/v1/attributes", [{ code: "sku", type: "pim_catalog_identifier" }]), ...contextRoutes().filter((r) => r.path !== "/api/rest/v1/attributes")], "category");
    expect(ConnectorError.is(error) && error.reason).toBe("protocol");
    expect((error as Error).message).toContain("/attributes: _links.next repeats a page already read");
    expect(requests.filter((r) => r.path === "/api/rest/v1/attributes").length).toBe(2); // the first page and its repeat, no more
  });

  it("stops a product read when /products-uuid links to itself", async () => {
    const { error, pages } = await failureOf([
      ...contextRoutes(),
      { path: "/api/rest/v1/product-models", answer: { body: envelope([]) } },
      looping("/api/rest/v1/products-uuid", []),
    ], "product");
    expect(ConnectorError.is(error) && error.reason).toBe("protocol");
    expect((error as Error).message).toContain("/products-uuid: _links.next repeats");
    expect(pages).toBeLessThanOrEqual(3);
  });

  it("stops a category read when /categories links to itself", async () => {
    const category = { code: "master", parent: null, labels: { en_US: "Master" }, updated: "2026-01-01T00:00:00+00:00", position: 1 };
    const { error } = await failureOf([...contextRoutes(), looping("/api/rest/v1/categories", [category])], "category");
    expect(ConnectorError.is(error) && error.reason).toBe("protocol");
    expect((error as Error).message).toContain("/categories: _links.next repeats");
  });
});
