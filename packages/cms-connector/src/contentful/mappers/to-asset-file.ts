import { MappingError } from "@omnibridge/connector-kit";
import { assetFileSchema, issuesFromZod, type AssetFile, type RecordIssue } from "@omnibridge/core-model";
import { z } from "zod";
import type { ContentfulSyncItem } from "../contentful-api";

/**
 * An asset's `file` value per locale, as the CDA and the Sync API serve a processed asset:
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/assets
 */
const contentfulFileSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  url: z.string(),
  details: z.object({
    size: z.number().int().nonnegative(),
    image: z.object({ width: z.number().int(), height: z.number().int() }).nullish(),
  }).nullish(),
});

/** The canonical key of a Contentful asset (its id, namespaced so it never collides with another source's files). */
export const assetKeyOf = (id: string) => `contentful:asset:${id}`;

/**
 * A Contentful asset → canonical asset file metadata. The file of the default locale is the file
 * (others are translations of the same asset, rarely different files); `description` (else
 * `title`) per locale becomes the alternative text; protocol-relative URLs get `https:`.
 */
export function toAssetFile(item: ContentfulSyncItem, defaultLocale: string, system: string): AssetFile {
  const fields = item.fields ?? {};
  const files = fields.file ?? {};
  const raw = files[defaultLocale] ?? Object.values(files)[0];
  if (raw === undefined) throw new MappingError("file", `asset ${item.sys.id} has no file (not processed yet?)`);
  const parsed = contentfulFileSchema.safeParse(raw);
  if (!parsed.success) throw new MappingError(`file.${parsed.error.issues[0]?.path.join(".") ?? ""}`, parsed.error.issues[0]?.message ?? "invalid file");
  const file = parsed.data;
  const alt: Record<string, string> = {};
  for (const [locale, text] of Object.entries({ ...(fields.title ?? {}), ...(fields.description ?? {}) })) {
    if (typeof text === "string" && text.trim()) alt[locale] = text;
  }
  const extension = /\.([a-z0-9]{1,10})$/i.exec(file.fileName)?.[1]?.toLowerCase();
  return assetFileSchema.parse({
    key: assetKeyOf(item.sys.id), externalIds: { [system]: item.sys.id }, updatedAt: item.sys.updatedAt ?? null,
    fileName: file.fileName, url: file.url.startsWith("//") ? `https:${file.url}` : file.url, mimeType: file.contentType,
    sizeBytes: file.details?.size ?? 0, extension: extension ?? null,
    width: file.details?.image?.width ?? null, height: file.details?.image?.height ?? null, alt,
  });
}

/** Map assets; an asset that cannot be mapped is an issue naming record and field, the others flow. */
export function toAssetFiles(
  items: readonly ContentfulSyncItem[], defaultLocale: string, system: string,
): { items: AssetFile[]; issues: RecordIssue[] } {
  const out: AssetFile[] = [];
  const issues: RecordIssue[] = [];
  for (const item of items) {
    try {
      out.push(toAssetFile(item, defaultLocale, system));
    } catch (error) {
      if (error instanceof MappingError) issues.push({ recordKey: assetKeyOf(item.sys.id), field: error.field, reason: "invalid", message: error.message });
      else if (error instanceof z.ZodError) issues.push(...issuesFromZod(assetKeyOf(item.sys.id), error));
      else throw error;
    }
  }
  return { items: out, issues };
}
