import { decodeCursor, encodeCursor, mapRecords } from "@omnibridge/connector-kit";
import { ConnectorError, type ContentEntry, type Page } from "@omnibridge/core-model";
import { z } from "zod";
import { contentfulSyncItemSchema, contentfulSyncPageSchema, type ContentfulSyncItem } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";
import { keyForEntryId } from "../contentful-ids";
import { canonicalTypeOf } from "../contentful-content-types";
import { entryLocales, toContentEntry, type ContentfulMapContext } from "../mappers/to-content-entry";

const cursorSchema = z.object({ syncToken: z.string().min(1) });

/** The `sync_token` of a `nextPageUrl` / `nextSyncUrl`. */
function tokenOf(url: string, system: string): string {
  const token = new URL(url).searchParams.get("sync_token");
  if (!token) throw new ConnectorError("protocol", `${system}: sync URL without sync_token`, { system });
  return token;
}

function mapPage(raws: unknown[], context: ContentfulMapContext) {
  const entries: Array<{ item: ContentfulSyncItem; locale: string }> = [];
  const deleted: string[] = [];
  for (const raw of raws) {
    const parsed = contentfulSyncItemSchema.safeParse(raw);
    if (!parsed.success) continue;
    const item = parsed.data;
    // Promotion and campaign entries (`promotion:`/`campaign:` ids) are not content entries, nor are their deletions.
    const key = keyForEntryId(item.sys.id) ?? item.sys.id;
    if (item.sys.type === "DeletedEntry" && !/^(promotion|campaign):/.test(key)) deleted.push(key);
    // Entries of other content types (a blog, navigation, …) are not content omnibridge syncs.
    if (item.sys.type !== "Entry" || !canonicalTypeOf(item.sys.contentType?.sys.id ?? "", item.fields?.kind?.[context.defaultLocale])) continue;
    for (const locale of entryLocales(item, context).locales) entries.push({ item, locale });
  }
  const mapped = mapRecords("contentEntry", entries, ({ item, locale }) => toContentEntry(item, locale, context), ({ item, locale }) => `${item.sys.id}@${locale}`);
  return { ...mapped, deleted };
}

/**
 * Content entries through the Sync API: `initial=true` first, then `nextPageUrl` pages; the
 * cursor is the vendor's own sync token (from `nextPageUrl` mid-way, `nextSyncUrl` at the end),
 * so a later read returns only what changed, deletions included. `limit` is fixed by the
 * initial call and stored in the token.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/synchronization
 */
export async function* readSync(client: ContentfulClient, context: ContentfulMapContext, options: { cursor?: string | null; pageSize?: number; signal?: AbortSignal }): AsyncGenerator<Page<ContentEntry>> {
  let params: Record<string, string | number | undefined> = options.cursor
    ? { sync_token: decodeCursor(options.cursor, cursorSchema, context.system).syncToken }
    : { initial: "true", limit: Math.min(1000, Math.max(1, options.pageSize ?? 500)) };
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await client.cda("/sync", params, contentfulSyncPageSchema);
    const next = page.nextPageUrl ?? page.nextSyncUrl;
    if (!next) throw new ConnectorError("protocol", `${context.system}: sync page without nextPageUrl or nextSyncUrl`, { system: context.system });
    const { items, issues, deleted } = mapPage(page.items, context);
    const hasMore = Boolean(page.nextPageUrl);
    yield { items, issues, deleted, cursor: encodeCursor({ syncToken: tokenOf(next, context.system) }), hasMore };
    if (!hasMore) return;
    // Only the token is taken from the next link: the delivery token never goes to another host.
    params = { sync_token: tokenOf(page.nextPageUrl!, context.system) };
  }
}
