import { afterEach, describe, expect, it } from "vitest";
import type { ContentEntry } from "@omnibridge/core-model";
import { connectorFor, startPlayback, type PlayedRequest, type Reply } from "./contentful-playback";

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

describe("Contentful writes on documented payloads", () => {
  it("sends an entry's metadata (tags) back on update, with its version, keeping fields it does not own", async () => {
    playback = await startPlayback(cma((request) => (request.path.endsWith("/entries/entryid") || request.path.endsWith("/entries/entryid/published") ? { status: 200, fixture: "cma-entry-with-tags.json" } : undefined)));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("entryid")]);
    expect(outcome).toMatchObject({ key: "entryid", status: "updated", externalId: "entryid" });
    const [put] = entryPuts();
    expect(put!.headers["x-contentful-version"]).toBe("1");
    const body = put!.body as { fields: Record<string, Record<string, unknown>>; metadata?: { tags: Array<{ sys: { id: string } }> } };
    expect(body.metadata).toEqual({ tags: [{ sys: { type: "Link", linkType: "Tag", id: "tag1" } }] });
    expect(body.fields.fid1).toEqual({ "en-US": "value1" }); // the editor's fields survive: the CMA does not merge
    expect(body.fields.title).toEqual({ "en-US": "Spring sale" });
    expect(body).not.toHaveProperty("sys");
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
      if (request.method === "GET" && request.path.endsWith("/entries/lp-1")) return { status: 404, fixture: "error-404-not-found.json" };
      if (request.method === "PUT" && request.path.endsWith("/entries/lp-1")) return { status: 422, fixture };
      return undefined;
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("lp-1")]);
    expect(outcome).toMatchObject({ key: "lp-1", status: "failed", issue: { recordKey: "lp-1", ...issue } });
    expect(outcome!.issue!.message).toMatch(message);
    expect(entryPuts()[0]!.headers["x-contentful-content-type"]).toBe("landingPage");
  });

  it("409 VersionMismatch on every try: re-reads and retries three times, then fails that record as a conflict", async () => {
    playback = await startPlayback(cma((request) => {
      if (request.method === "GET" && request.path.endsWith("/entries/entryid")) return { status: 200, fixture: "cma-entry-with-tags.json" };
      if (request.method === "PUT" && request.path.endsWith("/entries/entryid")) return { status: 409, fixture: "error-409-version-mismatch.json" };
      return undefined;
    }));
    const [outcome] = await connectorFor(playback.url).write("contentEntry", [entry("entryid")]);
    expect(outcome).toMatchObject({ status: "failed", issue: { reason: "conflict", vendorCode: "VersionMismatch" } });
    expect(outcome!.issue!.message).toContain("(requestId 0b22bcf71e0d624fbd878bc398746d2e)");
    expect(entryPuts()).toHaveLength(3);
    expect(playback.requests.filter((r) => r.method === "GET" && r.path.endsWith("/entries/entryid"))).toHaveLength(3);
  });

  it("401 AccessTokenInvalid concerns the whole batch: the write throws, no entry is touched", async () => {
    const documentedCma = cma(() => undefined);
    playback = await startPlayback((request) => (request.path.endsWith("/locales") ? { status: 401, fixture: "error-401-access-token-invalid.json" } : documentedCma(request)));
    await expect(connectorFor(playback.url).write("contentEntry", [entry("lp-1")])).rejects.toMatchObject({ reason: "unauthorized", vendorCode: "AccessTokenInvalid" });
    expect(entryPuts()).toHaveLength(0);
  });
});
