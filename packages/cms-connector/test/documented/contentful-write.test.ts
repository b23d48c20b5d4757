import { afterEach, describe, expect, it } from "vitest";
import type { ContentEntry } from "@omnibridge/core-model";
import { connectorFor, documented, startPlayback, type PlayedRequest, type Reply } from "./contentful-playback";

// Writes against documented CMA bodies (src/contentful/__fixtures__/documented, SOURCES.md).
let playback: Awaited<ReturnType<typeof startPlayback>> | undefined;
afterEach(async () => playback?.close());

const entry = (key: string): ContentEntry => ({
  key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", type: "landing_page", locale: "en-US", title: "Spring sale",
  slug: "spring-sale", body: "<p>Spring sale</p>", excerpt: null, status: "published", linkedSkus: [], linkedCategoryKeys: [],
  promotionKey: null, campaignKey: null, seo: null, featuredImageUrl: null, publishedAt: null,
});

/** Locales and content types as documented; entry routes from the test. */
function cma(entries: (request: PlayedRequest) => Reply | undefined) {
  return (request: PlayedRequest): Reply | undefined => {
    if (request.path.endsWith("/locales")) return { status: 200, fixture: "cma-locales.json" };
    if (/\/content_types\/[^/]+$/.test(request.path)) return { status: 200, fixture: request.method === "GET" ? "cma-content-type.json" : "cma-content-type-published.json" };
    return entries(request);
  };
}
const entryPuts = () => playback!.requests.filter((r) => r.method === "PUT" && /\/entries\/[^/]+$/.test(r.path));
const isLookup = (request: PlayedRequest) => request.method === "GET" && request.path.endsWith("/entries") && request.query.has("sys.id[in]");
const isSingleGet = (request: PlayedRequest) => request.method === "GET" && /\/entries\/[^/]+$/.test(request.path);
const bulkPosts = () => playback!.requests.filter((r) => r.method === "POST" && r.path.endsWith("/bulk_actions/publish"));
const entryWrites = () => playback!.requests.filter((r) => /\/(entries|bulk_actions)(\/|$)/.test(r.path));

/** The documented CMA collection envelope (cma-entries-collection.json) holding the given documented entries. */
function collection(...entries: unknown[]): Reply {
  return { status: 200, body: { ...(documented("cma-entries-collection.json") as object), total: entries.length, items: entries } };
}
const withTags = () => documented("cma-entry-with-tags.json");
/** The entry the documented collection holds (id 1BW0xmr34cKEQcOym80yci, version 42, published 41). */
const collected = () => (documented("cma-entries-collection.json") as { items: Array<{ sys: Record<string, unknown> }> }).items[0]!;
/** The documented "get a bulk action" body (placeholders as documented) at a status, with an optional error. */
function bulkAction(status: string, error?: unknown): Reply {
  const body = documented("cma-bulk-action-fetch.json") as { sys: Record<string, unknown>; error?: unknown };
  return { status: 200, body: { ...body, sys: { ...body.sys, status }, ...(error ? { error } : {}) } };
}
/** Bulk publish: POST answers the documented in-progress action; polls answer `polls` in turn (the last one repeats). */
function bulk(polls: Reply[]) {
  let polled = 0;
  return (request: PlayedRequest): Reply | undefined => {
    if (request.method === "POST" && request.path.endsWith("/bulk_actions/publish")) return { status: 200, fixture: "cma-bulk-action-in-progress.json" };
    if (request.method === "GET" && request.path.includes("/bulk_actions/actions/")) return polls[Math.min(polled++, polls.length - 1)];
    return undefined;
  };
}
type BulkBody = { entities: { items: Array<{ sys: { id: string; version: number } }> } };
const linksOf = (request: PlayedRequest) => (request.body as BulkBody).entities.items.map((l) => [l.sys.id, l.sys.version]);

describe("Contentful writes on documented payloads", () => {
  it("reads the batch's versions in one request, PUTs with the version, sends metadata back, and publishes by a bulk action", async () => {
    const publish = bulk([bulkAction("inProgress"), bulkAction("succeeded")]);
    playback = await startPlayback(cma((request) => {
      if (isLookup(request)) return collection(withTags());
      if (request.method === "PUT" && request.path.endsWith("/entries/entryid")) return { status: 200, fixture: "cma-entry-with-tags.json" };
      return publish(request);
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("entryid")]);
    expect(outcome).toMatchObject({ key: "entryid", status: "updated", externalId: "entryid" });
    const [lookup] = playback.requests.filter(isLookup);
    expect(lookup!.query.get("sys.id[in]")).toBe("entryid");
    expect(playback.requests.some(isSingleGet)).toBe(false);
    const [put] = entryPuts();
    expect(put!.headers["x-contentful-version"]).toBe("1");
    const body = put!.body as { fields: Record<string, Record<string, unknown>>; metadata?: { tags: Array<{ sys: { id: string } }> } };
    expect(body.metadata).toEqual({ tags: [{ sys: { type: "Link", linkType: "Tag", id: "tag1" } }] });
    expect(body.fields.fid1).toEqual({ "en-US": "value1" }); // the editor's fields survive: the CMA does not merge
    expect(body.fields.title).toEqual({ "en-US": "Spring sale" });
    expect(body).not.toHaveProperty("sys");
    expect(bulkPosts().map(linksOf)).toEqual([[["entryid", 1]]]);
    expect((bulkPosts()[0]!.body as { entities: { sys: unknown } }).entities.sys).toEqual({ type: "Array" });
    // lookup, PUT, bulk POST, two polls: no per-entry GET and no per-entry publish.
    expect(entryWrites().map((r) => r.method)).toEqual(["GET", "PUT", "POST", "GET", "GET"]);
  });

  it("a failed bulk action fails the entities it names (their own error), and publishes the others in a new action", async () => {
    const rejected = { sys: { type: "Error", id: "BulkActionFailed" }, details: { errors: [{ entity: { sys: { type: "Link", linkType: "Entry", id: "entryid", version: 1 } }, error: documented("error-422-invalid-entry-array-path.json") }] } };
    const publish = bulk([bulkAction("failed", rejected), bulkAction("succeeded")]);
    playback = await startPlayback(cma((request) => {
      if (isLookup(request)) return collection(withTags(), collected());
      if (request.method === "PUT" && request.path.endsWith("/entries/entryid")) return { status: 200, fixture: "cma-entry-with-tags.json" };
      if (request.method === "PUT" && request.path.endsWith("/entries/1BW0xmr34cKEQcOym80yci")) {
        const saved = collected();
        return { status: 200, body: { ...saved, sys: { ...saved.sys, version: 43 } } };
      }
      return publish(request);
    }));
    const outcomes = await connectorFor(playback.url).write("contentEntry", [entry("entryid"), entry("1BW0xmr34cKEQcOym80yci")]);
    expect(outcomes.map((o) => [o.key, o.status])).toEqual([["entryid", "failed"], ["1BW0xmr34cKEQcOym80yci", "updated"]]);
    expect(outcomes[0]!.issue).toMatchObject({ recordKey: "entryid", reason: "invalid", vendorCode: "InvalidEntry", field: "fields.testField2.en-US" });
    expect(outcomes[0]!.issue!.message).toMatch(/^publishing entry entryid failed: InvalidEntry: Validation error — type at fields\.testField2\.en-US/);
    expect(playback.requests.filter(isLookup)).toHaveLength(1);
    expect(entryPuts().map((r) => r.headers["x-contentful-version"])).toEqual(["1", "42"]);
    expect(bulkPosts().map(linksOf)).toEqual([[["entryid", 1], ["1BW0xmr34cKEQcOym80yci", 43]], [["1BW0xmr34cKEQcOym80yci", 43]]]);
  });

  it("a bulk request refused as a whole (422) publishes each entry on its own, with its version", async () => {
    playback = await startPlayback(cma((request) => {
      if (isLookup(request)) return collection(withTags());
      if (request.method === "PUT" && /\/entries\/entryid(\/published)?$/.test(request.path)) return { status: 200, fixture: "cma-entry-with-tags.json" };
      if (request.method === "POST" && request.path.endsWith("/bulk_actions/publish")) return { status: 422, fixture: "error-422-validation-failed-string-path.json" };
      return undefined;
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("entryid")]);
    expect(outcome).toMatchObject({ key: "entryid", status: "updated" });
    const published = playback.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/entries/entryid/published"));
    expect(published.map((r) => r.headers["x-contentful-version"])).toEqual(["1"]);
  });

  const rejected: Array<[string, string, Record<string, unknown>, RegExp]> = [
    ["422 ValidationFailed with string paths", "error-422-validation-failed-string-path.json",
      { field: "display_code", vendorCode: "ValidationFailed", reason: "invalid" },
      /ValidationFailed: The resource you sent in the body is invalid\. — taken at display_code \(value "en-US"\); fallback locale creates a loop at fallback_code \(value "en-US"\) \(requestId e60465b1bdeae58b22a4d3cac520356c\)/],
    ["422 InvalidEntry with an array path and value", "error-422-invalid-entry-array-path.json",
      { field: "fields.testField2.en-US", vendorCode: "InvalidEntry", reason: "invalid" },
      /type at fields\.testField2\.en-US \(value \[2\]\): The type of "value" is incorrect, expected type: Symbol \(requestId fa607c736302207868b25e97c18ad3dd\)/],
    ["422 InvalidEntry naming an unknown key", "error-422-invalid-entry-unknown-key.json",
      { field: "a_field_that_does_not_exist", vendorCode: "InvalidEntry", reason: "invalid" },
      /unknown keys a_field_that_does_not_exist \(requestId fieldsRequestId\)/],
  ];
  it.each(rejected)("%s fails that record, naming field, error name, validations and requestId", async (_name, fixture, issue, message) => {
    playback = await startPlayback(cma((request) => {
      if (isLookup(request)) return collection();
      if (request.method === "PUT" && request.path.endsWith("/entries/lp-1")) return { status: 422, fixture };
      return undefined;
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("lp-1")]);
    expect(outcome).toMatchObject({ key: "lp-1", status: "failed", issue: { recordKey: "lp-1", ...issue } });
    expect(outcome!.issue!.message).toMatch(message);
    expect(entryPuts()[0]!.headers["x-contentful-content-type"]).toBe("landingPage");
    expect(bulkPosts()).toHaveLength(0);
  });

  it("409 VersionMismatch twice: re-reads that one entry once and retries once, then fails that record as a conflict", async () => {
    playback = await startPlayback(cma((request) => {
      if (isLookup(request)) return collection(withTags());
      if (isSingleGet(request) && request.path.endsWith("/entries/entryid")) return { status: 200, fixture: "cma-entry-with-tags.json" };
      if (request.method === "PUT" && request.path.endsWith("/entries/entryid")) return { status: 409, fixture: "error-409-version-mismatch.json" };
      return undefined;
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("entryid")]);
    expect(outcome).toMatchObject({ status: "failed", issue: { reason: "conflict", vendorCode: "VersionMismatch" } });
    expect(outcome!.issue!.message).toContain("(requestId 0b22bcf71e0d624fbd878bc398746d2e)");
    expect(entryPuts()).toHaveLength(2);
    expect(playback.requests.filter(isSingleGet)).toHaveLength(1);
    expect(bulkPosts()).toHaveLength(0);
  });

  it("401 AccessTokenInvalid concerns the whole batch: the write throws, no entry is touched", async () => {
    const documentedCma = cma(() => undefined);
    playback = await startPlayback((request) => (request.path.endsWith("/locales") ? { status: 401, fixture: "error-401-access-token-invalid.json" } : documentedCma(request)));
    await expect(connectorFor(playback.url).write("contentEntry", [entry("lp-1")])).rejects.toMatchObject({ reason: "unauthorized", vendorCode: "AccessTokenInvalid" });
    expect(entryPuts()).toHaveLength(0);
  });
});
