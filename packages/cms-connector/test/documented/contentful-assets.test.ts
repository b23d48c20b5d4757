import { afterEach, describe, expect, it } from "vitest";
import type { AssetFile, Page } from "@omnibridge/core-model";
import { connectorFor, documented, startPlayback, type PlayedRequest, type Reply } from "./contentful-playback";

// Assets in the Sync API pages of Contentful's own SDK test suites (SOURCES.md), read as canonical
// asset file metadata through the connector's public `readAssetFiles()`.
let playback: Awaited<ReturnType<typeof startPlayback>> | undefined;
afterEach(async () => playback?.close());

function syncServer(pages: Record<string, Reply>) {
  return (request: PlayedRequest): Reply | undefined => {
    if (request.path.endsWith("/locales")) return { status: 200, fixture: "cma-locales.json" };
    if (!request.path.endsWith("/sync")) return undefined;
    return pages[request.query.get("initial") === "true" ? "initial" : request.query.get("sync_token") ?? ""];
  };
}

async function readAssets(cursor?: string) {
  const pages: Page<AssetFile>[] = [];
  for await (const page of connectorFor(playback!.url).readAssetFiles({ cursor })) pages.push(page);
  return pages;
}

const itemsOf = (fixture: string) => (documented(fixture) as { items: Array<{ sys: { type: string } }> }).items;

describe("Contentful asset files on documented payloads", () => {
  it("maps every asset of a sync page to file metadata and counts the entries it does not deliver", async () => {
    playback = await startPlayback(syncServer({ initial: { status: 200, fixture: "sync-initial-p2.json" } }));
    const [page] = await readAssets();
    const vendor = itemsOf("sync-initial-p2.json");
    expect(page!.items).toHaveLength(vendor.filter((i) => i.sys.type === "Asset").length);
    const doge = page!.items.find((a) => a.key === "contentful:asset:1x0xpXu4pSGS4OukSyWGUK");
    expect(doge).toMatchObject({
      fileName: "doge.jpg", mimeType: "image/jpeg", sizeBytes: 522_943, width: 5800, height: 4350, extension: "jpg",
      url: "https://images.contentful.com/cfexampleapi/1x0xpXu4pSGS4OukSyWGUK/cc1239c6385428ef26f4180190532818/doge.jpg",
      alt: { "en-US": "nice picture" }, updatedAt: "2013-12-18T13:27:14.917Z", externalIds: { contentful: "1x0xpXu4pSGS4OukSyWGUK" },
    });
    // Nothing dropped silently: assets delivered + entries counted = the page's items.
    const counted = (page!.skipped ?? []).reduce((sum, skip) => sum + skip.count, 0);
    expect(page!.items.length + page!.issues.length + page!.deleted.length + counted).toBe(vendor.length);
    expect(page!.skipped).toEqual([expect.objectContaining({ reason: "entry", count: vendor.filter((i) => i.sys.type === "Entry").length })]);
  });

  it("reports deleted assets as deleted keys in a delta", async () => {
    playback = await startPlayback(syncServer({ initial: { status: 200, fixture: "sync-update-p2.json" } }));
    const [page] = await readAssets();
    const deletedAssets = itemsOf("sync-update-p2.json").filter((i) => i.sys.type === "DeletedAsset").length;
    expect(page!.deleted).toHaveLength(deletedAssets);
    expect(page!.deleted.every((key) => key.startsWith("contentful:asset:"))).toBe(true);
  });
});
