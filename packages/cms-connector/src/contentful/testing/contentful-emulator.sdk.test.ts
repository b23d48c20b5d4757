import { createClient as createDeliveryClient } from "contentful";
import { createClient as createManagementClient } from "contentful-management";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startContentfulEmulator, type ContentfulEmulator, type ContentfulEmulatorOptions } from "./contentful-emulator";

// The emulator driven by Contentful's own SDKs, as an integrator would: contentful-management
// 12.18 (CMA, nested client) and contentful 11.12 (CDA). Nothing here calls the emulator directly.
let emulator: ContentfulEmulator | undefined;
afterEach(async () => emulator?.stop());

// The nested client's deprecation notice, once per client.
beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

const host = (url: string) => new URL(url).host;

async function start(options: ContentfulEmulatorOptions = {}) {
  emulator = await startContentfulEmulator({ locales: ["en-US", "de-DE"], ...options });
  const { spaceId, environment, managementToken, deliveryToken } = emulator.settings;
  const warnings: string[] = [];
  const logHandler = (level: string, data: unknown) => {
    if (level === "warning") warnings.push(String(data));
  };
  // The nested client (getSpace().getEnvironment()) is "legacy" in 12.x; the plain client is the default.
  const cma = createManagementClient({ accessToken: managementToken, host: host(emulator.url), insecure: true, logHandler }, { type: "legacy" });
  const cda = createDeliveryClient({
    space: spaceId, environment, accessToken: deliveryToken, host: host(emulator.url), insecure: true, logHandler,
  });
  const env = await (await cma.getSpace(spaceId)).getEnvironment(environment);
  return { emulator, cma, cda, env, warnings };
}

const page = (key: string, title: string) => ({ fields: { key: { "en-US": key }, title: { "en-US": title } } });
const tag = (id: string) => ({ sys: { type: "Link" as const, linkType: "Tag" as const, id } });

describe("Contentful emulator through the official SDKs", () => {
  it("opens the nested client: space, environment, locales, content types", async () => {
    const { cma, env, emulator } = await start();
    const space = await cma.getSpace(emulator.settings.spaceId);
    expect(space.sys).toMatchObject({ type: "Space", id: emulator.settings.spaceId });
    expect(env.sys).toMatchObject({ type: "Environment", id: "master" });
    expect((await env.getLocales()).items.map((locale) => [locale.code, locale.default])).toEqual([["en-US", true], ["de-DE", false]]);
    const types = await env.getContentTypes();
    expect(types.items.map((type) => type.sys.id)).toEqual(expect.arrayContaining(["productPage", "landingPage"]));
    expect((await env.getContentType("landingPage")).fields.find((field) => field.id === "key")?.required).toBe(true);
    await expect(cma.getSpace("no-such-space")).rejects.toMatchObject({ name: "NotFound" });
  });

  it("runs the entry lifecycle create → update → publish → unpublish → archive → unarchive → delete", async () => {
    const { env, emulator } = await start();
    const created = await env.createEntry("landingPage", { ...page("lp-sdk", "Hello"), metadata: { tags: [tag("spring")] } });
    expect(created.sys.id).toMatch(/^[0-9A-Za-z]{22}$/); // server-generated id
    expect(created.sys.version).toBe(1);
    expect(created.isDraft()).toBe(true);
    created.fields.title!["de-DE"] = "Hallo";
    const updated = await created.update(); // PUT of the whole entry without sys: fields and metadata
    expect(updated.sys.version).toBe(2);
    expect(updated.metadata?.tags.map((link) => link.sys.id)).toEqual(["spring"]);
    const published = await updated.publish();
    expect(published.isPublished()).toBe(true);
    expect(published.sys.publishedVersion).toBe(2);
    const unpublished = await published.unpublish(); // no X-Contentful-Version sent
    expect(unpublished.isPublished()).toBe(false);
    const archived = await unpublished.archive();
    expect(archived.isArchived()).toBe(true);
    const unarchived = await archived.unarchive();
    expect(unarchived.isArchived()).toBe(false);
    await unarchived.delete();
    await expect(env.getEntry(created.sys.id)).rejects.toMatchObject({ name: "NotFound" });
    const sent = emulator.server.requests.filter((r) => /\/(published|archived)$/.test(r.path) || (r.method === "DELETE" && r.path.endsWith(created.sys.id)));
    expect(sent.map((r) => [r.method, r.path.split("/").at(-1), r.headers["x-contentful-version"] ?? null, r.status])).toEqual([
      ["PUT", "published", "2", 200], ["DELETE", "published", null, 200], ["PUT", "archived", null, 200],
      ["DELETE", "archived", null, 200], ["DELETE", created.sys.id, null, 204],
    ]);
  });

  it("creates with our own id, rejects a stale version with VersionMismatch, and validates on publish", async () => {
    const { env } = await start();
    const entry = await env.createEntryWithId("landingPage", "our-id", page("our-id", "Ours"));
    expect(entry.sys.id).toBe("our-id");
    const stale = await env.getEntry("our-id");
    entry.fields.title!["en-US"] = "Changed";
    await entry.update();
    stale.fields.title!["en-US"] = "Stale";
    await expect(stale.update()).rejects.toMatchObject({ name: "VersionMismatch" });
    const invalid = await env.createEntry("landingPage", { fields: { title: { "en-US": "No key" } } });
    type Failure = { status: number; details: { errors: Array<{ name: string; path: string[] }> } };
    const failure = await invalid.publish().catch((error: Error) => JSON.parse(error.message) as Failure);
    expect(failure).toMatchObject({ status: 422, details: { errors: [{ name: "required", path: ["fields", "key", "en-US"] }] } });
  });

  it("lists entries with paging and the query filters the SDK sends", async () => {
    const { env } = await start();
    for (let i = 0; i < 7; i++) await env.createEntryWithId("landingPage", `lp-${i}`, page(`lp-${i}`, `Page ${i}`));
    await env.createEntryWithId("categoryPage", "cat-1", page("cat-1", "Category"));
    const seen: string[] = [];
    for (let skip = 0; ; skip += 3) {
      const batch = await env.getEntries({ content_type: "landingPage", skip, limit: 3, order: "sys.id" });
      expect(batch.total).toBe(7);
      seen.push(...batch.items.map((item) => item.sys.id));
      if (skip + batch.limit >= batch.total) break;
    }
    expect(seen).toEqual(["lp-0", "lp-1", "lp-2", "lp-3", "lp-4", "lp-5", "lp-6"]);
    expect((await env.getEntries({ "sys.id[in]": "lp-2,cat-1" })).items.map((item) => item.sys.id).sort()).toEqual(["cat-1", "lp-2"]);
    expect((await env.getEntries({ content_type: "landingPage", "fields.key": "lp-4" })).items.map((item) => item.sys.id)).toEqual(["lp-4"]);
    expect((await env.getEntries({ content_type: "landingPage", "fields.title[match]": "page 6" })).total).toBe(1);
    expect((await env.getEntries({ "sys.id": "cat-1" })).items[0]!.sys.contentType.sys.id).toBe("categoryPage");
    await expect(env.getEntries({ "fields.key": "lp-4" })).rejects.toMatchObject({ name: "InvalidQuery" });
    await expect(env.getEntries({ limit: 1001 })).rejects.toMatchObject({ name: "InvalidQuery" });
  });

  it("selects properties and reads many entries by sys.id[in] (the connector's batch version read)", async () => {
    const { env } = await start();
    for (const id of ["s-1", "s-2", "s-3"]) await env.createEntryWithId("landingPage", id, page(id, `Select ${id}`));
    const picked = await env.getEntries({ "sys.id[in]": "s-1,s-3,missing", select: "sys", limit: 3 });
    expect(picked.items.map((item) => [item.sys.id, item.sys.version, "fields" in item, "metadata" in item])).toEqual([["s-1", 1, false, false], ["s-3", 1, false, false]]);
    const titles = await env.getEntries({ content_type: "landingPage", select: "sys.id,fields.title", order: "sys.id", limit: 1 });
    expect(titles.items[0]).toEqual({ sys: { id: "s-1" }, fields: { title: { "en-US": "Select s-1" } } });
    await expect(env.getEntries({ select: "fields.title" })).rejects.toMatchObject({ name: "InvalidQuery" });
  });

  it("runs bulk publish actions: created → succeeded publishes every entry; a failed one publishes none and names the entity", async () => {
    const { env, emulator } = await start({ bulkActionDelayMs: 10 });
    const good = await Promise.all(["b-1", "b-2"].map((id) => env.createEntryWithId("landingPage", id, page(id, `Bulk ${id}`))));
    const link = (entry: { sys: { id: string; version: number } }) => ({ sys: { type: "Link" as const, linkType: "Entry" as const, id: entry.sys.id, version: entry.sys.version } });
    const created = await env.createPublishBulkAction({ entities: { sys: { type: "Array" }, items: good.map(link) } });
    expect(created.sys).toMatchObject({ type: "BulkAction", status: "created" });
    const done = await created.waitProcessing({ initialDelayMs: 5, retryIntervalMs: 5 });
    expect([done.sys.status, done.action]).toEqual(["succeeded", "publish"]);
    expect((await env.getEntry("b-1")).isPublished()).toBe(true);
    expect((await env.getBulkAction(created.sys.id)).sys.status).toBe("succeeded");

    const invalid = await env.createEntryWithId("landingPage", "b-bad", { fields: { title: { "en-US": "No key" } } });
    const another = await env.createEntryWithId("landingPage", "b-3", page("b-3", "Bulk b-3"));
    const failing = await env.createPublishBulkAction({ entities: { sys: { type: "Array" }, items: [link(another), link(invalid)] } });
    const failed = await failing.waitProcessing({ initialDelayMs: 5, retryIntervalMs: 5, throwOnFailedExecution: false });
    expect(failed.sys.status).toBe("failed");
    expect(failed.error).toMatchObject({ sys: { type: "Error", id: "BulkActionFailed" }, details: { errors: [{ entity: { sys: { id: "b-bad" } }, error: { sys: { id: "ValidationFailed" } } }] } });
    expect((await env.getEntry("b-3")).isPublished()).toBe(false); // all or nothing
    await expect(created.waitProcessing({ initialDelayMs: 0 })).resolves.toMatchObject({ sys: { status: "succeeded" } });
    await expect(failing.waitProcessing({ initialDelayMs: 0, retryIntervalMs: 5 })).rejects.toMatchObject({ name: "AsyncActionFailedError" });
    await expect(env.getBulkAction("fakeId")).rejects.toMatchObject({ name: "NotFound" });
    const unversioned = await env.createPublishBulkAction({ entities: { sys: { type: "Array" }, items: [{ sys: { type: "Link", linkType: "Entry", id: "b-3" } } as never] } })
      .catch((error: Error) => JSON.parse(error.message) as { status: number; details: unknown });
    expect(unversioned).toMatchObject({ status: 422, details: { errors: [{ name: "any.required", path: ["entities", "items", 0, "sys", "version"] }] } });
    const stale = await env.createPublishBulkAction({ entities: { sys: { type: "Array" }, items: [{ ...link(another), sys: { ...link(another).sys, version: 99 } }] } })
      .catch((error: Error) => JSON.parse(error.message) as { status: number });
    expect(stale).toMatchObject({ status: 400 });
    expect(emulator.server.requests.filter((r) => r.path.includes("/bulk_actions/")).every((r) => r.headers.authorization === `Bearer ${emulator.settings.managementToken}`)).toBe(true);
  });

  it("serves the plain client (the SDK's default): create, getMany with paging, publish, unpublish, delete", async () => {
    const { emulator } = await start();
    const { spaceId, environment: environmentId, managementToken } = emulator.settings;
    const plain = createManagementClient({ accessToken: managementToken, host: host(emulator.url), insecure: true, logHandler: () => undefined }, { type: "plain", defaults: { spaceId, environmentId } });
    for (let i = 0; i < 4; i++) await plain.entry.createWithId({ contentTypeId: "landingPage", entryId: `p-${i}` }, page(`p-${i}`, `Plain ${i}`));
    const first = await plain.entry.getMany({ query: { content_type: "landingPage", limit: 3, order: "sys.id" } });
    const second = await plain.entry.getMany({ query: { content_type: "landingPage", limit: 3, skip: 3, order: "sys.id" } });
    expect([first.total, ...first.items.map((e) => e.sys.id), ...second.items.map((e) => e.sys.id)]).toEqual([4, "p-0", "p-1", "p-2", "p-3"]);
    const entry = await plain.entry.get({ entryId: "p-1" });
    const published = await plain.entry.publish({ entryId: "p-1" }, entry);
    expect(published.sys.publishedVersion).toBe(entry.sys.version);
    const unpublished = await plain.entry.unpublish({ entryId: "p-1" });
    expect(unpublished.sys.publishedVersion).toBeUndefined();
    await plain.entry.delete({ entryId: "p-1" });
    expect((await plain.entry.getMany({ query: { content_type: "landingPage" } })).total).toBe(3);
  });

  it("reads published content from the CDA (one locale, locale=*, by id) and syncs with deletions", async () => {
    const { env, cda } = await start();
    for (const id of ["a", "b", "c"]) {
      const entry = await env.createEntryWithId("landingPage", id, { fields: { key: { "en-US": id }, title: { "en-US": `Title ${id}`, "de-DE": `Titel ${id}` } } });
      await entry.publish();
    }
    await env.createEntryWithId("landingPage", "draft", page("draft", "Not published"));
    const english = await cda.getEntries({ content_type: "landingPage", order: ["sys.id"], limit: 2 });
    expect(english.total).toBe(3);
    expect(english.items.map((item) => [item.sys.id, item.fields.title, item.sys.locale])).toEqual([["a", "Title a", "en-US"], ["b", "Title b", "en-US"]]);
    const german = await cda.getEntries({ "sys.id": "c", locale: "de-DE" });
    expect(german.items[0]!.fields.title).toBe("Titel c");
    const all = await cda.withAllLocales.getEntries({ "sys.id": "a" });
    expect(all.items[0]!.fields.title).toEqual({ "en-US": "Title a", "de-DE": "Titel a" });
    expect((await cda.getEntry("b")).fields.key).toBe("b");
    await expect(cda.getEntry("draft")).rejects.toMatchObject({ sys: { id: "NotFound" } });
    expect((await cda.getContentTypes()).items.map((type) => type.sys.id)).toContain("landingPage");
    expect((await cda.getLocales()).items.map((locale) => locale.code)).toEqual(["en-US", "de-DE"]);

    const initial = await cda.sync({ initial: true });
    expect(initial.entries.map((entry) => entry.sys.id).sort()).toEqual(["a", "b", "c"]);
    expect(initial.deletedEntries).toEqual([]);
    const b = await env.getEntry("b");
    await (await b.unpublish()).delete(); // unpublished, then deleted for good
    const c = await env.getEntry("c");
    c.fields.title!["en-US"] = "Title c, edited";
    await (await c.update()).publish();
    const delta = await cda.sync({ nextSyncToken: initial.nextSyncToken });
    expect(delta.entries.map((entry) => [entry.sys.id, entry.fields.title])).toEqual([["c", { "en-US": "Title c, edited", "de-DE": "Titel c" }]]);
    expect(delta.deletedEntries.map((entry) => [entry.sys.type, entry.sys.id])).toEqual([["DeletedEntry", "b"]]);
    const quiet = await cda.sync({ nextSyncToken: delta.nextSyncToken });
    expect(quiet.entries).toEqual([]);
    expect(quiet.deletedEntries).toEqual([]);
  });

  it("creates, processes, publishes and deletes an asset; the sync reports DeletedAsset", async () => {
    const { env, cda } = await start();
    const draft = await env.createAsset({ fields: { title: { "en-US": "Desk photo" }, file: { "en-US": { contentType: "image/jpeg", fileName: "desk.jpg", upload: "https://example.com/desk.jpg" } } } });
    const processed = await draft.processForAllLocales();
    expect(processed.fields.file["en-US"]!.url).toMatch(/^\/\/assets\.ctfassets\.net\/.+\/desk\.jpg$/);
    const published = await processed.publish();
    expect((await cda.getAsset(published.sys.id)).fields.title).toBe("Desk photo");
    const initial = await cda.sync({ initial: true });
    expect(initial.assets.map((asset) => asset.sys.id)).toEqual([published.sys.id]);
    await (await published.unpublish()).delete();
    const delta = await cda.sync({ nextSyncToken: initial.nextSyncToken });
    expect(delta.deletedAssets.map((asset) => [asset.sys.type, asset.sys.id])).toEqual([["DeletedAsset", published.sys.id]]);
  });

  it("answers 429 with X-Contentful-RateLimit-Reset, and the SDKs' own retry gets through", async () => {
    const { env, cda, emulator, warnings } = await start({ rateLimit: { limit: 2, windowMs: 1000 } });
    const ids = await Promise.all([0, 1, 2, 3].map(async (i) => (await env.createEntryWithId("landingPage", `rl-${i}`, page(`rl-${i}`, "x"))).sys.id));
    expect(ids.sort()).toEqual(["rl-0", "rl-1", "rl-2", "rl-3"]);
    expect((await cda.getEntries({ limit: 1 })).limit).toBe(1);
    const limited = emulator.server.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(warnings.some((warning) => /Rate limit error occurred/.test(warning))).toBe(true);
    expect(emulator.state.entries.size).toBe(4);
  });

  it("answers unknown routes and bad tokens as Contentful does", async () => {
    const { emulator } = await start();
    const unknown = await fetch(`${emulator.url}/spaces/${emulator.settings.spaceId}/environments/master/no_such_thing`, { headers: { Authorization: `Bearer ${emulator.settings.managementToken}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ sys: { type: "Error", id: "NotFound" }, message: "The resource could not be found." });
    const wrong = createDeliveryClient({ space: emulator.settings.spaceId, accessToken: "wrong", host: host(emulator.url), insecure: true, retryOnError: false, logHandler: () => undefined });
    await expect(wrong.getEntries()).rejects.toMatchObject({ name: "AccessTokenInvalid" });
  });
});
