import { createHash } from "node:crypto";

// Resource ids match /^[a-zA-Z0-9-_.]{1,64}$/.
// https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/resource-ids
const ESCAPES: Record<string, string> = { ".": ".d", ":": ".c", "@": ".a", "/": ".s" };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([raw, code]) => [code, raw]));

/**
 * The entry id of a canonical key, derived deterministically so `PUT /entries/{id}` is an
 * upsert. Reversible (`.` `:` `@` `/` are escaped); keys with other characters or too long
 * get a hash id (`h-…`), whose key is then only known from the entry's `key` field.
 */
export function entryIdFor(key: string): string {
  const escaped = key.replace(/[.:@/]/g, (char) => ESCAPES[char]!);
  if (/^[a-zA-Z0-9-_.]{1,64}$/.test(escaped) && !escaped.startsWith("h-")) return escaped;
  return `h-${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}

/** The canonical key of an entry id made by {@link entryIdFor}, or undefined for a hash id. */
export function keyForEntryId(id: string): string | undefined {
  if (id.startsWith("h-")) return undefined;
  return id.replace(/\.[dcas]/g, (code) => UNESCAPES[code]!);
}
