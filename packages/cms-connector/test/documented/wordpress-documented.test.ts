import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type ConnectorError, type ConnectorV1, type ContentEntry, type Page } from "@omnibridge/core-model";
import { documented, playbackConnector, startWordpressPlayback, type PlayedRequest, type Reply } from "./wordpress-playback";

// The WordPress connector's public API against WordPress's own documented payloads
// (src/wordpress/__fixtures__/documented/SOURCES.md), replayed on loopback — not the emulator.

type Post = Record<string, unknown> & { id: number };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function playback(answer: (request: PlayedRequest) => Reply | undefined) {
  const server = await startWordpressPlayback(answer);
  closers.push(server.close);
  return server;
}
const list = (body: unknown[], total = body.length, pages = 1): Reply => ({ status: 200, body, headers: { "x-wp-total": String(total), "x-wp-totalpages": String(pages) } });
const isList = (r: PlayedRequest, collection: string) => r.method === "GET" && r.route === `wp/v2/${collection}` && !r.query.has("omnibridge_key") && !r.query.has("include");

async function readAll(connector: ConnectorV1) {
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { pageSize: 10 })) pages.push(page);
  return pages;
}
async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isConnectorError(error)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

describe("WordPress documented payloads: reads", () => {
  it("maps the documented posts and pages collections to canonical content entries", async () => {
    const server = await playback((r) => {
      if (isList(r, "posts")) return { ...list([]), fixture: "posts-collection.json", headers: { "x-wp-total": "1", "x-wp-totalpages": "1" } };
      if (isList(r, "pages")) return { ...list([]), fixture: "pages-collection.json", headers: { "x-wp-total": "1", "x-wp-totalpages": "1" } };
      if (r.route === "wp/v2/categories" && r.query.get("include") === "1") return { status: 200, fixture: "categories-collection.json" };
      return undefined;
    });
    const pages = await readAll(playbackConnector(server.url));
    const items = pages.flatMap((p) => p.items);
    expect(pages.flatMap((p) => p.issues)).toEqual([]);
    expect(items.map((i) => i.key)).toEqual(["wp-post-4", "wp-page-7"]);
    expect(items[0]).toMatchObject({
      type: "product_story", title: "REST API Client Fixture: Post", slug: "restapi-client-fixture-post", status: "published", locale: "en",
      body: "<p>Updated post content.</p>\n", excerpt: "<p>REST API Client Fixture: Post</p>\n", updatedAt: "2017-02-14T00:00:00.000Z",
      publishedAt: "2017-02-14T00:00:00.000Z", externalIds: { wordpress: "4" }, linkedCategoryKeys: ["uncategorized"], linkedSkus: [], featuredImageUrl: null,
    });
    expect(items[1]).toMatchObject({ type: "page", title: "REST API Client Fixture: Page", slug: "restapi-client-fixture-page", externalIds: { wordpress: "7" } });
    // The documented delta query: every status, oldest change first, edit context.
    const first = server.requests.find((r) => isList(r, "posts"))!;
    expect(Object.fromEntries(first.query)).toMatchObject({ context: "edit", status: "publish,future,draft,pending,private,trash", orderby: "modified", order: "asc", per_page: "10", page: "1" });
    expect(server.requests.filter((r) => isList(r, "posts")).slice(1).every((r) => r.query.get("modified_after") === "2017-02-13T23:59:59Z")).toBe(true);
  });

  it("follows X-WP-TotalPages through a group of posts modified in the same second", async () => {
    // Two posts of one second, one per page: the second is only reachable with page=2.
    const second = { ...documented<Post>("post-model.json"), id: 40, slug: "second-post" };
    const server = await playback((r) => {
      if (!isList(r, "posts")) return undefined;
      return r.query.get("page") === "2" ? list([second], 2, 2) : { ...list([], 2, 2), fixture: "posts-collection.json" };
    });
    const pages = await readAll(playbackConnector(server.url, { locale: "en" }));
    expect(pages.flatMap((p) => p.items.map((i) => i.key))).toEqual(["wp-post-4", "wp-post-40"]);
    expect(server.requests.filter((r) => isList(r, "posts")).map((r) => r.query.get("page"))).toContain("2");
    expect(pages.at(-1)!.hasMore).toBe(false);
  });

  it("a page of N vendor records yields N items + issues + deleted keys, nothing silently dropped", async () => {
    const base = documented<Post>("post-model.json");
    const records: unknown[] = [
      base, // delivered
      { ...base, id: 41, slug: "trashed", status: "trash" }, // deleted key
      { ...base, id: 42, slug: "untitled", title: { rendered: "" } }, // issue: title
      { ...base, id: 43, modified_gmt: 17 }, // issue: malformed payload
      { ...base, id: 44, slug: "unsafe", content: { rendered: '<p>ok</p><a href="javascript&colon;alert(1)">x</a>' } }, // delivered, cleaned, warned
      { ...documented<Post>("page-model.json"), id: 45, type: "post" }, // delivered
    ];
    const server = await playback((r) => (isList(r, "posts") ? list(records) : undefined));
    const pages = await readAll(playbackConnector(server.url));
    const items = pages.flatMap((p) => p.items);
    const issues = pages.flatMap((p) => p.issues);
    const errors = issues.filter((i) => i.severity !== "warning");
    const deleted = pages.flatMap((p) => p.deleted);
    const skipped = pages.flatMap((p) => p.skipped ?? []).reduce((sum, s) => sum + s.count, 0);
    expect(items.length + errors.length + deleted.length + skipped).toBe(records.length);
    expect(items.map((i) => i.key)).toEqual(["wp-post-4", "wp-post-44", "wp-post-45"]);
    expect(deleted).toEqual(["wp-post-41"]);
    expect(errors.map((i) => [i.recordKey, i.field])).toEqual([["posts/43", "modified_gmt"], ["posts/42", "title"]]);
    expect(items[1]!.body).toBe("<p>ok</p><a>x</a>");
    expect(issues.filter((i) => i.severity === "warning")).toEqual([
      expect.objectContaining({ recordKey: "wp-post-44", field: "body", message: "removed unsafe markup (javascript: URL in <a href>)" }),
    ]);
  });
});

describe("WordPress documented payloads: errors", () => {
  const entry = (key: string): ContentEntry => ({
    key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", type: "landing_page", locale: "en", title: "Spring", slug: "spring", body: "<p>Spring</p>",
    excerpt: null, status: "published", linkedSkus: [], linkedCategoryKeys: [], seo: null, featuredImageUrl: null,
  } as ContentEntry);

  it("updates a post by id and takes its id from the documented single-post answer", async () => {
    const server = await playback((r) => (r.method === "POST" && r.route === "wp/v2/posts/4" ? { status: 200, fixture: "post-model.json" } : undefined));
    const outcomes = await playbackConnector(server.url).write("contentEntry", [entry("wp-post-4")]);
    expect(outcomes).toEqual([{ key: "wp-post-4", status: "updated", externalId: "4" }]);
    expect(server.requests.find((r) => r.method === "POST")!.body).toMatchObject({ title: "Spring", content: "<p>Spring</p>", status: "publish" });
  });

  it.each([
    ["plain WP_Error", { status: 404, fixture: "error-rest-post-invalid-id.json" }],
    ["legacy list of errors", { status: 404, fixture: "error-list-legacy.json" }],
    ["_envelope with HTTP 200", { status: 200, fixture: "envelope-error.json" }],
    ["batch answer with a failed request", { status: 207, fixture: "batch-normal-mixed.json" }],
  ] as Array<[string, Reply]>)("rest_post_invalid_id 404 as a %s is a per-record not_found", async (_, reply) => {
    const server = await playback((r) => (r.method === "POST" && r.route === "wp/v2/posts/987654321" ? reply : undefined));
    const [outcome] = await playbackConnector(server.url).write("contentEntry", [entry("wp-post-987654321")]);
    expect(outcome).toMatchObject({ key: "wp-post-987654321", status: "failed", issue: { reason: "not_found", vendorCode: "rest_post_invalid_id" } });
    expect(outcome!.issue!.message).toContain("Invalid post ID.");
  });

  it("a batch answer that failed validation names the request and the param", async () => {
    const server = await playback((r) => (r.method === "POST" && r.route === "wp/v2/pages" ? { status: 207, fixture: "batch-require-all-validate-failed.json" } : undefined));
    const [outcome] = await playbackConnector(server.url).write("contentEntry", [entry("LP-1")]);
    expect(outcome).toMatchObject({ status: "failed", issue: { recordKey: "LP-1", reason: "invalid", vendorCode: "rest_invalid_param", field: "slug" } });
    expect(outcome!.issue!.message).toContain("1 of 2 batch requests failed validation; request 2: Invalid parameter(s): slug (slug: slug is not of type string.)");
  });

  it("rest_invalid_param 400 names data.params: field and message; additional_errors are kept", async () => {
    const server = await playback((r) => (isList(r, "posts") ? { status: 400, fixture: "error-rest-invalid-param.json" } : r.method === "POST" ? { status: 400, fixture: "error-additional-errors.json" } : undefined));
    const connector = playbackConnector(server.url);
    const error = await failure(readAll(connector));
    expect(error).toMatchObject({ reason: "invalid", vendorCode: "rest_invalid_param", field: "per_page", retryable: false, status: 400 });
    expect(error.message).toContain("Invalid parameter(s): per_page (per_page: per_page must be between 1 (inclusive) and 100 (inclusive))");
    const [outcome] = await connector.write("contentEntry", [entry("LP-2")]);
    expect(outcome!.issue).toMatchObject({ reason: "invalid", field: "status" });
    expect(outcome!.issue!.message).toContain("also rest_invalid_param: Invalid parameter(s): slug");
  });

  it.each([
    [401, "unauthorized", "error-rest-forbidden-401.json"],
    [403, "forbidden", "error-rest-forbidden-403.json"],
  ] as const)("rest_forbidden with HTTP %i on a read is %s (by its status), without retries", async (status, reason, fixture) => {
    const server = await playback((r) => (isList(r, "posts") ? { status, fixture } : undefined));
    const connector = playbackConnector(server.url);
    const error = await failure(readAll(connector));
    expect(error).toMatchObject({ reason, vendorCode: "rest_forbidden", status });
    expect(connector.metrics().retries).toBe(0);
  });

  it("rest_cannot_create 401 stops the write (credentials), it is not one record's fault", async () => {
    const server = await playback((r) => (r.method === "POST" ? { status: 401, fixture: "error-rest-cannot-create-401.json" } : undefined));
    const error = await failure(playbackConnector(server.url).write("contentEntry", [entry("LP-3")]));
    expect(error).toMatchObject({ reason: "unauthorized", vendorCode: "rest_cannot_create" });
  });

  it("a page past the end is rest_post_invalid_page_number: invalid, not retried", async () => {
    const server = await playback((r) => (isList(r, "posts") ? { status: 400, fixture: "error-rest-post-invalid-page-number.json" } : undefined));
    const connector = playbackConnector(server.url);
    expect(await failure(readAll(connector))).toMatchObject({ reason: "invalid", vendorCode: "rest_post_invalid_page_number", retryable: false });
    expect(connector.metrics().retries).toBe(0);
  });
});

describe("WordPress check() never prints credentials from the site URL", () => {
  it.each([
    ["fails", { status: 401, fixture: "error-rest-forbidden-401.json" }],
    ["succeeds", { status: 200, body: { id: 1, name: "editor", slug: "editor" } }],
  ] as Array<[string, Reply]>)("when it %s", async (_, reply) => {
    const server = await playback((r) => (r.route === "" || r.route === "/" ? { status: 200, body: { name: "Test Blog", namespaces: ["wp/v2"] } } : r.route === "wp/v2/users/me" ? reply : undefined));
    const withUserInfo = server.url.replace("http://", "http://siteadmin:Sup3r%24ecret@");
    const result = await playbackConnector(withUserInfo).check();
    expect(result.ok).toBe(reply.status === 200);
    expect(result.message).not.toMatch(/Sup3r|%24ecret|\$ecret|siteadmin/);
    if (result.ok) expect(result.message).toBe(`authenticated as editor on http://[redacted]@127.0.0.1:${new URL(server.url).port}`);
  });
});

describe("WordPress documented payloads: /batch/v1 writes", () => {
  const story = (key: string): ContentEntry => ({
    key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", type: "product_story", locale: "en", title: "Story", slug: "story", body: "<p>Story</p>",
    excerpt: null, status: "published", linkedSkus: [], linkedCategoryKeys: [], seo: null, featuredImageUrl: null,
  } as ContentEntry);
  const isIndex = (r: PlayedRequest) => r.method === "GET" && r.route === "";

  it("discovers /batch/v1 from the index, sends creates and updates in one call, and reads per-request outcomes", async () => {
    const server = await playback((r) => {
      if (isIndex(r)) return { status: 200, fixture: "index-batch-route.json" };
      if (r.method === "POST" && r.route === "batch/v1") return { status: 207, fixture: "batch-normal-mixed.json" };
      return undefined;
    });
    const outcomes = await playbackConnector(server.url).write("contentEntry", [story("story-new"), story("wp-post-987654321")]);
    expect(outcomes[0]).toEqual({ key: "story-new", status: "created", externalId: "4" });
    expect(outcomes[1]).toMatchObject({ key: "wp-post-987654321", status: "failed", issue: { reason: "not_found", vendorCode: "rest_post_invalid_id", message: expect.stringContaining("Invalid post ID.") } });
    expect(server.requests.find(isIndex)!.query.get("_fields")).toBe("routes./batch/v1");
    const batches = server.requests.filter((r) => r.route === "batch/v1");
    expect(batches).toHaveLength(1);
    type Batch = { validation: string; requests: Array<{ method: string; path: string; body: Record<string, unknown> }> };
    const body = batches[0]!.body as Batch;
    expect(body.validation).toBe("normal");
    expect(body.requests.map((r) => [r.method, r.path])).toEqual([["POST", "/wp/v2/posts?context=edit"], ["POST", "/wp/v2/posts/987654321?context=edit"]]);
    expect(body.requests[0]!.body).toMatchObject({ title: "Story", status: "publish", meta: { omnibridge_key: "story-new" } });
    expect(server.requests.filter((r) => r.method === "POST" && r.route.startsWith("wp/v2/"))).toHaveLength(0); // nothing sent one by one
  });

  it("a site whose index has no /batch/v1 route gets one request per write", async () => {
    const server = await playback((r) => (r.method === "POST" && r.route === "wp/v2/posts/4" ? { status: 200, fixture: "post-model.json" } : undefined));
    const outcomes = await playbackConnector(server.url).write("contentEntry", [story("wp-post-4")]);
    expect(outcomes).toEqual([{ key: "wp-post-4", status: "updated", externalId: "4" }]);
    expect(server.requests.some((r) => r.route === "batch/v1")).toBe(false);
  });
});
