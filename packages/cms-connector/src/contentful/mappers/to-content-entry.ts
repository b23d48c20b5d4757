import { MappingError } from "@omnibridge/connector-kit";
import type { EntityInputOf } from "@omnibridge/core-model";
import { canonicalTypeOf } from "../contentful-content-types";
import type { ContentfulSyncItem } from "../contentful-api";
import { keyForEntryId } from "../contentful-ids";

/** What the Contentful mappers need besides the payload. */
export interface ContentfulMapContext {
  system: string;
  /** The environment's default locale (non-localized fields live under it). */
  defaultLocale: string;
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/** The canonical key of an entry (its `key` field, else the key its id encodes, else the id). */
export function contentfulKeyOf(item: ContentfulSyncItem, defaultLocale: string): string {
  return str(item.fields?.key?.[defaultLocale]) ?? keyForEntryId(item.sys.id) ?? item.sys.id;
}

/** The locales an entry has a title in, its primary locale first. */
export function entryLocales(item: ContentfulSyncItem, context: ContentfulMapContext): { primary: string; locales: string[] } {
  const primary = str(item.fields?.locale?.[context.defaultLocale]) ?? context.defaultLocale;
  const locales = Object.keys(item.fields?.title ?? {}).sort((a, b) => (a === primary ? -1 : b === primary ? 1 : a.localeCompare(b)));
  return { primary, locales };
}

/**
 * A published entry (sync item) in one locale → ContentEntry. The primary locale keeps the
 * entry's key; every other locale is `<key>@<locale>`. Sync only returns published content.
 */
export function toContentEntry(item: ContentfulSyncItem, locale: string, context: ContentfulMapContext): EntityInputOf<"contentEntry"> {
  const fields = item.fields ?? {};
  const main = context.defaultLocale;
  const type = canonicalTypeOf(item.sys.contentType?.sys.id ?? "", fields.kind?.[main]);
  if (!type) throw new MappingError("sys.contentType", `content type ${item.sys.contentType?.sys.id ?? "(none)"} is not one omnibridge maps`);
  const { primary } = entryLocales(item, context);
  const key = contentfulKeyOf(item, main);
  const at = (id: string) => fields[id]?.[locale];
  const seoTitle = str(at("seoTitle"));
  const seoDescription = str(at("seoDescription"));
  return {
    key: locale === primary ? key : `${key}@${locale}`,
    externalIds: { [context.system]: item.sys.id },
    updatedAt: new Date(item.sys.updatedAt ?? item.sys.createdAt ?? 0).toISOString(),
    type, locale,
    title: str(at("title")) ?? "",
    slug: str(at("slug")) ?? "",
    body: str(at("body")) ?? "",
    excerpt: str(at("excerpt")) ?? null,
    status: "published",
    linkedSkus: list(fields.linkedSkus?.[main]),
    linkedCategoryKeys: list(fields.linkedCategoryKeys?.[main]),
    promotionKey: str(fields.promotionKey?.[main]) ?? null,
    campaignKey: str(fields.campaignKey?.[main]) ?? null,
    seo: seoTitle || seoDescription ? { title: seoTitle ?? null, description: seoDescription ?? null } : null,
    featuredImageUrl: str(fields.featuredImageUrl?.[main]) ?? null,
    publishedAt: item.sys.updatedAt ? new Date(item.sys.updatedAt).toISOString() : null,
  };
}
