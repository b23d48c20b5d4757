import sanitizeHtml from "sanitize-html";
import type { RecordIssue } from "../errors/record-issue";

/**
 * Allowlist sanitiser for rich text. Only the tags, attributes and URL schemes named here survive;
 * everything else is removed (the text inside a removed tag stays, except inside tags that hold
 * code or other documents). The parser decodes entities before a URL's scheme is checked, so
 * `&#106;avascript:` or `javascript&colon;` are caught like `javascript:`.
 * https://github.com/apostrophecms/sanitize-html#readme
 */
const RICH_TAGS = [
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "var",
  "sub", "sup", "small", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "abbr", "cite", "q", "dfn",
  "time", "span", "div", "section", "article", "aside", "header", "footer", "address", "details", "summary",
  "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "wbr", "bdi", "bdo", "ruby", "rt", "rp",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
];
const RICH_ATTRIBUTES: Record<string, string[]> = {
  "*": ["class", "title", "lang", "dir"],
  a: ["href", "name", "target", "rel", "hreflang"],
  img: ["src", "srcset", "sizes", "alt", "width", "height", "loading"],
  td: ["colspan", "rowspan", "headers"],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  blockquote: ["cite"],
  q: ["cite"],
  del: ["cite", "datetime"],
  ins: ["cite", "datetime"],
  time: ["datetime"],
  col: ["span"],
  colgroup: ["span"],
};
/** Schemes a link may use; images only load over http(s). Relative URLs carry no scheme and pass. */
const LINK_SCHEMES = ["http", "https", "mailto"];
const URL_ATTRIBUTES = ["href", "src", "cite"];
/** Disallowed tags whose content is code or another document: dropped with their content. */
const DROP_WITH_CONTENT = [
  "script", "style", "textarea", "option", "select", "noscript", "template", "iframe", "frame", "frameset", "object",
  "embed", "applet", "svg", "math", "xmp", "noembed", "noframes", "title", "head", "xml",
];

/** How strict a sanitising pass is: `rich` keeps the allowlisted markup, `plain` keeps text only. */
export type MarkupPolicy = "rich" | "plain";

/** The result of sanitising one string. */
export interface SanitizedMarkup {
  /** The safe value (the input itself when it carried no markup). */
  value: string;
  /** What was removed, e.g. `<script> element`, `onerror attribute on <img>`, `javascript: URL in <a href>`. */
  removed: string[];
}

function schemeOf(url: string): string | undefined {
  // Browsers ignore control characters and spaces inside a scheme (`jav\tascript:`).
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020]+/g, "").replace(/<!--[\s\S]*?-->/g, "");
  if (/^[/\\]{2}/.test(compact)) return "//";
  return /^([a-zA-Z][a-zA-Z0-9.+-]*):/.exec(compact)?.[1]?.toLowerCase();
}

const describeScheme = (url: string) => (schemeOf(url) === "//" ? "protocol-relative URL" : `${schemeOf(url)}: URL`);

function urlAllowed(tag: string, url: string): boolean {
  const scheme = schemeOf(url);
  if (scheme === undefined) return true;
  return (tag === "img" ? ["http", "https"] : LINK_SCHEMES).includes(scheme);
}

/** Describe what the allowlist will remove from one opening tag (attributes arrive entity-decoded). */
function findingsOf(policy: MarkupPolicy, tag: string, attributes: Record<string, string>): string[] {
  if (policy === "plain" || !RICH_TAGS.includes(tag)) return [`<${tag}> element`];
  const allowed = [...(RICH_ATTRIBUTES["*"] ?? []), ...(RICH_ATTRIBUTES[tag] ?? [])];
  const found: string[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!allowed.includes(name)) found.push(`${name} attribute on <${tag}>`);
    else if (URL_ATTRIBUTES.includes(name) && !urlAllowed(tag, value)) found.push(`${describeScheme(value)} in <${tag} ${name}>`);
    else if (name === "srcset" && value.split(",").some((part) => !urlAllowed("img", part.trim().split(/\s+/)[0] ?? ""))) {
      found.push(`disallowed URL in <${tag} srcset>`);
    }
  }
  return found;
}

function optionsFor(policy: MarkupPolicy, removed: string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: policy === "rich" ? RICH_TAGS : [],
    allowedAttributes: policy === "rich" ? RICH_ATTRIBUTES : {},
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesByTag: { img: ["http", "https"] },
    allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: DROP_WITH_CONTENT,
    parseStyleAttributes: false,
    onOpenTag: (tag, attributes) => removed.push(...findingsOf(policy, tag, attributes)),
  };
}

/** Undo the escaping the sanitiser applies to text (`&lt; &gt; &quot; &amp;`). */
const unescapeText = (value: string) =>
  value.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/**
 * Sanitise a string with the allowlist. A value without `<` cannot create an element, so it is
 * returned unchanged (plain text such as `Tom & Jerry` stays as it is). A value the parser reads as
 * text only (`Size < 10 cm`) is kept too; anything else is replaced by the sanitiser's output, whose
 * text and attribute values are re-escaped, so no parser difference can revive what was removed.
 * Idempotent: sanitising the result again changes nothing.
 */
export function sanitizeMarkup(value: string, policy: MarkupPolicy = "rich"): SanitizedMarkup {
  if (!value.includes("<")) return { value, removed: [] };
  // A record's texts are sanitised several times on their way (read, re-validated on write,
  // rendered): the last results are kept, bounded in count and size.
  const cacheKey = `${policy}:${value}`;
  const cached = recent.get(cacheKey);
  if (cached) return { value: cached.value, removed: [...cached.removed] };
  const result = sanitizeUncached(value, policy);
  if (value.length <= 65_536) {
    if (recent.size >= 512) recent.delete(recent.keys().next().value!);
    recent.set(cacheKey, result);
  }
  return { value: result.value, removed: [...result.removed] };
}

const recent = new Map<string, SanitizedMarkup>();

function sanitizeUncached(value: string, policy: MarkupPolicy): SanitizedMarkup {
  const removed: string[] = [];
  // The sanitiser escapes every `&` and `>`; where that cannot change meaning (`>` outside a tag, an
  // `&` that starts no character reference) the plain character is kept, so `<b>A</b> & B` stays as is.
  const clean = sanitizeHtml(value, optionsFor(policy, removed)).replace(/&gt;/g, ">").replace(/&amp;(?![a-zA-Z0-9#])/g, "&");
  const unique = [...new Set(removed)];
  if (!clean.includes("<") && unescapeText(clean) === value) return { value, removed: unique };
  return { value: clean, removed: unique };
}

/** Rich text (descriptions, bodies) reduced to the allowlisted markup. */
export const sanitizeRichText = (value: string): SanitizedMarkup => sanitizeMarkup(value, "rich");

/** Text for places that render HTML but should hold none (a CMS title): every tag removed. */
export const sanitizePlainText = (value: string): SanitizedMarkup => sanitizeMarkup(value, "plain");

const TAG = /<([a-zA-Z][^\s/>]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const FORBIDDEN_TAG = /^(?:script|iframe|object|embed|applet|form|input|button|meta|base|link|style|svg|math|frame|frameset|template)$/i;
const URL_NAMES = ["href", "src", "cite", "srcset", "action", "formaction", "background", "poster", "data", "xlink:href"];

function decodeReferences(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(Number.parseInt(dec, 10), 0x10ffff)))
    .replace(/&colon;/gi, ":").replace(/&tab;/gi, "\t").replace(/&newline;/gi, "\n").replace(/&quot;/g, '"').replace(/&amp;/gi, "&");
}

function attributeExecutable(name: string, quoted: string): boolean {
  if (name.startsWith("on") || name === "style") return true;
  if (!URL_NAMES.includes(name)) return false;
  const value = decodeReferences(quoted.replace(/^["']|["']$/g, ""));
  const urls = name === "srcset" ? value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "") : [value];
  return urls.some((url) => !urlAllowed("a", url));
}

/**
 * Independent check of markup that should already be safe: no executable element, no inline
 * handler or style, no URL with a scheme other than http, https or mailto (entity references
 * decoded first). The schema applies it after the allowlist; it only fires if the allowlist regressed.
 */
export function hasExecutableMarkup(value: string): boolean {
  for (const [, tag = "", rest = ""] of value.matchAll(TAG)) {
    if (FORBIDDEN_TAG.test(tag)) return true;
    for (const [, name = "", quoted = ""] of rest.matchAll(ATTRIBUTE)) if (attributeExecutable(name.toLowerCase(), quoted)) return true;
  }
  return false;
}

/** A string field of a record from which the allowlist removes markup. */
export interface MarkupFinding {
  /** Dotted path of the field (`description.en`, `variants.0.name.de-DE`). */
  field: string;
  /** What the allowlist removes from it. */
  removed: string[];
}

/**
 * Every string field of a (raw or canonical) record from which the rich-text allowlist removes
 * something, with its dotted path. Bounded: at most 100 findings, 32 levels deep.
 */
export function findUnsafeMarkup(record: unknown): MarkupFinding[] {
  const found: MarkupFinding[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (found.length >= 100 || path.length > 32) return;
    if (typeof value === "string") {
      const { removed } = sanitizeRichText(value);
      if (removed.length > 0) found.push({ field: path.join("."), removed });
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, String(index)]));
    else if (value && typeof value === "object") for (const [name, item] of Object.entries(value)) visit(item, [...path, name]);
  };
  visit(record, []);
  return found;
}

/**
 * Warnings for a record whose rich text carries markup the canonical schema removes. The schema
 * sanitises instead of rejecting, so the record is delivered, cleaned; these `warning` issues name
 * record and field: `description.en: removed unsafe markup (<script> element)`.
 */
export function markupWarnings(recordKey: string, record: unknown): RecordIssue[] {
  return findUnsafeMarkup(record).map((finding) => ({
    recordKey, field: finding.field, reason: "invalid" as const, severity: "warning" as const,
    message: `removed unsafe markup (${finding.removed.join(", ")})`,
  }));
}
