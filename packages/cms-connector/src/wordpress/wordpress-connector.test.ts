import { describe, expect, inject, it } from "vitest";
import { isConnectorError, type ConnectorV1, type ContentEntry, type Page } from "@omnibridge/core-model";
import { createWordpressConnector } from "./wordpress-connector";
import { category, landingPage, product, runPrefix } from "./wordpress-test-helpers";

// Integration tests against the REAL WordPress started by scripts/wordpress/start.sh (globalSetup).
const credentials = inject("wordpress");
const connect = (extra: Record<string, unknown> = {}) => createWordpressConnector({ ...credentials, ...extra });

async function readAll(connector: ConnectorV1, cursor?: string | null, pageSize = 100) {
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { cursor, pageSize })) pages.push(page);
  return pages;
}
async function finalCursor(connector: ConnectorV1) {
  return (await readAll(connector)).at(-1)!.cursor;
}
async function rest(path: string) {
  const auth = Buffer.from(`${credentials.username}:${credentials.applicationPassword}`).toString("base64");
  const response = await fetch(`${credentials.url}/wp-json/wp/v2/${path}`, { headers: { Authorization: `Basic ${auth}` } });
  return { total: Number(response.headers.get("x-wp-total")), body: (await response.json()) as Array<{ id: number; meta: Record<string, unknown>; status: string }> };
}

describe("WordPress connector against a real WordPress", () => {
  it("checks credentials, and a wrong password is unauthorized without leaking it", async () => {
    const good = connect();
    expect((await good.check()).ok).toBe(true);
    const bad = connect({ applicationPassword: "wrong pass word xxxx yyyy zzzz" });
    const result = await bad.check();
    expect(result.ok).toBe(false);
    expect(result.message).not.toContain("wrong pass");
    const error = await readAll(bad).catch((e: unknown) => e);
    expect(isConnectorError(error) && error.reason).toBe("unauthorized");
    expect(bad.metrics().retries).toBe(0);
  });

  it("writes through /batch/v1 on WordPress 6.1: one call per 25 records, per-record outcomes", async () => {
    const connector = connect();
    const prefix = runPrefix("B");
    const products = Array.from({ length: 26 }, (_, n) => product(`${prefix}-${n}`));
    const before = connector.metrics().requests;
    const created = await connector.write("product", products);
    expect(created.every((o) => o.status === "created")).toBe(true);
    // index (once), lookup, two batch calls (25 + 1)
    expect(connector.metrics().requests - before).toBe(4);
    const stored = await rest(`product-pages?context=edit&per_page=100&omnibridge_key=${products.map((p) => `product-page:${p.key}`).join(",")}`);
    expect(stored.body.map((p) => p.meta.omnibridge_key).sort()).toEqual(products.map((p) => `product-page:${p.key}`).sort());
    const edited = products.map((p, i) => (i < 3 ? { ...p, name: { en: `Edited ${i}` } } : p));
    const mark = connector.metrics().requests;
    const outcomes = await connector.write("product", edited);
    expect(outcomes.filter((o) => o.status === "updated").map((o) => o.key)).toEqual(products.slice(0, 3).map((p) => p.key));
    expect(connector.metrics().requests - mark).toBe(2); // lookup + one batch call for the three updates
    const missing = await connector.write("contentEntry", [landingPage("wp-page-987654321")]);
    expect(missing[0]).toMatchObject({ status: "failed", issue: { reason: "not_found", vendorCode: "rest_post_invalid_id" } });
  });

  it("creates product pages, updates one, and a re-run creates no duplicates", async () => {
    const connector = connect();
    const prefix = runPrefix("P");
    const products = [1, 2, 3].map((n) => product(`${prefix}-${n}`));
    const first = await connector.write("product", products);
    expect(first.map((o) => o.status)).toEqual(["created", "created", "created"]);
    expect(first.map((o) => o.key)).toEqual(products.map((p) => p.key));
    expect((await connector.write("product", products)).map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const renamed = products.map((p, i) => (i === 1 ? { ...p, name: { en: "Renamed desk" } } : p));
    const third = await connector.write("product", renamed);
    expect(third.map((o) => o.status)).toEqual(["unchanged", "updated", "unchanged"]);
    expect(third[1]!.externalId).toBe(first[1]!.externalId);
    const { body } = await rest(`product-pages?omnibridge_sku=${products.map((p) => p.key).join(",")}&context=edit&status=publish,draft`);
    expect(body).toHaveLength(3);
    type Stored = { title: { raw: string }; meta: Record<string, string> };
    const page = body.find((post) => post.meta.omnibridge_sku === products[1]!.key) as unknown as Stored;
    expect(page.title.raw).toBe("Renamed desk");
    expect(page.meta.omnibridge_featured_image_url).toBe(`https://cdn.example.com/${products[1]!.key}.jpg`);
    expect(page.meta.omnibridge_seo_title).toBe(`Buy desk ${products[1]!.key}`);
  });

  it("reads deltas by cursor: only changes, ties kept, trash reported as deleted", async () => {
    const connector = connect();
    const start = await finalCursor(connector);
    const prefix = runPrefix("LP");
    const entries = Array.from({ length: 7 }, (_, n) => landingPage(`${prefix}-${n}`));
    expect((await connector.write("contentEntry", entries)).every((o) => o.status === "created")).toBe(true);
    await connector.write("category", [category(`${prefix}-CAT`)]);
    const pages = await readAll(connector, start, 3);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((p) => p.hasMore)).toBe(true);
    const keys = pages.flatMap((p) => p.items.map((i) => i.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining([...entries.map((e) => e.key), `category-page:${prefix}-CAT`]));
    const read = pages.flatMap((p) => p.items).find((i) => i.key === entries[0]!.key)!;
    expect(read).toMatchObject({ type: "landing_page", locale: "en", slug: entries[0]!.slug, status: "published", linkedSkus: ["SKU-1"], seo: { title: "Spring sale" } });

    const after = pages.at(-1)!.cursor;
    expect((await readAll(connector, after)).flatMap((p) => p.items)).toEqual([]);
    await connector.write("contentEntry", [{ ...entries[3]!, title: "Changed" }]);
    expect(await connector.archive("contentEntry", [entries[4]!.key])).toMatchObject([{ key: entries[4]!.key, status: "archived" }]);
    const delta = await readAll(connector, after);
    expect(delta.flatMap((p) => p.items.map((i) => i.key))).toEqual([entries[3]!.key]);
    expect(delta.flatMap((p) => p.deleted)).toEqual([entries[4]!.key]);
    // Writing the archived entry again restores the same post instead of creating a twin.
    expect((await connector.write("contentEntry", [entries[4]!]))[0]!.status).toBe("updated");
  });

  it("reports rejected and invalid records per record while the rest of the batch is written", async () => {
    const connector = connect();
    const prefix = runPrefix("REJ");
    const outcomes = await connector.write("contentEntry", [
      landingPage(`${prefix}-ok`),
      landingPage("wp-post-987654321"),
      landingPage(`${prefix}-bad`, { slug: "Not A Slug" }),
    ]);
    expect(outcomes[0]!.status).toBe("created");
    expect(outcomes[1]).toMatchObject({ status: "failed", issue: { recordKey: "wp-post-987654321", reason: "not_found", vendorCode: "rest_post_invalid_id" } });
    expect(outcomes[2]).toMatchObject({ status: "failed", issue: { recordKey: `${prefix}-bad`, field: "slug", reason: "invalid" } });
  });

  it("resolves featured media of posts omnibridge did not write (media endpoint)", async () => {
    const connector = connect();
    const start = await finalCursor(connector);
    const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.applicationPassword}`).toString("base64")}`;
    // A 1×1 PNG uploaded as an editor would: POST /wp/v2/media with the file as body.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const upload = await fetch(`${credentials.url}/wp-json/wp/v2/media`, {
      method: "POST", body: png, headers: { Authorization: auth, "Content-Type": "image/png", "Content-Disposition": `attachment; filename="${runPrefix("img").toLowerCase()}.png"` },
    });
    const media = (await upload.json()) as { id: number; source_url: string };
    expect(upload.status).toBe(201);
    const created = await fetch(`${credentials.url}/wp-json/wp/v2/posts`, {
      method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Story with an image", status: "publish", featured_media: media.id }),
    });
    const post = (await created.json()) as { id: number };
    const entries = (await readAll(connector, start)).flatMap((p) => p.items);
    expect(entries.find((e) => e.key === `wp-post-${post.id}`)).toMatchObject({ type: "product_story", featuredImageUrl: media.source_url });
  });

  it("updates price and availability meta by SKU; an unknown SKU fails not_found", async () => {
    const connector = connect();
    const sku = runPrefix("PR");
    await connector.write("product", [product(sku)]);
    const at = new Date().toISOString();
    const prices = await connector.write("price", [
      { key: `${sku}:EUR`, externalIds: {}, updatedAt: at, priceListKey: "EUR", sku, price: { amount: 12999, currency: "EUR" }, tiers: [] },
      { key: "NOPE:EUR", externalIds: {}, updatedAt: at, priceListKey: "EUR", sku: "NOPE-404", price: { amount: 1, currency: "EUR" }, tiers: [] },
    ]);
    expect(prices.map((o) => o.status)).toEqual(["updated", "failed"]);
    expect(prices[1]!.issue).toMatchObject({ reason: "not_found", field: "sku" });
    const stock = { key: `${sku}@WH1`, externalIds: {}, updatedAt: at, sku, locationKey: "WH1", onHand: 5, reserved: 0, available: 5, incoming: 0 };
    expect((await connector.write("stockLevel", [stock]))[0]!.status).toBe("updated");
    expect((await connector.write("stockLevel", [stock]))[0]!.status).toBe("unchanged");
    const { body } = await rest(`product-pages?omnibridge_sku=${sku}&context=edit`);
    expect(body[0]!.meta).toMatchObject({ omnibridge_price: 12999, omnibridge_currency: "EUR", omnibridge_availability: "in_stock" });
  });
});
