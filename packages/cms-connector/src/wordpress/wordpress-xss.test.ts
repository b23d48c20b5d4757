import { readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ContentEntry, Product, WriteOutcome } from "@omnibridge/core-model";
import { createWordpressConnector } from "./wordpress-connector";
import { landingPage, product, runPrefix } from "./wordpress-test-helpers";

// Issue 18 #1 against the REAL WordPress (scripts/wordpress/start.sh, globalSetup): records carrying
// every vector of the XSS corpus (core-model test/xss, SOURCES.md there) are written through the
// connector's public API and what WordPress stored is read back over REST.
interface Vector { id: string; source: string; vector: string }
const corpus = JSON.parse(readFileSync(new URL("../../../core-model/test/xss/xss-vectors.json", import.meta.url), "utf8")) as Vector[];
const credentials = inject("wordpress");
const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.applicationPassword}`).toString("base64")}`;

// What must never be stored: an independent check, not the sanitiser's own tables.
const EXECUTABLE_TAG = /<\s*\/?\s*(?:script|iframe|object|embed|applet|form|input|button|select|textarea|meta|base|link|style|svg|math|frame|frameset|template|noscript|xml|bgsound|marquee)\b/i;
const TAG = /<([a-zA-Z][^\s/>]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g;
const URL_ATTRIBUTES = ["href", "src", "srcset", "cite", "action", "formaction", "background", "data", "xlink:href", "poster", "dynsrc", "lowsrc"];

const decode = (value: string) => value
  .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
  .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
  .replace(/&colon;/gi, ":").replace(/&tab;/gi, "\t").replace(/&newline;/gi, "\n").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

function executableParts(html: string): string[] {
  const found: string[] = [];
  const tag = EXECUTABLE_TAG.exec(html);
  if (tag) found.push(`tag ${tag[0]}`);
  for (const [, name = "", rest = ""] of html.matchAll(TAG)) {
    for (const [, attribute = "", quoted = ""] of rest.matchAll(ATTRIBUTE)) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith("on") || lower === "style") found.push(`${lower} on <${name}>`);
      if (!URL_ATTRIBUTES.includes(lower)) continue;
      for (const url of decode(quoted.replace(/^["']|["']$/g, "")).split(",")) {
        // eslint-disable-next-line no-control-regex
        const compact = url.trim().replace(/[\u0000-\u0020]+/g, "");
        const scheme = /^([a-z][a-z0-9.+-]*):/i.exec(compact)?.[1]?.toLowerCase();
        if (/^[/\\]{2}/.test(compact) || (scheme && !["http", "https", "mailto"].includes(scheme))) found.push(`${lower}=${compact.slice(0, 24)} on <${name}>`);
      }
    }
  }
  return found;
}

interface StoredPost {
  id: number;
  title: { raw: string; rendered: string };
  content: { raw: string; rendered: string };
  excerpt: { raw: string; rendered: string };
  meta: Record<string, unknown>;
}

/** Every stored text of a post (raw as saved, rendered as served) with what is executable in it. */
function findings(post: StoredPost): string[] {
  const texts: Record<string, string> = {
    "title.raw": post.title.raw, "title.rendered": post.title.rendered, "content.raw": post.content.raw, "content.rendered": post.content.rendered,
    "excerpt.raw": post.excerpt.raw, "excerpt.rendered": post.excerpt.rendered,
    ...Object.fromEntries(Object.entries(post.meta).filter(([, v]) => typeof v === "string").map(([k, v]) => [`meta.${k}`, v as string])),
  };
  return Object.entries(texts).flatMap(([field, text]) => executableParts(text).map((part) => `${post.id} ${field}: ${part}`));
}

async function stored(collection: string, metaFilter: string, values: string[]): Promise<StoredPost[]> {
  const posts: StoredPost[] = [];
  for (let i = 0; i < values.length; i += 50) {
    const query = `${metaFilter}=${encodeURIComponent(values.slice(i, i + 50).join(","))}&context=edit&status=publish,draft&per_page=100`;
    const response = await fetch(`${credentials.url}/wp-json/wp/v2/${collection}?${query}`, { headers: { Authorization: auth } });
    expect(response.status).toBe(200);
    posts.push(...((await response.json()) as StoredPost[]));
  }
  return posts;
}

/** Posts this file created: deleted for good afterwards (trash would still be read by every later test). */
const created: Array<{ collection: string; id: string }> = [];
afterAll(async () => {
  for (const { collection, id } of created.splice(0)) {
    await fetch(`${credentials.url}/wp-json/wp/v2/${collection}/${id}?force=true`, { method: "DELETE", headers: { Authorization: auth } });
  }
}, 600_000);

async function writeAll<T>(entity: "product" | "contentEntry", records: T[]): Promise<WriteOutcome[]> {
  const connector = createWordpressConnector(credentials);
  const outcomes: WriteOutcome[] = [];
  // 25 per call: the connector's maxBatchSize.
  for (let i = 0; i < records.length; i += 25) outcomes.push(...(await connector.write(entity, records.slice(i, i + 25) as never)));
  await connector.close();
  const collection = entity === "product" ? "product-pages" : "pages";
  for (const outcome of outcomes) if (outcome.externalId) created.push({ collection, id: outcome.externalId });
  return outcomes;
}

describe("WordPress: the XSS corpus stores nothing executable (issue 18 #1)", () => {
  it("the check sees what an unsanitised write would store (control, written over REST directly)", async () => {
    const vector = corpus.find((v) => v.id === "issue-a-href-decimal-j")!.vector;
    const response = await fetch(`${credentials.url}/wp-json/wp/v2/posts?context=edit`, {
      method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "XSS control", content: vector, status: "draft" }),
    });
    const post = (await response.json()) as StoredPost;
    expect(response.status).toBe(201);
    // An administrator's Application Password stores markup unfiltered: the threat is real.
    expect(post.content.raw).toBe(vector);
    expect(findings(post)).not.toEqual([]);
    await fetch(`${credentials.url}/wp-json/wp/v2/posts/${post.id}?force=true`, { method: "DELETE", headers: { Authorization: auth } });
  });

  it("products: description, name and SEO texts carrying each vector", { timeout: 600_000 }, async () => {
    const prefix = runPrefix("XSS");
    const products: Product[] = corpus.map((v, n) => product(`${prefix}-${n}`, {
      name: { en: `Desk ${n} ${v.vector.length <= 150 ? v.vector : ""}` },
      description: { en: `<p>Oak desk ${v.id}.</p>${v.vector}` },
      seo: { title: { en: v.vector.length <= 200 ? v.vector : "x" }, description: { en: v.vector.length <= 900 ? v.vector : "y" } },
    }));
    const outcomes = await writeAll("product", products);
    expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
    expect(outcomes.map((o) => o.key)).toEqual(products.map((p) => p.key));
    // Each removal is a warning naming the record and field; the product itself is written.
    const decimalJ = outcomes[corpus.findIndex((v) => v.id === "issue-a-href-decimal-j")]!;
    expect(decimalJ).toMatchObject({ status: "created", issue: { severity: "warning", recordKey: decimalJ.key, field: "name.en" } });
    expect(decimalJ.issue?.message).toContain("description.en: removed unsafe markup (javascript: URL in <a href>)");
    expect(outcomes.filter((o) => o.issue?.severity === "warning").length).toBeGreaterThanOrEqual(95);

    const posts = await stored("product-pages", "omnibridge_sku", products.map((p) => p.key));
    expect(posts).toHaveLength(products.length);
    expect(posts.flatMap(findings)).toEqual([]);
    // The safe part of every description survived.
    expect(posts.every((post) => /<p>Oak desk [\w-]+\.<\/p>/.test(post.content.raw))).toBe(true);
  });

  it("content entries: body, title, excerpt and SEO texts carrying each vector", { timeout: 600_000 }, async () => {
    const prefix = runPrefix("XSSLP");
    const entries: ContentEntry[] = corpus.map((v, n) => landingPage(`${prefix}-${n}`, {
      title: `Landing ${n} ${v.vector.length <= 150 ? v.vector : ""}`,
      body: `<p>Spring ${v.id}</p>${v.vector}`,
      excerpt: v.vector.length <= 1500 ? v.vector : "e",
      seo: { title: v.vector.length <= 200 ? v.vector : "t", description: v.vector.length <= 900 ? v.vector : "d" },
    }));
    const outcomes = await writeAll("contentEntry", entries);
    expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
    const posts = await stored("pages", "omnibridge_key", entries.map((e) => e.key));
    expect(posts).toHaveLength(entries.length);
    expect(posts.flatMap(findings)).toEqual([]);
  });
});
