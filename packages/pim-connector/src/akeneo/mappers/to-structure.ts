import { MappingError } from "@omnibridge/connector-kit";
import type { AssetFileInput, FamilyInput } from "@omnibridge/core-model";
import type { AkeneoFamily, AkeneoFamilyVariant, AkeneoMediaFile } from "../akeneo-api";
import type { AkeneoMappingContext } from "./akeneo-context";
import { labelsOf } from "./to-category";
import { isoTime } from "./to-content";

/**
 * Family → canonical family (attribute set): labels, attributes, label and image attribute,
 * required attributes per channel, and its family variants with their levels.
 * https://api.akeneo.com/api-reference.html#get_families, #get_families__family_code__variants
 */
export function toFamily(
  family: AkeneoFamily, variants: readonly AkeneoFamilyVariant[], ctx: AkeneoMappingContext, fallbackUpdated: string,
): FamilyInput {
  if (!family.attribute_as_label) throw new MappingError("labelAttribute", `family ${family.code} has no attribute_as_label`);
  return {
    key: family.code,
    externalIds: { [ctx.system]: family.code },
    updatedAt: family.updated ? isoTime(family.updated, "updatedAt") : fallbackUpdated,
    label: labelsOf(family.labels, "label", ctx),
    attributeKeys: family.attributes ?? [],
    labelAttribute: family.attribute_as_label,
    imageAttribute: family.attribute_as_image ?? null,
    requiredAttributes: family.attribute_requirements ?? {},
    variants: [...variants].sort((a, b) => a.code.localeCompare(b.code)).map((variant, i) => ({
      key: variant.code,
      label: labelsOf(variant.labels, `variants.${i}.label`, ctx),
      levels: [...variant.variant_attribute_sets]
        .sort((a, b) => a.level - b.level)
        .map((set) => ({ level: set.level, axes: set.axes, attributes: set.attributes ?? [] })),
    })),
  };
}

const MIME_BY_EXTENSION: Record<string, string> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp", svg: "image/svg+xml", pdf: "application/pdf", tif: "image/tiff", tiff: "image/tiff" };

/**
 * Media file → canonical asset file metadata (`code`, `original_filename`, `mime_type`, `size`,
 * `extension`: https://api.akeneo.com/api-reference.html#get_media_files__code_). Akeneo's media
 * files carry no pixel dimensions and no alt text, so those stay unknown (`null` / `{}`).
 */
export function toAssetFile(media: AkeneoMediaFile, ctx: AkeneoMappingContext): AssetFileInput {
  if (typeof media.size !== "number") throw new MappingError("sizeBytes", `media file ${media.code} has no size`);
  const extension = (media.extension ?? media.code.split(".").pop() ?? "").toLowerCase() || null;
  const mimeType = media.mime_type ?? (extension ? MIME_BY_EXTENSION[extension] : undefined);
  if (!mimeType) throw new MappingError("mimeType", `media file ${media.code} has no MIME type`);
  return {
    key: media.code,
    externalIds: { [ctx.system]: media.code },
    updatedAt: null,
    fileName: media.original_filename || media.code.split("/").pop()!,
    url: media._links?.download?.href ?? `${ctx.baseUrl}/api/rest/v1/media-files/${media.code}/download`,
    mimeType,
    sizeBytes: media.size,
    extension,
    width: null,
    height: null,
    alt: {},
  };
}
