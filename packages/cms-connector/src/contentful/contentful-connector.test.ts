import { afterEach, describe, expect, it } from "vitest";
import { TokenBucket } from "@omnibridge/connector-kit";
import { isConnectorError, type ConnectorV1, type ContentEntry, type Page } from "@omnibridge/core-model";
import { startContentfulEmulator, type ContentfulEmulator, type ContentfulEmulatorOptions } from "../testing/index";
import { createContentfulConnector } from "./contentful-connector";
import { landingPage, product } from "../wordpress/wordpress-test-helpers";

let emulator: ContentfulEmulator | undefined;
afterEach(async () => emulator?.stop());

async function setup(options: ContentfulEmulatorOptions = {}, extra: Record<string, unknown> = {}) {
  emulator = await startContentfulEmulator(options);
  const connector = createContentfulConnector({
    ...emulator.settings,
    rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
    retry: { minDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
  return { emulator, connector };
}
async function readAll(connector: ConnectorV1, cursor?: string | null, pageSize = 5) {
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { cursor, pageSize })) pages.push(page);
  return pages;
}
const seeded = (n: number) => Array.from({ length: n }, (_, i) => landingPage(`LP-${i}`, { updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));

describe("Contentful connector against the emulator", () => {
  it("upserts product pages with PUT on our own id in every locale; a re-run changes nothing", async () => {
    const { emulator, connector } = await setup();
    const products = [product("SKU-1"), product("SKU-2")];
    const created = await connector.write("product", products);
    expect(created.map((o) => [o.key, o.status, o.externalId])).toEqual([["SKU-1", "created", "product-page.cSKU-1"], ["SKU-2", "created", "product-page.cSKU-2"]]);
    expect((await connector.write("product", products)).map((o) => o.status)).toEqual(["unchanged", "unchanged"]);
    const entry = emulator.state.entries.get("product-page.cSKU-1")!;
    expect(entry.fields.title).toEqual({ en: "Desk SKU-1", "de-DE": "Schreibtisch SKU-1" });
    expect(entry.published).toBeDefined();
    const puts = emulator.server.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/entries/product-page.cSKU-1"));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.headers["x-contentful-content-type"]).toBe("productPage");
    expect(puts[0]!.headers["x-contentful-version"]).toBeUndefined();
    const renamed = await connector.write("product", [{ ...products[0]!, name: { en: "Oak desk" } }]);
    expect(renamed[0]!.status).toBe("updated");
    const update = emulator.server.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/entries/product-page.cSKU-1")).at(-1)!;
    expect(update.headers["x-contentful-version"]).toBe("2");
  });

  it("costs about one request per changed entry: one version read per batch, one PUT each, one bulk publish; unchanged costs nothing", async () => {
    const { emulator, connector } = await setup({ bulkActionDelayMs: 5 }, { bulkActionPoll: { initialDelayMs: 10, maxDelayMs: 20 } });
    await connector.write("product", [product("WARM-UP")]); // locales and content types, once per connector
    const entryRequests = (from: number) => emulator.server.requests.slice(from).filter((r) => /\/(entries|bulk_actions)(\/|$|\?)/.test(r.path));
    const count = (from: number) => {
      const sent = entryRequests(from);
      const of = (test: (r: (typeof sent)[number]) => boolean) => sent.filter(test).length;
      return {
        reads: of((r) => r.method === "GET" && r.path.endsWith("/entries")), gets: of((r) => r.method === "GET" && /\/entries\/[^/]+$/.test(r.path)),
        puts: of((r) => r.method === "PUT" && /\/entries\/[^/]+$/.test(r.path)), singlePublishes: of((r) => r.path.endsWith("/published")),
        bulk: of((r) => r.method === "POST"), polls: of((r) => r.path.includes("/bulk_actions/actions/")), total: sent.length,
      };
    };
    const products = Array.from({ length: 30 }, (_, i) => product(`COUNT-${i}`));
    let from = emulator.server.requests.length;
    expect((await connector.write("product", products)).every((o) => o.status === "created")).toBe(true);
    const created = count(from);
    expect(created).toMatchObject({ reads: 1, gets: 0, puts: 30, singlePublishes: 0, bulk: 1 });
    expect(created.total / products.length).toBeLessThanOrEqual(1.15);

    from = emulator.server.requests.length;
    const renamed = products.map((p) => ({ ...p, name: { ...p.name, en: `${p.name.en} v2` } }));
    expect((await connector.write("product", renamed)).every((o) => o.status === "updated")).toBe(true);
    expect(count(from)).toMatchObject({ reads: 0, gets: 0, puts: 30, singlePublishes: 0, bulk: 1 }); // versions known from the last write
    expect(renamed.every((p) => emulator.state.entries.get(`product-page.c${p.key}`)!.published!.fields.title!.en === `${p.name.en}`)).toBe(true);

    from = emulator.server.requests.length;
    expect((await connector.write("product", renamed)).every((o) => o.status === "unchanged")).toBe(true);
    expect(count(from).total).toBe(0);

    const fresh = createContentfulConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1000 }) });
    await fresh.write("product", [product("WARM-UP")]);
    from = emulator.server.requests.length;
    expect((await fresh.write("product", renamed)).every((o) => o.status === "unchanged")).toBe(true);
    expect(count(from)).toMatchObject({ reads: 1, total: 1 }); // a new connector reads the batch's versions once
  });

  it("re-reads and retries on a 409 VersionMismatch from a concurrent edit", async () => {
    const { emulator, connector } = await setup({ entries: seeded(1) });
    let raced = false;
    emulator.server.use((request) => {
      if (!raced && request.method === "PUT" && request.path.endsWith("/entries/LP-0")) {
        raced = true;
        emulator.state.entries.get("LP-0")!.version += 1; // an editor saved in between
      }
      return undefined;
    });
    const [outcome] = await connector.write("contentEntry", [landingPage("LP-0", { title: "Ours" })]);
    expect(outcome).toMatchObject({ status: "updated", externalId: "LP-0" });
    expect(emulator.server.requests.some((r) => r.status === 409)).toBe(true);
    expect(emulator.state.entries.get("LP-0")!.published!.fields.title).toEqual({ en: "Ours" });
  });

  it("syncs across pages, resumes from a page's token after a crash, and returns only changes later", async () => {
    const { emulator, connector } = await setup({ entries: seeded(12) });
    const pages = await readAll(connector);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flatMap((p) => p.items.map((i) => i.key)).sort()).toEqual(seeded(12).map((e) => e.key).sort());
    const resumed = await readAll(connector, pages[0]!.cursor);
    expect([...pages[0]!.items, ...resumed.flatMap((p) => p.items)].map((i) => i.key).sort()).toEqual(seeded(12).map((e) => e.key).sort());
    const final = pages.at(-1)!.cursor;
    expect((await readAll(connector, final)).flatMap((p) => p.items)).toEqual([]);
    await connector.write("contentEntry", [landingPage("LP-3", { title: "Changed" })]);
    await connector.archive("contentEntry", ["LP-4"]);
    const delta = await readAll(connector, final);
    expect(delta.flatMap((p) => p.items.map((i) => [i.key, i.title]))).toEqual([["LP-3", "Changed"]]);
    expect(delta.flatMap((p) => p.deleted)).toEqual(["LP-4"]);
    const syncCalls = emulator.server.requests.filter((r) => r.path.endsWith("/sync"));
    expect(syncCalls[0]!.query).toContain("initial=true");
    expect(syncCalls.at(-1)!.query).toContain("sync_token=");
    expect(syncCalls.every((r) => r.headers.authorization === `Bearer ${emulator.settings.deliveryToken}`)).toBe(true);
  });

  it("waits X-Contentful-RateLimit-Reset on 429 and then succeeds", async () => {
    const { emulator, connector } = await setup({ rateLimit: { limit: 4, windowMs: 1000 } });
    const started = Date.now();
    const outcomes = await connector.write("contentEntry", [landingPage("A"), landingPage("B")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created"]);
    const limited = emulator.server.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(connector.metrics().rateLimited).toBe(limited.length);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("gives up on an hourly-window 429 longer than it may wait, and throws instead of failing records", async () => {
    const { connector } = await setup({ rateLimit: { limit: 3, windowMs: 3_600_000 } }, { retry: { maxRetryAfterMs: 2_000 } });
    const error = await connector.write("contentEntry", [landingPage("A"), landingPage("B")]).catch((e: unknown) => e);
    expect(isConnectorError(error) && [error.reason, error.retryAfterMs]).toEqual(["rate_limited", 3_600_000]);
  });

  it("fails fast on a wrong token (401, no retry, token not in the message)", async () => {
    const { connector } = await setup({}, { managementToken: "CFPAT-wrong-secret-token" });
    const error = await connector.write("contentEntry", [landingPage("A")]).catch((e: unknown) => e);
    expect(isConnectorError(error) && error.reason).toBe("unauthorized");
    expect(String((error as Error).message)).not.toContain("CFPAT-wrong-secret-token");
    expect(connector.metrics().retries).toBe(0);
    expect((await connector.check()).ok).toBe(false);
  });

  it("reports a 422 per record, unknown SKUs as not_found, and retries injected 5xx", async () => {
    const { emulator, connector } = await setup({ faults: { default: { serverError: 0.2 } }, seed: 7 });
    await connector.write("product", [product("SKU-9")]);
    // A space admin tightened the content type: SEO titles at most 20 characters.
    const type = emulator.state.contentTypes.get("landingPage")!;
    type.fields.find((f) => f.id === "seoTitle")!.validations = [{ size: { max: 20 } }];
    const outcomes = await connector.write("contentEntry", [landingPage("OK-1"), landingPage("LONG", { seo: { title: "An SEO title far too long for it", description: null } }), landingPage("OK-2")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "failed", "created"]);
    expect(outcomes[1]!.issue).toMatchObject({ recordKey: "LONG", reason: "invalid", vendorCode: "ValidationFailed" });
    expect(outcomes[1]!.issue!.message).toContain("fields.seoTitle.en");
    const at = new Date().toISOString();
    const prices = await connector.write("price", [
      { key: "SKU-9:EUR", externalIds: {}, updatedAt: at, priceListKey: "EUR", sku: "SKU-9", price: { amount: 4999, currency: "EUR" }, tiers: [] },
      { key: "NOPE:EUR", externalIds: {}, updatedAt: at, priceListKey: "EUR", sku: "NOPE", price: { amount: 1, currency: "EUR" }, tiers: [] },
    ]);
    expect(prices.map((o) => o.status)).toEqual(["updated", "failed"]);
    expect(prices[1]!.issue).toMatchObject({ reason: "not_found", field: "sku" });
    expect(emulator.state.entries.get("product-page.cSKU-9")!.published!.fields.price).toEqual({ en: { amount: 4999, currency: "EUR", priceListKey: "EUR" } });
    expect(connector.metrics().retries).toBeGreaterThan(0);
  });
});
