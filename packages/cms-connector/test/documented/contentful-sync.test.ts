import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type ContentEntry, type Page } from "@omnibridge/core-model";
import { connectorFor, documented, startPlayback, type PlayedRequest, type Reply } from "./contentful-playback";

// The Sync API as Contentful's own SDK test suites record it (src/contentful/__fixtures__/documented,
// SOURCES.md), replayed to the connector's public API.
let playback: Awaited<ReturnType<typeof startPlayback>> | undefined;
afterEach(async () => playback?.close());

const locales: Reply = { status: 200, fixture: "cma-locales.json" };
/** Serve `/locales` and the sync pages by token (`initial` for the first call). */
function syncServer(pages: Record<string, Reply>) {
  return (request: PlayedRequest): Reply | undefined => {
    if (request.path.endsWith("/locales")) return locales;
    if (!request.path.endsWith("/sync")) return undefined;
    return pages[request.query.get("initial") === "true" ? "initial" : request.query.get("sync_token") ?? ""];
  };
}

async function readAll(cursor?: string) {
  const connector = connectorFor(playback!.url);
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { cursor, pageSize: 100 })) pages.push(page);
  return pages;
}

const tokenOf = (cursor: string | null) => (JSON.parse(Buffer.from(cursor!, "base64url").toString("utf8")) as { syncToken: string }).syncToken;
const skips = (page: Page<ContentEntry>) => Object.fromEntries((page.skipped ?? []).map((skip) => [skip.reason, skip.count]));
/** Every vendor item of a page is an item, an issue, a deletion or a counted skip. */
const accounted = (page: Page<ContentEntry>) =>
  page.items.length + page.issues.length + page.deleted.length + (page.skipped ?? []).reduce((sum, skip) => sum + skip.count, 0);
const itemCount = (fixture: string) => (documented(fixture) as { items: unknown[] }).items.length;

describe("Contentful sync on documented payloads", () => {
  it("follows nextPageUrl to nextSyncUrl, asks our host only for the token, and counts what it does not deliver", async () => {
    playback = await startPlayback(syncServer({ initial: { status: 200, fixture: "sync-initial-p1.json" }, foo: { status: 200, fixture: "sync-initial-p2.json" } }));
    const pages = await readAll();
    expect(pages.map((page) => [page.hasMore, tokenOf(page.cursor)])).toEqual([[true, "foo"], [false, "bar"]]);
    const syncs = playback.requests.filter((request) => request.path.endsWith("/sync"));
    // The documented nextPageUrl points at cdn.contentful.com: only its sync_token is used, with our own host and delivery token.
    expect(syncs.map((request) => [request.path, request.query.toString(), request.headers.authorization])).toEqual([
      ["/spaces/cfexampleapi/environments/master/sync", "initial=true&limit=100", "Bearer cda-token-documented"],
      ["/spaces/cfexampleapi/environments/master/sync", "sync_token=foo", "Bearer cda-token-documented"],
    ]);
    // cfexampleapi's cats, dogs, humans and cities are not content types omnibridge maps; assets are not content entries.
    expect(pages[0]!.skipped).toEqual([{ reason: "unmapped_content_type", count: 1, examples: ["5ETMRzkl9KM4omyMwKAOki"] }]);
    expect(skips(pages[1]!)).toEqual({ unmapped_content_type: 10, asset: 4 });
    expect(pages[1]!.skipped!.find((skip) => skip.reason === "asset")!.examples).toEqual(["1x0xpXu4pSGS4OukSyWGUK", "jake", "happycat", "nyancat"]);
    expect(pages.map(accounted)).toEqual([itemCount("sync-initial-p1.json"), itemCount("sync-initial-p2.json")]);
  });

  it("resumes from the stored sync token and reports DeletedEntry as deleted keys, DeletedAsset as counted skips", async () => {
    playback = await startPlayback(syncServer({ bar: { status: 200, fixture: "sync-update-p1.json" }, foo: { status: 200, fixture: "sync-update-p2.json" } }));
    const cursor = Buffer.from(JSON.stringify({ syncToken: "bar" })).toString("base64url");
    const pages = await readAll(cursor);
    expect(playback.requests.filter((r) => r.path.endsWith("/sync")).map((r) => r.query.toString())).toEqual(["sync_token=bar", "sync_token=foo"]);
    expect(pages[0]!.deleted).toEqual(["7qVBlCjpWE86Oseo40gAEY"]);
    expect(pages[1]!.deleted).toEqual(["ge1xHyH3QOWucKWCCAgIG", "4MU1s3potiUEM2G4okYOqw", "jake", "6KntaYXaHSyIw8M6eo26OK", "5ETMRzkl9KM4omyMwKAOki", "finn", "garfield", "CVebBDcQsSsu6yKKIayy"]);
    expect(pages[1]!.skipped).toEqual([
      { reason: "asset_deleted", count: 2, examples: ["1x0xpXu4pSGS4OukSyWGUK", "jake"] },
      { reason: "unmapped_content_type", count: 2, examples: ["nyancat", "supercat"] },
    ]);
    expect(pages.map((page) => [page.hasMore, tokenOf(page.cursor)])).toEqual([[true, "foo"], [false, "bar"]]);
    expect(pages.map(accounted)).toEqual([itemCount("sync-update-p1.json"), itemCount("sync-update-p2.json")]);
  });

  it("a single delta page: changed entries of other content types are counted, the DeletedEntry is a deleted key", async () => {
    playback = await startPlayback(syncServer({ t: { status: 200, fixture: "sync-update-deleted-entry.json" } }));
    const [page] = await readAll(Buffer.from(JSON.stringify({ syncToken: "t" })).toString("base64url"));
    expect(page).toMatchObject({ items: [], issues: [], deleted: ["5h10FZ0tDG4aWsUWSQICI2"], hasMore: false, skipped: [{ reason: "unmapped_content_type", count: 2 }] });
    expect(tokenOf(page!.cursor)).toBe("FAKE");
    expect(accounted(page!)).toBe(itemCount("sync-update-deleted-entry.json"));
  });

  it("stops with a clear error when nextPageUrl points back to a page already read (documented page served for its own token)", async () => {
    // sync-initial-p1 links to token foo; answering foo with the same page makes the link point to itself.
    playback = await startPlayback(syncServer({ initial: { status: 200, fixture: "sync-initial-p1.json" }, foo: { status: 200, fixture: "sync-initial-p1.json" } }));
    const seen: Page<ContentEntry>[] = [];
    const failure = await (async () => {
      for await (const page of connectorFor(playback!.url).read("contentEntry", {})) seen.push(page);
    })().catch((error: unknown) => error);
    expect(isConnectorError(failure) && failure.reason).toBe("protocol");
    expect((failure as Error).message).toMatch(/nextPageUrl repeats a page already read/);
    expect(seen).toHaveLength(2);
    expect(playback.requests.filter((r) => r.path.endsWith("/sync"))).toHaveLength(2);
  });
});

describe("Contentful read errors on documented payloads", () => {
  const failingSync = (reply: Reply) => (request: PlayedRequest) => (request.path.endsWith("/locales") ? locales : request.path.endsWith("/sync") ? reply : undefined);
  const failure = async () => readAll().then(() => undefined, (error: unknown) => error);

  it("401 AccessTokenInvalid: unauthorized, not retried, with the request id", async () => {
    playback = await startPlayback(failingSync({ status: 401, fixture: "error-401-access-token-invalid.json" }));
    const error = await failure();
    expect(error).toMatchObject({ reason: "unauthorized", status: 401, vendorCode: "AccessTokenInvalid" });
    expect((error as Error).message).toContain("The access token you sent could not be found or is invalid. (requestId 426753a1639d40c23ad4cbf085a072c7)");
    expect((error as Error).message).not.toContain("cda-token-documented");
    expect(playback.requests.filter((r) => r.path.endsWith("/sync"))).toHaveLength(1);
  });

  it("429 RateLimitExceeded with an hourly X-Contentful-RateLimit-Reset: gives up at once, saying how long to wait", async () => {
    playback = await startPlayback(failingSync({ status: 429, fixture: "error-429-rate-limit-exceeded.json", headers: { "X-Contentful-RateLimit-Reset": "2727", "X-Contentful-Request-Id": "db2d795acb78e0592af00759986c744b" } }));
    const error = await failure();
    expect(error).toMatchObject({ reason: "rate_limited", retryAfterMs: 2_727_000, vendorCode: "RateLimitExceeded" });
    expect((error as Error).message).toMatch(/requestId 4d0274fb176b51ae43a64b98639a3090.*asked to wait 2727000 ms/);
    expect(playback.requests.filter((r) => r.path.endsWith("/sync"))).toHaveLength(1);
  });

  it("404 NotFound (wrong space or environment): not_found", async () => {
    playback = await startPlayback(failingSync({ status: 404, fixture: "error-404-not-found.json" }));
    expect(await failure()).toMatchObject({ reason: "not_found", vendorCode: "NotFound", message: expect.stringContaining("(requestId 1606bf31ff38c583b132b135303ca107)") });
  });

  it("400 InvalidQuery: invalid, naming the path Contentful did not recognise", async () => {
    playback = await startPlayback(failingSync({ status: 400, fixture: "error-400-invalid-query.json" }));
    const error = await failure();
    expect(error).toMatchObject({ reason: "invalid", vendorCode: "InvalidQuery", field: "not" });
    expect((error as Error).message).toContain('unknown at not: The path "not" is not recognized');
  });
});
