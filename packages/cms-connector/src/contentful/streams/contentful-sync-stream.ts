import { decodeCursor, encodeCursor, mapRecords } from "@omnibridge/connector-kit";
import { ConnectorError, type AssetFile, type ContentEntry, type Page, type RecordIssue, type SkippedCount } from "@omnibridge/core-model";
import { z } from "zod";
import { contentfulSyncItemSchema, contentfulSyncPageSchema, type ContentfulSyncItem } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";
import { keyForEntryId } from "../contentful-ids";
import { canonicalTypeOf } from "../contentful-content-types";
import { assetKeyOf, toAssetFiles } from "../mappers/to-asset-file";
import { entryLocales, toContentEntry, type ContentfulMapContext } from "../mappers/to-content-entry";

const cursorSchema = z.object({ syncToken: z.string().min(1) });

/** Most pages one read follows: a vendor handing out fresh `nextPageUrl`s forever ends with an error, not an endless read. */
export const MAX_SYNC_PAGES = 50_000;
/** Vendor ids listed per skip reason (enough to look a few up). */
const EXAMPLES = 5;

/** The `sync_token` of a `nextPageUrl` / `nextSyncUrl`. */
function tokenOf(url: string, system: string): string {
  const token = new URL(url).searchParams.get("sync_token");
  if (!token) throw new ConnectorError("protocol", `${system}: sync URL without sync_token`, { system });
  return token;
}

/** Counts skips per reason, keeping a few example ids. */
function skipCounter() {
  const counts = new Map<string, SkippedCount>();
  return {
    add(reason: string, id: string) {
      const entry = counts.get(reason) ?? { reason, count: 0, examples: [] };
      entry.count += 1;
      if (entry.examples!.length < EXAMPLES) entry.examples!.push(id);
      counts.set(reason, entry);
    },
    list: () => [...counts.values()],
  };
}

/** A sync item of the documented shape, or undefined with an issue naming it (its id, else its position). */
function syncItemOf(raw: unknown, index: number, issues: RecordIssue[]): ContentfulSyncItem | undefined {
  const parsed = contentfulSyncItemSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const id = (raw as { sys?: { id?: unknown } } | null)?.sys?.id;
  const first = parsed.error.issues[0];
  issues.push({
    recordKey: typeof id === "string" ? id : `sync item #${index}`, field: first?.path.join(".") || undefined, reason: "invalid",
    message: `sync item does not have the documented shape: ${first?.message}`,
  });
  return undefined;
}

const isMarketing = (key: string) => /^(promotion|campaign):/.test(key);

/**
 * One sync page → content entries, issues, deletions and counted skips; every vendor item ends
 * up in exactly one of them. Not delivered, and counted: entries of content types omnibridge
 * does not map (`unmapped_content_type`), promotion/campaign entries and their deletions
 * (`marketing_entry`, `marketing_entry_deleted`: written by omnibridge, not content entries),
 * assets and asset deletions (`asset`, `asset_deleted`: assets are not read as content),
 * other item types (`unsupported_item_type`).
 */
function mapPage(raws: unknown[], context: ContentfulMapContext) {
  const entries: Array<{ item: ContentfulSyncItem; locale: string }> = [];
  const deleted: string[] = [];
  const issues: RecordIssue[] = [];
  const skipped = skipCounter();
  for (const [index, raw] of raws.entries()) {
    const item = syncItemOf(raw, index, issues);
    if (!item) continue;
    const key = keyForEntryId(item.sys.id) ?? item.sys.id;
    switch (item.sys.type) {
      case "DeletedEntry":
        if (isMarketing(key)) skipped.add("marketing_entry_deleted", item.sys.id);
        else deleted.push(key);
        continue;
      case "Asset":
        skipped.add("asset", item.sys.id);
        continue;
      case "DeletedAsset":
        skipped.add("asset_deleted", item.sys.id);
        continue;
      case "Entry":
        break;
      default:
        skipped.add("unsupported_item_type", item.sys.id);
        continue;
    }
    const contentType = item.sys.contentType?.sys.id ?? "";
    if (contentType === "promotion" || contentType === "campaign") skipped.add("marketing_entry", item.sys.id);
    else if (!canonicalTypeOf(contentType, item.fields?.kind?.[context.defaultLocale])) skipped.add("unmapped_content_type", item.sys.id);
    else {
      const { locales } = entryLocales(item, context);
      if (locales.length === 0) issues.push({ recordKey: key, field: "fields.title", reason: "invalid", message: `entry ${item.sys.id} has no title in any locale` });
      for (const locale of locales) entries.push({ item, locale });
    }
  }
  const mapped = mapRecords("contentEntry", entries, ({ item, locale }) => toContentEntry(item, locale, context), ({ item, locale }) => `${item.sys.id}@${locale}`);
  return { items: mapped.items, issues: [...issues, ...mapped.issues], deleted, skipped: skipped.list() };
}

/** Options of {@link readSync}. */
export interface SyncReadOptions {
  cursor?: string | null;
  pageSize?: number;
  signal?: AbortSignal;
  /** Page ceiling of one read (default {@link MAX_SYNC_PAGES}). */
  maxPages?: number;
}

/**
 * Content entries through the Sync API: `initial=true` first, then `nextPageUrl` pages; the
 * cursor is the vendor's own sync token (from `nextPageUrl` mid-way, `nextSyncUrl` at the end),
 * so a later read returns only what changed, deletions included. `limit` is fixed by the
 * initial call and stored in the token. A `nextPageUrl` whose token was already requested in
 * this read (a link to itself, a cycle) or a read past the page ceiling stops with a
 * `protocol` error instead of looping forever.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/synchronization
 */
export function readSync(
  client: ContentfulClient, context: ContentfulMapContext, options: SyncReadOptions,
): AsyncGenerator<Page<ContentEntry>> {
  return readSyncPages(client, context.system, options, (raws) => mapPage(raws, context));
}

/** A sync page's items mapped: delivered records, issues, deleted keys and counted skips (every item in one of them). */
export interface MappedSyncPage<T> {
  items: T[];
  issues: RecordIssue[];
  deleted: string[];
  skipped: SkippedCount[];
}

/**
 * Asset files through the Sync API (same token protocol as {@link readSync}): assets → canonical
 * asset file metadata, asset deletions → deleted keys; entries are counted skips (`entry`,
 * `entry_deleted`), not read here.
 */
export function readAssetSync(
  client: ContentfulClient, context: ContentfulMapContext, options: SyncReadOptions,
): AsyncGenerator<Page<AssetFile>> {
  return readSyncPages(client, context.system, options, (raws) => {
    const assets: ContentfulSyncItem[] = [];
    const deleted: string[] = [];
    const issues: RecordIssue[] = [];
    const skipped = skipCounter();
    for (const [index, raw] of raws.entries()) {
      const item = syncItemOf(raw, index, issues);
      if (!item) continue;
      if (item.sys.type === "Asset") assets.push(item);
      else if (item.sys.type === "DeletedAsset") deleted.push(assetKeyOf(item.sys.id));
      else skipped.add(item.sys.type === "DeletedEntry" ? "entry_deleted" : item.sys.type === "Entry" ? "entry" : "unsupported_item_type", item.sys.id);
    }
    const mapped = toAssetFiles(assets, context.defaultLocale, context.system);
    return { items: mapped.items, issues: [...issues, ...mapped.issues], deleted, skipped: skipped.list() };
  });
}

async function* readSyncPages<T>(
  client: ContentfulClient, system: string, options: SyncReadOptions, map: (raws: unknown[]) => MappedSyncPage<T>,
): AsyncGenerator<Page<T>> {
  const context = { system };
  const maxPages = options.maxPages ?? MAX_SYNC_PAGES;
  const requested = new Set<string>();
  let params: Record<string, string | number | undefined> = options.cursor
    ? { sync_token: decodeCursor(options.cursor, cursorSchema, context.system).syncToken }
    : { initial: "true", limit: Math.min(1000, Math.max(1, options.pageSize ?? 500)) };
  for (let pages = 1; ; pages++) {
    options.signal?.throwIfAborted();
    if (typeof params.sync_token === "string") requested.add(params.sync_token);
    const page = await client.cda("/sync", params, contentfulSyncPageSchema);
    const next = page.nextPageUrl ?? page.nextSyncUrl;
    if (!next) throw new ConnectorError("protocol", `${context.system}: sync page without nextPageUrl or nextSyncUrl`, { system: context.system });
    const { items, issues, deleted, skipped } = map(page.items);
    const hasMore = Boolean(page.nextPageUrl);
    const cursor = encodeCursor({ syncToken: tokenOf(next, context.system) });
    yield { items, issues, deleted, cursor, hasMore, ...(skipped.length ? { skipped } : {}) };
    if (!hasMore) return;
    // Only the token is taken from the next link: the delivery token never goes to another host.
    const token = tokenOf(page.nextPageUrl!, context.system);
    if (requested.has(token)) {
      throw new ConnectorError("protocol", `${context.system}: the sync API's nextPageUrl repeats a page already read (sync_token seen before, after ${pages} pages); stopping instead of looping`, { system: context.system });
    }
    if (pages >= maxPages) {
      throw new ConnectorError("protocol", `${context.system}: the sync API kept returning nextPageUrl after ${pages} pages (ceiling ${maxPages}); stopping instead of reading forever`, { system: context.system });
    }
    params = { sync_token: token };
  }
}
