import { isConnectorError } from "@omnibridge/core-model";
import { contentfulCollectionSchema, contentfulEntrySchema, type ContentfulEntry } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";

/** Ids per `sys.id[in]` request: entry ids are at most 64 characters, so 100 keep the URL near 6.5 kB. */
const IDS_PER_READ = 100;
/** Characters of the joined ids per request, for the URL bound whatever the ids' length. */
const ID_CHARS_PER_READ = 6_000;

/**
 * The entries the connector last saw — from its own reads and from its writes' responses — so a write
 * knows each entry's version, fields and metadata without a GET per entry. Bounded (least recently
 * used first out). A stale entry costs nothing wrong: its PUT answers 409 VersionMismatch and the
 * writer re-reads that one entry.
 */
export interface KnownEntries {
  /** The entries of these ids, reading the unknown ones in as few requests as the URL allows; missing ids are absent. */
  lookup(ids: readonly string[]): Promise<Map<string, ContentfulEntry>>;
  /** Read one entry again (after a 409); undefined when it no longer exists. */
  refresh(id: string): Promise<ContentfulEntry | undefined>;
  /** Remember an entry the CMA returned (a PUT, an unpublish) or one whose new version is known (a publish). */
  remember(entry: ContentfulEntry): void;
  forget(id: string): void;
}

/** Split ids into reads bounded by count and joined length. */
export function idChunks(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    if (current.length && (current.length >= IDS_PER_READ || chars + id.length + 1 > ID_CHARS_PER_READ)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += id.length + 1;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The known-entries store of one connector; `capacity` entries at most. */
export function createKnownEntries(client: ContentfulClient, capacity = 5_000): KnownEntries {
  const entries = new Map<string, ContentfulEntry>();
  const remember = (entry: ContentfulEntry) => {
    entries.delete(entry.sys.id);
    entries.set(entry.sys.id, entry);
    if (entries.size > capacity) entries.delete(entries.keys().next().value!);
  };

  // One request for a whole batch: `sys.id[in]` on the CMA collection (drafts and archived entries included).
  // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/entries/entries-collection
  async function read(ids: readonly string[]): Promise<void> {
    const page = await client.cma({
      method: "GET", path: "/entries", params: { "sys.id[in]": ids.join(","), limit: ids.length }, schema: contentfulCollectionSchema,
    });
    for (const raw of page.items) {
      const parsed = contentfulEntrySchema.safeParse(raw);
      // An item without the entry shape is left unknown: its write then learns the truth from the PUT (409 → re-read).
      if (parsed.success && ids.includes(parsed.data.sys.id)) remember(parsed.data);
    }
  }

  return {
    async lookup(ids) {
      const unique = [...new Set(ids)];
      const unknown = unique.filter((id) => !entries.has(id));
      for (const part of idChunks(unknown)) await read(part);
      const found = new Map<string, ContentfulEntry>();
      for (const id of unique) {
        const entry = entries.get(id);
        if (entry) found.set(id, entry);
      }
      return found;
    },
    async refresh(id) {
      try {
        const entry = await client.cma({ method: "GET", path: `/entries/${id}`, schema: contentfulEntrySchema });
        remember(entry);
        return entry;
      } catch (error) {
        if (!isConnectorError(error) || error.reason !== "not_found") throw error;
        entries.delete(id);
        return undefined;
      }
    },
    remember,
    forget: (id) => void entries.delete(id),
  };
}
