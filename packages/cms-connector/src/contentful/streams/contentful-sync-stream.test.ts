import { describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import type { ContentfulClient } from "../contentful-client";
import { readSync } from "./contentful-sync-stream";

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
