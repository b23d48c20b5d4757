import { describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import type { ContentfulClient } from "../contentful-client";
import { readSync } from "./contentful-sync-stream";
import documentedDelta from "../__fixtures__/documented/sync-update-p2.json";
import illustrativeInitial from "../__fixtures__/sync-initial-page.json";
import illustrativeDelta from "../__fixtures__/sync-delta-page.json";

/** A CDA answering one sync page with these items. */
function onePage(items: unknown[]): ContentfulClient {
  return {
    cma: () => Promise.reject(new Error("not used")),
    cda: async () => ({ items, nextSyncUrl: "https://cdn.contentful.com/spaces/s/environments/master/sync?sync_token=done" }) as never,
    metrics: () => ({ requests: 1, retries: 0, rateLimited: 0 }),
    close: () => undefined,
  };
}

/** A CDA that always has one more page, each with a fresh token (never repeating): only the page ceiling ends the read. */
function endlessClient(): ContentfulClient & { calls: Array<Record<string, unknown>> } {
  const calls: Array<Record<string, unknown>> = [];
  return {
    calls,
    cma: () => Promise.reject(new Error("not used")),
    cda: async (_url, params) => {
      calls.push(params);
      return { items: [], nextPageUrl: `https://cdn.contentful.com/spaces/s/environments/master/sync?sync_token=page-${calls.length}` } as never;
    },
    metrics: () => ({ requests: calls.length, retries: 0, rateLimited: 0 }),
    close: () => undefined,
  };
}

describe("Contentful sync page accounting", () => {
  it("a page of N vendor items yields entries, issues, deletions and counted skips that add up to N", async () => {
    const items = [
      ...documentedDelta.items, // 8 DeletedEntry, 2 DeletedAsset, 2 entries of another space's content types (documented)
      ...illustrativeInitial.items, ...illustrativeDelta.items, // our content types, a blog post, a deletion, an asset deletion
      { sys: { type: "Entry", id: "no-title", contentType: { sys: { id: "landingPage" } } }, fields: { key: { "en-US": "no-title" } } },
      { sys: { type: "Entry", id: "promotion.cWINTER", contentType: { sys: { id: "promotion" } } }, fields: {} },
      { sys: { type: "ContentType", id: "landingPage" } },
      { fields: { title: { "en-US": "no sys at all" } } },
    ];
    const pages = [];
    for await (const page of readSync(onePage(items), { system: "contentful", defaultLocale: "en-US" }, {})) pages.push(page);
    const [page] = pages;
    // Entries fan out per locale: count the vendor ids they came from.
    const delivered = new Set(page!.items.map((entry) => entry.externalIds.contentful));
    const skipped = (page!.skipped ?? []).reduce((sum, skip) => sum + skip.count, 0);
    expect(delivered.size + page!.issues.length + page!.deleted.length + skipped).toBe(items.length);
    expect([...delivered].sort()).toEqual(["product-page.cSKU-1", "spring-sale"]);
    expect(page!.items.map((entry) => entry.key).sort()).toEqual(["product-page:SKU-1", "spring-sale", "spring-sale@de-DE"]);
    expect(page!.issues.map((issue) => [issue.recordKey, issue.field])).toEqual([["no-title", "fields.title"], ["sync item #20", "sys"]]);
    expect(page!.deleted).toHaveLength(9);
    expect(Object.fromEntries(page!.skipped!.map((skip) => [skip.reason, skip.count]))).toEqual({
      asset_deleted: 3, unmapped_content_type: 3, marketing_entry: 1, unsupported_item_type: 1,
    });
  });
});

describe("Contentful sync loop guard", () => {
  it("stops at the page ceiling with a protocol error instead of reading forever", async () => {
    const client = endlessClient();
    let pages = 0;
    const failure = await (async () => {
      for await (const _page of readSync(client, { system: "contentful", defaultLocale: "en-US" }, { maxPages: 4 })) pages++;
    })().catch((error: unknown) => error);
    expect(isConnectorError(failure) && failure.reason).toBe("protocol");
    expect((failure as Error).message).toContain("kept returning nextPageUrl after 4 pages (ceiling 4)");
    expect(pages).toBe(4);
    expect(client.calls.map((call) => call.sync_token ?? "initial")).toEqual(["initial", "page-1", "page-2", "page-3"]);
  });
});
