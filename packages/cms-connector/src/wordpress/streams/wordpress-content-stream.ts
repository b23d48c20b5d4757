import { mapRecords } from "@omnibridge/connector-kit";
import type { ContentEntry, Page } from "@omnibridge/core-model";
import { wordpressPostSchema, type WordpressPost } from "../wordpress-api";
import type { WordpressClient } from "../wordpress-client";
import { toContentEntry, wordpressKeyOf } from "../mappers/to-content-entry";
import type { WordpressMapContext } from "../mappers/wordpress-context";
import { advance, decodeWordpressCursor, encodeWordpressCursor, modifiedAfter, seen, type CollectionPosition } from "./wordpress-cursor";

/** Every status an authenticated reader may list; trash is read to report deletions. */
export const ALL_STATUSES = "publish,future,draft,pending,private,trash";

interface CollectionPage {
  items: ContentEntry[];
  issues: Page<ContentEntry>["issues"];
  deleted: string[];
  position: CollectionPosition;
}

function byModifiedThenId(a: WordpressPost, b: WordpressPost): number {
  return a.modified_gmt < b.modified_gmt ? -1 : a.modified_gmt > b.modified_gmt ? 1 : a.id - b.id;
}

/** Posts that fail the raw schema become issues naming the collection, id and field. */
function parsePosts(raws: unknown[], collection: string) {
  const posts: WordpressPost[] = [];
  const malformed: Page<ContentEntry>["issues"] = [];
  for (const raw of raws) {
    const parsed = wordpressPostSchema.safeParse(raw);
    if (parsed.success) posts.push(parsed.data);
    else {
      const id = (raw as { id?: unknown } | null)?.id;
      const issue = parsed.error.issues[0];
      malformed.push({ recordKey: `${collection}/${String(id ?? "?")}`, field: issue?.path.join(".") || undefined, reason: "invalid", message: issue?.message ?? "unexpected shape" });
    }
  }
  return { posts, malformed };
}

/** Featured images (posts without our image meta) and category terms of a page: one request each, when needed. */
async function lookups(client: WordpressClient, posts: WordpressPost[]) {
  const withMedia = posts.filter((post) => post.featured_media && !post.meta?.omnibridge_featured_image_url);
  const mediaIds = [...new Set(withMedia.map((post) => post.featured_media!))];
  const termIds = [...new Set(posts.flatMap((post) => post.categories ?? []))];
  return {
    mediaUrls: mediaIds.length ? await client.mediaUrls(mediaIds) : new Map<number, string>(),
    categorySlugs: termIds.length ? await client.termSlugs("categories", termIds) : new Map<number, string>(),
  };
}

function toPage(posts: WordpressPost[], start: CollectionPosition | undefined, context: WordpressMapContext): CollectionPage {
  let position = start;
  for (const post of posts) position = advance(position, post);
  const live = posts.filter((post) => post.status !== "trash");
  // Markup the canonical schema removes from a stored post (written by someone else, or before
  // the allowlist): mapRecords reports a warning naming record and field; the cleaned entry is delivered.
  const { items, issues } = mapRecords("contentEntry", live, (post) => toContentEntry(post, context), (post) => `${context.collection}/${post.id}`);
  return { items, issues, deleted: posts.filter((post) => post.status === "trash").map(wordpressKeyOf), position: position! };
}

/**
 * One collection from a position, oldest change first. Each request re-anchors on the
 * position (`modified_after` + `orderby=modified&order=asc`), so edits made during the read
 * move records forward instead of shifting page numbers under us; the page number only
 * grows while a page holds nothing new (a tie group larger than a page).
 * https://make.wordpress.org/core/2021/02/23/rest-api-changes-in-wordpress-5-7/ (modified_after)
 */
async function* readCollection(
  client: WordpressClient, context: WordpressMapContext, start: CollectionPosition | undefined, perPage: number, signal?: AbortSignal,
) {
  let position = start;
  for (let page = 1; ; ) {
    signal?.throwIfAborted();
    const result = await client.list(context.collection, {
      context: "edit", status: ALL_STATUSES, orderby: "modified", order: "asc", per_page: perPage, page, modified_after: modifiedAfter(position),
    });
    const { posts, malformed } = parsePosts(result.items, context.collection);
    const fresh = posts.filter((post) => !seen(position, post)).sort(byModifiedThenId);
    if (fresh.length > 0) {
      const mapped = toPage(fresh, position, { ...context, ...(await lookups(client, fresh)) });
      position = mapped.position;
      yield { ...mapped, issues: [...malformed, ...mapped.issues] };
      page = 1;
    } else if (page < result.totalPages) {
      if (malformed.length > 0 && position) yield { items: [], issues: malformed, deleted: [], position };
      page++;
    }
    else return;
  }
}

/** Options of {@link readContentEntries}. */
export interface ContentStreamOptions {
  collections: Array<Omit<WordpressMapContext, "system" | "locale">>;
  system: string;
  locale: string;
  cursor?: string | null;
  pageSize?: number;
  signal?: AbortSignal;
}

/** ContentEntry pages over every collection in turn; the cursor holds a position per collection. */
export async function* readContentEntries(client: WordpressClient, options: ContentStreamOptions): AsyncGenerator<Page<ContentEntry>> {
  const cursor = decodeWordpressCursor(options.cursor, options.system);
  const perPage = Math.min(100, Math.max(1, options.pageSize ?? 100));
  let held: Page<ContentEntry> | undefined;
  for (const collection of options.collections) {
    const context = { ...collection, system: options.system, locale: options.locale };
    for await (const page of readCollection(client, context, cursor.c[collection.collection], perPage, options.signal)) {
      cursor.c[collection.collection] = page.position;
      if (held) yield held;
      held = { items: page.items, issues: page.issues, deleted: page.deleted, cursor: encodeWordpressCursor(cursor), hasMore: true };
    }
  }
  yield held ? { ...held, hasMore: false } : { items: [], issues: [], deleted: [], cursor: encodeWordpressCursor(cursor), hasMore: false };
}
