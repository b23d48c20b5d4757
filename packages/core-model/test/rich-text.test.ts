import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  entitySchemas, hasExecutableMarkup, markupWarnings, safeText, sanitizePlainText, sanitizeRichText, type EntityKind,
} from "../src";
import { sample, type LooseRecord as Loose } from "./fixtures";

interface Vector { id: string; source: string; vector: string }
const corpus = JSON.parse(readFileSync(new URL("./xss/xss-vectors.json", import.meta.url), "utf8")) as Vector[];

// Independent of the sanitiser's own tables: what must never appear in stored markup.
const EXECUTABLE_TAG = /<\s*\/?\s*(?:script|iframe|object|embed|applet|form|input|button|select|textarea|meta|base|link|style|svg|math|frame|frameset|template|noscript|xml|bgsound|marquee|video|audio|source)\b/i;
const TAG = /<([a-zA-Z][^\s/>]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g;

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&colon;/gi, ":").replace(/&tab;/gi, "\t").replace(/&newline;/gi, "\n").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** Everything executable found in `html`: tags, handlers, styles, URLs other than http/https/mailto/relative. */
function executableParts(html: string): string[] {
  const found: string[] = [];
  if (EXECUTABLE_TAG.test(html)) found.push(`tag ${EXECUTABLE_TAG.exec(html)?.[0]}`);
  for (const [, tag = "", rest = ""] of html.matchAll(TAG)) {
    for (const [, name = "", quoted = ""] of rest.matchAll(ATTRIBUTE)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith("on")) found.push(`${attribute} on <${tag}>`);
      if (attribute === "style") found.push(`style on <${tag}>`);
      if (["href", "src", "srcset", "cite", "action", "formaction", "background", "data", "xlink:href", "poster", "dynsrc", "lowsrc"].includes(attribute)) {
        for (const url of decode(quoted.replace(/^["']|["']$/g, "")).split(",")) {
          // eslint-disable-next-line no-control-regex
          const compact = url.trim().replace(/[\u0000-\u0020]+/g, "");
          const scheme = /^([a-z][a-z0-9.+-]*):/i.exec(compact)?.[1]?.toLowerCase();
          if (/^[/\\]{2}/.test(compact) || (scheme && !["http", "https", "mailto"].includes(scheme))) found.push(`${attribute}=${compact.slice(0, 30)} on <${tag}>`);
        }
      }
    }
  }
  return found;
}

describe("rich-text sanitiser against the XSS corpus (test/xss/SOURCES.md)", () => {
  it("has the documented corpus", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((v) => v.source))).toEqual(new Set(["owasp", "issue-18", "own"]));
    // The corpus is meaningful: the raw vectors are executable by the same check.
    const raw = corpus.filter((v) => executableParts(v.vector).length > 0);
    expect(raw.length).toBeGreaterThanOrEqual(95);
  });

  it.each(corpus.map((v) => [v.id, v.vector] as const))("%s: nothing executable survives", (_, vector) => {
    const { value } = sanitizeRichText(vector);
    expect(executableParts(value)).toEqual([]);
    expect(hasExecutableMarkup(value)).toBe(false);
    // Idempotent: the engine hashes what it writes; a second pass must change nothing.
    expect(sanitizeRichText(value).value).toBe(value);
    expect(sanitizeRichText(value).removed).toEqual([]);
  });

  it.each(corpus.map((v) => [v.id, v.vector] as const))("%s: plain policy leaves no element at all", (_, vector) => {
    expect(sanitizePlainText(vector).value).not.toMatch(/<[a-zA-Z!/?]/);
  });

  it("names what it removed for the issue's vectors", () => {
    const removed = (id: string) => sanitizeRichText(corpus.find((v) => v.id === id)!.vector).removed;
    expect(removed("issue-a-href-decimal-j")).toEqual(["javascript: URL in <a href>"]);
    expect(removed("issue-a-href-colon-entity")).toEqual(["javascript: URL in <a href>"]);
    expect(removed("issue-a-href-data-html")).toEqual(["data: URL in <a href>"]);
    expect(removed("issue-form-action")).toEqual(["<form> element", "<input> element", "<button> element"]);
    expect(removed("issue-meta-refresh")).toEqual(["<meta> element"]);
    expect(removed("issue-base-href")).toEqual(["<base> element"]);
    expect(removed("default-src-missing")).toEqual(["onmouseover attribute on <img>"]);
    expect(removed("a-protocol-relative-backslash")).toEqual(["protocol-relative URL in <a href>"]);
  });
});

describe("rich-text sanitiser keeps what is safe", () => {
  it("keeps allowlisted markup and http, https, mailto and relative links", () => {
    const html = '<h2>Oak</h2><p class="lead">A <strong>solid</strong> <a href="https://example.com/x?a=1&amp;b=2" title="More">desk</a>, '
      + '<a href="/care">care</a>, <a href="mailto:shop@example.com">mail</a>, <a href="#size">size</a>.</p>'
      + '<ul><li>120 cm</li></ul><img src="https://cdn.example.com/a.jpg" alt="Desk" width="640" />'
      + "<table><tbody><tr><td colspan=\"2\">x</td></tr></tbody></table>";
    expect(sanitizeRichText(html)).toEqual({ value: html, removed: [] });
  });

  it.each(["Tom & Jerry", "Size < 10 cm", "5 > 3 && 2 < 4", "a &lt;script&gt; b", "Müller & Söhne", "Learn javascript: the good parts", "Buy online = save"])(
    "keeps text without markup exactly: %s", (text) => {
      expect(sanitizeRichText(text)).toEqual({ value: text, removed: [] });
      expect(sanitizePlainText(text)).toEqual({ value: text, removed: [] });
    },
  );

  it("plain policy keeps the text of removed tags", () => {
    expect(sanitizePlainText("<b>Oak</b> desk <script>alert(1)</script>")).toEqual({ value: "Oak desk ", removed: ["<b> element", "<script> element"] });
  });
});

describe("canonical boundary: unsafe markup is removed, the record still flows, warnings name record and field", () => {
  type Case = [EntityKind, string, (r: Loose) => void, string, (r: Loose) => unknown];
  const cases: Case[] = [
    ["product", "<script> in a description", (r) => { r.description = { en: "<p>Hi</p><script>alert(1)</script>" }; }, "description.en", (r) => r.description.en],
    ["product", "inline handler", (r) => { r.description = { en: '<img src=x onerror="alert(1)">' }; }, "description.en", (r) => r.description.en],
    ["product", "slash-separated handler", (r) => { r.description = { en: '<img/src="x"/onerror=alert(1)>' }; }, "description.en", (r) => r.description.en],
    ["product", "quote-adjacent handler", (r) => { r.description = { en: '<a href="x"onclick="alert(1)">x</a>' }; }, "description.en", (r) => r.description.en],
    ["product", "<iframe> in a channel description", (r) => { r.channels = [{ channel: "web", enabled: true, description: { en: "<iframe src=//x>" } }]; }, "channels.0.description.en", (r) => r.channels[0].description.en],
    ["product", "entity-encoded javascript: link", (r) => { r.description = { en: '<a href="&#106;avascript:alert(1)">x</a>' }; }, "description.en", (r) => r.description.en],
    ["product", "<meta refresh> in an attribute text", (r) => { r.attributes.care = [{ type: "text", value: '<meta http-equiv="refresh" content="0;url=https://evil.example">Oil' }]; }, "attributes.care.0.value", (r) => r.attributes.care[0].value],
    ["customer", "<script> in a name", (r) => { r.lastName = "Lovelace<script>x</script>"; }, "lastName", (r) => r.lastName],
    ["contentEntry", "<script> in the body", (r) => { r.body = "<p>x</p><SCRIPT src=//evil.example></SCRIPT>"; }, "body", (r) => r.body],
  ];

  it.each(cases)("%s: %s", (kind, _, breakIt, field, pick) => {
    const record = sample(kind) as Loose;
    breakIt(record);
    const raw = String(pick(record));
    const parsed = entitySchemas[kind].safeParse(record);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const stored = String(pick(parsed.data as Loose));
    expect(stored).toBe(sanitizeRichText(raw).value);
    expect(executableParts(stored)).toEqual([]);
    const warnings = markupWarnings(record.key, record);
    expect(warnings.map((w) => w.field)).toEqual([field]);
    expect(warnings[0]).toMatchObject({ recordKey: record.key, field, severity: "warning", reason: "invalid" });
    expect(warnings[0]!.message).toMatch(/^removed unsafe markup \(.+\)$/);
  });

  it("a field that is empty once cleaned still fails its own rule, naming the field", () => {
    const company = sample("company") as Record<string, unknown>;
    company.name = "<script>alert(1)</script>";
    const parsed = entitySchemas.company.safeParse(company);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["name"]);
  });

  it("rejects an oversize value before parsing it, with one issue", () => {
    const result = safeText(10).safeParse(`<b>${"x".repeat(20)}</b>`);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["must be at most 10 characters"]);
  });

  it("a clean record carries no warnings and is returned unchanged", () => {
    const record = sample("product");
    expect(markupWarnings(record.key, record)).toEqual([]);
    expect(entitySchemas.product.parse(record).description).toEqual(record.description);
  });
});
