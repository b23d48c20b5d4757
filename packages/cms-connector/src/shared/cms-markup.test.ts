import { describe, expect, it } from "vitest";
import { fromContentEntry, fromProduct } from "../wordpress/mappers/from-canonical";
import { landingPage, product } from "../wordpress/wordpress-test-helpers";
import { cmsMarkup, plainExcerpt } from "./cms-markup";

describe("cms markup (rendering canonical text for a CMS)", () => {
  it("keeps allowlisted rich text and plain titles unchanged, without warnings", () => {
    const markup = cmsMarkup("SKU-1");
    expect(markup.rich("description.en", '<p>Oak <a href="https://example.com">desk</a></p>')).toBe('<p>Oak <a href="https://example.com">desk</a></p>');
    expect(markup.plain("name.en", "Tom & Jerry's desk")).toBe("Tom & Jerry's desk");
    expect(markup.warnings).toEqual([]);
  });

  it("removes unsafe markup and names record and field in a warning", () => {
    const markup = cmsMarkup("SKU-1");
    expect(markup.rich("description.en", '<p>x</p><a href="javascript&colon;alert(1)">y</a>')).toBe("<p>x</p><a>y</a>");
    expect(markup.plain("name.en", "<b>Oak</b> desk")).toBe("Oak desk");
    expect(markup.warnings).toEqual([
      { recordKey: "SKU-1", field: "description.en", reason: "invalid", severity: "warning", message: "removed markup the CMS must not store (javascript: URL in <a href>)" },
      { recordKey: "SKU-1", field: "name.en", reason: "invalid", severity: "warning", message: "removed markup the CMS must not store (<b> element)" },
    ]);
  });

  it("builds excerpts as escaped plain text, cut at a word and never inside an entity", () => {
    expect(plainExcerpt("<p>Solid &amp; <b>oak</b></p><p>desk</p>")).toBe("Solid & oak desk");
    expect(plainExcerpt("<p>a < b</p><script>alert(1)</script>")).toBe("a &lt; b");
    const long = plainExcerpt(`<p>${"word ".repeat(80)}</p>`, 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("WordPress mappers render through it", () => {
  it("a product page stores no unsafe markup in title, content, excerpt or SEO meta and names each field", () => {
    const markup = cmsMarkup("SKU-X");
    const body = fromProduct(product("SKU-X", {
      name: { en: 'Desk <img src=x onerror="alert(1)">' },
      description: { en: '<p>Oak</p><form action="https://evil.example"><button>Pay</button></form>' },
      seo: { title: { en: "<script>x</script>Buy" }, description: { en: '<base href="https://evil.example/">Cheap' } },
    }), "en", markup);
    expect(body).toMatchObject({ title: "Desk ", content: "<p>Oak</p>Pay", excerpt: "Cheap", meta: { omnibridge_seo_title: "Buy", omnibridge_seo_description: "Cheap" } });
    expect(markup.warnings.map((w) => w.field)).toEqual(["name.en", "description.en", "seo.description.en", "seo.title.en"]);
  });

  it("a content entry keeps safe rich text in body and excerpt", () => {
    const entry = landingPage("LP-X", { body: '<p>Spring <em>sale</em></p><meta http-equiv="refresh" content="0">', excerpt: "<em>Spring</em>" });
    const markup = cmsMarkup(entry.key);
    expect(fromContentEntry(entry, markup)).toMatchObject({ content: "<p>Spring <em>sale</em></p>", excerpt: "<em>Spring</em>" });
    expect(markup.warnings).toMatchObject([{ recordKey: "LP-X", field: "body", severity: "warning" }]);
  });
});
