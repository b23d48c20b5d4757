import type { ContentEntry } from "@omnibridge/core-model";

/** Which canonical content type each collection holds by default. */
export type WordpressCollections = Record<string, ContentEntry["type"]>;

/** What WordPress mappers need besides the payload. */
export interface WordpressMapContext {
  /** System id for externalIds. */
  system: string;
  /** Canonical locale of the site's pages. */
  locale: string;
  /** REST base of the collection the record came from or goes to. */
  collection: string;
  /** Default content type of that collection. */
  defaultType: ContentEntry["type"];
  /** `source_url` of featured media by attachment id (resolved per page). */
  mediaUrls?: ReadonlyMap<number, string>;
  /** Slugs of `category` terms by id (resolved per page). */
  categorySlugs?: ReadonlyMap<number, string>;
}

/** Meta lists are stored comma-separated (one REST-queryable string per post). */
export function splitList(value: string | undefined | null): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}

/** WordPress `*_gmt` fields have no zone (`2026-11-23T11:24:27`); they are UTC. */
export function gmtToIso(value: string): string {
  return new Date(`${value.replace(" ", "T")}Z`).toISOString();
}

/** Canonical key of a post that omnibridge did not write: `wp-<post type>-<id>`. */
export function fallbackKey(type: string, id: number): string {
  return `wp-${type}-${id}`;
}

/** The post id encoded in a fallback key, if it is one. */
export function idFromFallbackKey(key: string): number | undefined {
  const match = /^wp-[a-z0-9_-]+?-(\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}
