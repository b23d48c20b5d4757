import {
  entitySchemas, issuesFromZod, markupWarnings,
  type Campaign, type Category, type ContentEntry, type Promotion, type EntityKind, type Price, type Product, type RecordIssue,
  type StockLevel, type WriteOutcome,
} from "@omnibridge/core-model";
import { cmsMarkup, type CmsMarkup } from "../../shared/cms-markup";
import type { WordpressClient } from "../wordpress-client";
import type { WordpressSettings } from "../wordpress-settings";
import { categoryPageKey, fromCategory, fromContentEntry, fromProduct, productPageKey } from "../mappers/from-canonical";
import { writeCommerceMeta } from "./wordpress-commerce-writer";
import { archiveCampaigns, archivePromotions, writeCampaigns, writePromotions } from "./wordpress-marketing-writer";
import { trashPosts, unsupported, upsertPosts, withWarnings, type PostUpsert } from "./wordpress-writer";

type Planned = PostUpsert & { collection: string };
/** Writes and archives of the WordPress connector. */
export interface WordpressWrites {
  write(entity: EntityKind, records: readonly unknown[]): Promise<WriteOutcome[]>;
  archive(entity: EntityKind, keys: readonly string[]): Promise<WriteOutcome[]>;
}

/** Post type → REST base, for keys of posts omnibridge did not write (`wp-<type>-<id>`). */
function collectionOfFallback(key: string, settings: WordpressSettings): string | undefined {
  const type = /^wp-([a-z0-9_-]+?)-\d+$/.exec(key)?.[1];
  const bases: Record<string, string> = { post: "posts", page: "pages", omnibridge_product: settings.postType, omnibridge_category: settings.categoryPostType };
  return type ? bases[type] : undefined;
}

/**
 * Validate records: invalid ones fail naming their field, valid ones are written by `run` (markup the
 * schema removed is a warning on their outcome); outcomes in input order.
 */
async function validated<T>(
  entity: EntityKind, records: readonly unknown[], run: (valid: T[]) => Promise<WriteOutcome[]>, warn: WarnOf,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(records.length);
  const valid: Array<{ index: number; record: T; warnings: RecordIssue[] }> = [];
  for (const [index, record] of records.entries()) {
    const parsed = entitySchemas[entity].safeParse(record);
    const raw = (record as { key?: unknown } | null)?.key;
    const key = typeof raw === "string" && raw ? raw : `#${index}`;
    if (parsed.success) valid.push({ index, record: parsed.data as T, warnings: warn(key, record) });
    else outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
  }
  const written = await run(valid.map((entry) => entry.record));
  valid.forEach((entry, i) => (outcomes[entry.index] = withWarnings(written[i]!, entry.warnings)));
  return outcomes;
}

type WarnOf = (key: string, record: unknown, markup?: CmsMarkup) => RecordIssue[];

/** Create the write side: validate, plan per record, upsert per collection, outcomes in input order. */
export function createWordpressWrites(
  client: WordpressClient, settings: WordpressSettings, collections: readonly string[],
): WordpressWrites {
  const collectionOf = (entry: ContentEntry) => collectionOfFallback(entry.key, settings) ?? (
    entry.type === "product_page" ? settings.postType : entry.type === "category_page" ? settings.categoryPostType : entry.type === "product_story" ? "posts" : "pages");
  const plans: Partial<Record<EntityKind, (record: never, markup: CmsMarkup) => Planned>> = {
    product: (p: Product, markup) => ({
      key: p.key, lookupKey: productPageKey(p.key), body: fromProduct(p, settings.locale, markup), collection: settings.postType,
    }),
    category: (c: Category, markup) => ({
      key: c.key, lookupKey: categoryPageKey(c.key), body: fromCategory(c, settings.locale, markup), collection: settings.categoryPostType,
    }),
    contentEntry: (e: ContentEntry, markup) => ({
      key: e.key, lookupKey: e.key, body: fromContentEntry(e, markup), collection: collectionOf(e),
    }),
  };

  /**
   * Warnings of one record: markup the schema removed from what we were given, then what rendering
   * for WordPress removed. Logged (record and field named, never the markup itself) and carried by
   * the record's outcome, which still succeeds.
   */
  function warningsOf(key: string, record: unknown, markup?: CmsMarkup): RecordIssue[] {
    const warnings = [...markupWarnings(key, record), ...(markup?.warnings ?? [])];
    for (const warning of warnings) settings.logger?.warn(`${settings.system}: ${warning.message}`, { recordKey: key, field: warning.field });
    return warnings;
  }

  type Plan = (record: never, markup: CmsMarkup) => Planned;
  async function upsertAll(entity: EntityKind, records: readonly unknown[], plan: Plan): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    const groups = new Map<string, Array<{ index: number; item: Planned }>>();
    for (const [index, record] of records.entries()) {
      const parsed = entitySchemas[entity].safeParse(record);
      const raw = (record as { key?: unknown } | null)?.key;
      const key = typeof raw === "string" && raw ? raw : `#${index}`;
      if (!parsed.success) outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
      else {
        const markup = cmsMarkup(key);
        const planned = plan(parsed.data as never, markup);
        const item = { ...planned, warnings: warningsOf(key, record, markup) };
        groups.set(item.collection, [...(groups.get(item.collection) ?? []), { index, item }]);
      }
    }
    for (const [collection, group] of groups) {
      const results = await upsertPosts(client, collection, group.map((entry) => entry.item));
      group.forEach((entry, i) => (outcomes[entry.index] = results[i]!));
    }
    return outcomes;
  }

  async function archiveEntry(key: string): Promise<WriteOutcome> {
    // The key does not say which collection holds the entry: try each until found.
    let last: WriteOutcome = { key, status: "archived" };
    for (const collection of collections) {
      last = (await trashPosts(client, collection, [key]))[0]!;
      if (last.externalId) return last;
    }
    return last;
  }

  return {
    async write(entity, records) {
      if (entity === "price") return writeCommerceMeta(client, settings.postType, "price", records as readonly Price[]);
      if (entity === "stockLevel") return writeCommerceMeta(client, settings.postType, "stockLevel", records as readonly StockLevel[]);
      if (entity === "promotion") return validated<Promotion>(entity, records, (valid) => writePromotions(client, settings.locale, valid), warningsOf);
      if (entity === "campaign") return validated<Campaign>(entity, records, (valid) => writeCampaigns(client, settings.locale, valid), warningsOf);
      const plan = plans[entity];
      if (!plan) throw unsupported(settings.system, entity, "write");
      return upsertAll(entity, records, plan);
    },
    async archive(entity, keys) {
      const rekey = (outcomes: WriteOutcome[]) => outcomes.map((outcome, i) => ({ ...outcome, key: keys[i]! }));
      if (entity === "product") return rekey(await trashPosts(client, settings.postType, keys.map(productPageKey)));
      if (entity === "category") return rekey(await trashPosts(client, settings.categoryPostType, keys.map(categoryPageKey)));
      if (entity === "promotion") return archivePromotions(client, keys);
      if (entity === "campaign") return archiveCampaigns(client, keys);
      if (entity !== "contentEntry") throw unsupported(settings.system, entity, "archive");
      const outcomes: WriteOutcome[] = [];
      for (const key of keys) outcomes.push(await archiveEntry(key));
      return outcomes;
    },
  };
}
