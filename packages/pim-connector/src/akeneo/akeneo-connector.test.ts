import { TokenBucket } from "@omnibridge/connector-kit";
import { ConnectorError } from "@omnibridge/core-model";
import { createWorld, mutateWorld } from "@omnibridge/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { startAkeneoEmulator, type AkeneoEmulator } from "../testing";
import { createAkeneoConnector } from "./akeneo-connector";
import type { AkeneoSettingsInput } from "./akeneo-settings";
import { keysOf, readPages } from "./akeneo-test-helpers";

let emulator: AkeneoEmulator | undefined;
const connectors: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close();
  await emulator?.stop();
  emulator = undefined;
});

async function setup(products = 60, options: Parameters<typeof startAkeneoEmulator>[0] = {}, extra: Partial<AkeneoSettingsInput> = {}) {
  const world = createWorld({ seed: 11, products });
  emulator = await startAkeneoEmulator({ world, ...options });
  const connector = createAkeneoConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000 }), retry: { minDelayMs: 5, maxDelayMs: 50 }, ...extra,
  });
  connectors.push(connector);
  return { world, emulator, connector };
}

const apiRequests = (e: AkeneoEmulator, path: string) => e.server.requests.filter((r) => r.path === `/api/rest/v1${path}`);

describe("akeneo reads", () => {
  it("reads products with search_after across many pages, following _links.next", async () => {
    const { connector, emulator: e, world } = await setup(300);
    const pages = await readPages(connector, "product", 7);
    expect(new Set(keysOf(pages)).size).toBe(300);
    expect(keysOf(pages).sort()).toEqual([...world.products()].map((p) => p.key).sort());
    expect(pages.length).toBeGreaterThan(40);
    const listed = [...apiRequests(e, "/product-models"), ...apiRequests(e, "/products-uuid")];
    expect(listed.every((r) => new URLSearchParams(r.query).get("pagination_type") === "search_after")).toBe(true);
    expect(listed.some((r) => new URLSearchParams(r.query).has("search_after"))).toBe(true);
    expect(listed.some((r) => new URLSearchParams(r.query).has("page"))).toBe(false);
    // Full read: simple products only in phase 1, variants come with their model.
    const simple = apiRequests(e, "/products-uuid").find((r) => !new URLSearchParams(r.query).has("search_after") && new URLSearchParams(r.query).get("search")?.includes("EMPTY"));
    expect(simple).toBeDefined();
  });

  it("resumes from a cursor after a crash without losing records", async () => {
    const { connector, emulator: e } = await setup(120);
    const all = keysOf(await readPages(connector, "product", 10));
    const first: string[] = [];
    let cursor: string | null = null;
    for await (const page of connector.read("product", { pageSize: 10 })) {
      first.push(...page.items.map((i) => i.key));
      cursor = page.cursor;
      if (first.length >= 30) break; // the process dies here
    }
    await connector.close();
    const resumed = createAkeneoConnector({ ...e.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000 }) });
    connectors.push(resumed);
    const rest = keysOf(await readPages(resumed, "product", 10, cursor));
    expect(new Set([...first, ...rest])).toEqual(new Set(all));
    expect(rest.filter((k) => first.includes(k))).toEqual([]);
  });

  it("delta reads return changed products once, across the boundary second", async () => {
    const { connector, emulator: e, world } = await setup(80);
    const full = await readPages(connector, "product", 20);
    const c1 = full.at(-1)!.cursor;
    const { changes } = mutateWorld(world, { changeRate: 0.1 });
    const changedKeys = changes.upserted.filter((u) => u.entity === "product").map((u) => u.record.key);
    await e.apply(changes);
    const delta = await readPages(connector, "product", 20, c1);
    expect(new Set(keysOf(delta))).toEqual(new Set(changedKeys));
    // A second change right away, likely within the same second as the boundary.
    const target = [...world.products()].find((p) => !changedKeys.includes(p.key) && p.variants.length > 0)!;
    const outcome = await connector.write("product", [{ ...target, variants: [{ ...target.variants[0]!, gtin: "4006381333931" }] }]);
    expect(outcome[0]!.status).toBe("updated");
    const delta2 = await readPages(connector, "product", 20, delta.at(-1)!.cursor);
    expect(keysOf(delta2)).toEqual([target.key]);
    const reread = delta2.flatMap((p) => p.items)[0]!;
    expect(reread.variants.find((v) => v.sku === target.variants[0]!.sku)?.gtin).toBe("4006381333931");
    const quiet = await readPages(connector, "product", 20, delta2.at(-1)!.cursor);
    expect(keysOf(quiet)).toEqual([]);
    // The delta filter is sent in the products' format.
    const filtered = apiRequests(e, "/products-uuid").map((r) => new URLSearchParams(r.query).get("search") ?? "").filter((s) => s.includes("updated"));
    expect(filtered.at(-1)).toMatch(/"value":"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);
  });

  it("reads categories (tree) and attributes with ISO updated filters", async () => {
    const { connector, emulator: e } = await setup(60);
    const categories = (await readPages(connector, "category", 8)).flatMap((p) => p.items);
    expect(categories.filter((c) => c.parentKey === null).length).toBe(6);
    const attributes = (await readPages(connector, "attribute", 5)).flatMap((p) => p.items);
    expect(attributes.find((a) => a.key === "color")?.options.length).toBeGreaterThan(2);
    expect(attributes.find((a) => a.key === "msrp")?.type).toBe("price");
    const next = await readPages(connector, "category", 8, (await readPages(connector, "category", 8)).at(-1)!.cursor);
    expect(keysOf(next)).toEqual([]);
    const search = apiRequests(e, "/categories").map((r) => new URLSearchParams(r.query).get("search")).find(Boolean);
    expect(search).toMatch(/"operator":">","value":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"/);
  });
});

describe("akeneo settings, cursors and media", () => {
  it("rejects bad settings naming the field, never the secret", () => {
    const call = () => createAkeneoConnector({ url: "ftp://pim", clientId: "c", secret: "s3cr3t-value", username: "u", password: "p" });
    expect(call).toThrow(ConnectorError);
    expect(call).toThrow(/url/);
    expect(() => createAkeneoConnector({ url: "https://pim.example.com", clientId: "c", secret: "", username: "u", password: "p" })).toThrow(/secret must not be empty/);
  });

  it("refuses a cursor of another kind or a foreign one", async () => {
    const { connector } = await setup(20);
    const cursor = (await readPages(connector, "category", 50)).at(-1)!.cursor;
    await expect(readPages(connector, "product", 10, cursor)).rejects.toMatchObject({ reason: "invalid" });
    await expect(readPages(connector, "product", 10, "not-a-cursor")).rejects.toMatchObject({ reason: "invalid" });
  });

  it("fetches media file metadata for assets when asked", async () => {
    const { emulator: e, world } = await setup(20, {}, {});
    const withMedia = createAkeneoConnector({ ...e.settings, mediaMetadata: true });
    connectors.push(withMedia);
    const products = (await readPages(withMedia, "product", 50)).flatMap((p) => p.items);
    const expected = [...world.products()].find((p) => p.assets[0]?.sizeBytes)!;
    const read = products.find((p) => p.key === expected.key)!;
    expect(read.assets[0]).toMatchObject({ role: "main", mimeType: "image/jpeg", sizeBytes: expected.assets[0]!.sizeBytes });
    expect(apiRequests(e, "/media-files").length + e.server.requests.filter((r) => r.path.startsWith("/api/rest/v1/media-files/")).length).toBeGreaterThan(0);
  });
});

describe("akeneo auth", () => {
  it("recovers from a token that expires mid-stream (401 with Akeneo's body → refresh grant)", async () => {
    const { connector, emulator: e } = await setup(100);
    let pages = 0;
    const keys: string[] = [];
    for await (const page of connector.read("product", { pageSize: 10 })) {
      keys.push(...page.items.map((i) => i.key));
      if (++pages === 2) e.auth.expireAll();
    }
    expect(new Set(keys).size).toBe(100);
    const expired = e.server.requests.filter((r) => r.status === 401);
    expect(expired.length).toBeGreaterThanOrEqual(1); // the page request and any prefetch in flight
    expect(expired.length).toBeLessThanOrEqual(4);
    expect(e.auth.grants).toEqual({ password: 1, refresh_token: 1 });
  });

  it("refreshes before expiry with a short token lifetime (no 401 at all)", async () => {
    const { connector, emulator: e } = await setup(40, { tokenLifetimeSeconds: 1 });
    for await (const _page of connector.read("product", { pageSize: 10 })) await new Promise((r) => setTimeout(r, 400));
    expect(e.auth.grants.refresh_token).toBeGreaterThanOrEqual(1);
    expect(e.server.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it("fails without retrying on bad credentials and never leaks secrets", async () => {
    const { emulator: e } = await setup(20);
    const bad = createAkeneoConnector({ ...e.settings, password: "wrong-password-123", rateBudget: new TokenBucket({ ratePerSecond: 1_000 }) });
    connectors.push(bad);
    const error = await readPages(bad, "product", 10).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).reason).toBe("unauthorized");
    expect(JSON.stringify((error as ConnectorError).toJSON())).not.toContain("wrong-password-123");
    expect(e.server.requests.filter((r) => r.path === "/api/oauth/v1/token").length).toBe(1);
    const check = await bad.check();
    expect(check.ok).toBe(false);
  });

  it("a revoked access token answers 401, is renewed once, then fails unauthorized without retries", async () => {
    const { connector, emulator: e } = await setup(20);
    await readPages(connector, "category", 10); // token and catalogue structure are cached now
    e.server.use((request) => (request.path.startsWith("/api/rest/v1/") ? { status: 401, body: { code: 401, message: "The access token provided is invalid." } } : undefined));
    const before = e.server.requestCount();
    const error = await readPages(connector, "category", 10).catch((err: unknown) => err);
    expect((error as ConnectorError).reason).toBe("unauthorized");
    expect(e.server.requestCount() - before).toBe(3); // GET → 401, token refresh, GET → 401
  });
});

describe("akeneo rate limits and faults", () => {
  it("waits Retry-After on 429 and then succeeds", async () => {
    const { connector, emulator: e } = await setup(30, { rateLimit: { limit: 4, windowMs: 1_000 } });
    const keys = keysOf(await readPages(connector, "product", 10));
    expect(new Set(keys).size).toBe(30);
    expect(connector.metrics().rateLimited).toBeGreaterThan(0);
    const log = e.server.requests;
    const limited = log.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const retriedAfter = log.slice(limited + 1).find((r) => r.path === log[limited]!.path && r.status === 200);
    expect(retriedAfter!.at - log[limited]!.at).toBeGreaterThanOrEqual(900);
  });

  it("retries injected 5xx faults and loses nothing", async () => {
    const { connector } = await setup(60, { faults: { default: { serverError: 0.15 } }, rateLimit: false });
    const keys = keysOf(await readPages(connector, "product", 10));
    expect(new Set(keys).size).toBe(60);
    expect(connector.metrics().retries).toBeGreaterThan(0);
  });
});
