import { describe, expect, it } from "vitest";
import { contentEntrySchema } from "@omnibridge/core-model";
import { wordpressPostSchema } from "../wordpress-api";
import { toContentEntry } from "./to-content-entry";
import { fromContentEntry, fromProduct } from "./from-canonical";
import post from "../__fixtures__/post-edit-context.json";
import page from "../__fixtures__/page-edit-context.json";
import productPage from "../__fixtures__/product-page-edit-context.json";
import { landingPage, product } from "../wordpress-test-helpers";

const context = (collection: string, defaultType: "product_story" | "page" | "product_page") => ({ system: "wordpress", locale: "en", collection, defaultType });

describe("WordPress mappers", () => {
  it("maps a core post (not written by omnibridge) with a fallback key", () => {
    const entry = contentEntrySchema.parse(toContentEntry(wordpressPostSchema.parse(post), context("posts", "product_story")));
    expect(entry).toMatchObject({ key: "wp-post-1", type: "product_story", locale: "en", slug: "hello-world", title: "Hello world!", status: "published", linkedSkus: [], externalIds: { wordpress: "1" } });
    expect(entry.updatedAt).toBe(`${post.modified_gmt}.000Z`);
    expect(entry.body).toContain("Welcome to WordPress");
  });

  it("links the post's category terms by slug and resolves featured media", () => {
    const raw = wordpressPostSchema.parse({ ...post, featured_media: 9 });
    const entry = toContentEntry(raw, { ...context("posts", "product_story"), categorySlugs: new Map([[1, "uncategorized"]]), mediaUrls: new Map([[9, "http://127.0.0.1:8089/wp-content/uploads/a.png"]]) });
    expect(entry).toMatchObject({ linkedCategoryKeys: ["uncategorized"], featuredImageUrl: "http://127.0.0.1:8089/wp-content/uploads/a.png" });
  });

  it("maps a page and a product page with the SKU from meta", () => {
    expect(contentEntrySchema.parse(toContentEntry(wordpressPostSchema.parse(page), context("pages", "page")))).toMatchObject({ key: "wp-page-2", type: "page" });
    const entry = contentEntrySchema.parse(toContentEntry(wordpressPostSchema.parse(productPage), context("product-pages", "product_page")));
    expect(entry).toMatchObject({ type: "product_page", linkedSkus: ["SKU-1"] });
  });

  it("reports a post without a title as a mapping error on `title`", () => {
    const raw = wordpressPostSchema.parse({ ...post, title: { raw: "", rendered: "" } });
    expect(() => toContentEntry(raw, context("posts", "product_story"))).toThrow(/no title/);
  });

  it("builds a product page from a product in the configured locale", () => {
    const body = fromProduct(product("SKU-9", { name: { en: "Desk", "de-DE": "Tisch" } }), "de-DE");
    expect(body).toMatchObject({ title: "Tisch", slug: "sku-9", status: "publish", meta: { omnibridge_sku: "SKU-9", omnibridge_key: "product-page:SKU-9", omnibridge_locale: "de-DE" } });
    expect(body.excerpt).toBe("A solid oak desk, SKU-9.");
  });

  it("round-trips a landing page through the post body", () => {
    const entry = landingPage("LP-1", { linkedSkus: ["A", "B"] });
    const body = fromContentEntry(entry);
    const raw = wordpressPostSchema.parse({
      ...post, id: 77, type: "page", slug: body.slug, status: body.status, title: { raw: body.title }, content: { raw: body.content }, excerpt: { raw: body.excerpt }, meta: body.meta,
    });
    const back = contentEntrySchema.parse(toContentEntry(raw, context("pages", "page")));
    expect(back).toMatchObject({ key: "LP-1", type: "landing_page", title: entry.title, slug: entry.slug, linkedSkus: ["A", "B"], seo: { title: "Spring sale" } });
  });

  it("puts the price range and a row per variant after the description, and the lowest price and availability in meta", () => {
    const variants = [{ sku: "SKU-7-RED", optionValues: { color: "red" } }, { sku: "SKU-7-<B>", optionValues: { color: "blue & grey" } }]
      .map((v) => ({ ...v, attributes: {}, status: "active" as const, externalIds: {} }));
    const offers = [{ sku: "SKU-7-RED", price: { amount: 2999, currency: "EUR" }, available: 0 }, { sku: "SKU-7-<B>", price: { amount: 1999, currency: "EUR" }, available: 3 }];
    const body = fromProduct(product("SKU-7", { variants, offers }), "en");
    expect(body.excerpt).toBe("A solid oak desk, SKU-7.");
    expect(body.content).toContain('<p class="omnibridge-price-range">19.99–29.99 EUR</p>');
    expect(body.content).toContain('<tr data-sku="SKU-7-RED"><td>SKU-7-RED</td><td>color: red</td><td>29.99 EUR</td><td>Out of stock</td></tr>');
    expect(body.content).toContain("<td>SKU-7-&lt;B&gt;</td><td>color: blue &amp; grey</td><td>19.99 EUR</td><td>In stock</td>");
    expect(body.meta).toMatchObject({ omnibridge_price: 1999, omnibridge_currency: "EUR", omnibridge_availability: "in_stock", omnibridge_linked_skus: "SKU-7-RED,SKU-7-<B>" });
    expect(fromProduct(product("SKU-7", { variants, offers }), "en")).toEqual(body);
  });

  it("leaves price and stock meta alone for a product without offers", () => {
    const body = fromProduct(product("SKU-8"), "en");
    expect(body.content).toBe("<p>A solid oak desk, SKU-8.</p>");
    expect(Object.keys(body.meta)).not.toContain("omnibridge_price");
    expect(Object.keys(body.meta)).not.toContain("omnibridge_availability");
  });
});
