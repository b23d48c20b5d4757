import { z } from "zod";
import {
  canonicalKeySchema, externalIdsSchema, localeSchema, localizedTextSchema, recordBaseShape, timestampSchema,
} from "./primitives";

/** A channel code (`ecommerce`, `web`): the scope a PIM keeps channel-specific values and requirements for. */
const channelCodeSchema = z.string().min(1).max(64);
/** An attribute code as the PIM names it (also the key of canonical attributes). */
const attributeCodeSchema = z.string().min(1).max(100);

/**
 * How complete a product (or variant) is for one channel and locale: the share of the family's
 * required attributes that have a value, as a whole percentage (Akeneo `completenesses[].data`).
 * A CMS or shop publishes only products complete for its channel.
 */
export const completenessSchema = z.object({
  /** Channel the requirement set belongs to. */
  channel: channelCodeSchema,
  /** BCP 47 locale the texts were counted in. */
  locale: localeSchema,
  /** 0–100: share of required attributes filled. */
  percent: z.int().min(0).max(100),
});
/** Completeness for one channel and locale. */
export type Completeness = z.infer<typeof completenessSchema>;

/** Completeness per channel and locale; at most one entry per (channel, locale). */
export const completenessListSchema = z.array(completenessSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const id = `${entry.channel}\u0000${entry.locale}`;
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: [index], message: `duplicate completeness for channel ${entry.channel} and locale ${entry.locale}` });
    seen.add(id);
  });
});

/** One level of a family variant: the axes that distinguish its children and the attributes set at that level. */
export const familyVariantLevelSchema = z.object({
  /** 1 for the sub-model (or variant) level below the root, 2 for the variant level of two-level families. */
  level: z.int().min(1).max(2),
  /** Attribute codes whose values tell siblings apart (`color`, `size`). */
  axes: z.array(attributeCodeSchema).min(1),
  /** Attribute codes whose values are set at this level. */
  attributes: z.array(attributeCodeSchema).default([]),
});
/** One level of a family variant. */
export type FamilyVariantLevel = z.infer<typeof familyVariantLevelSchema>;

/** A way a family splits into variants (Akeneo family variant): its levels, in order. */
export const familyVariantSchema = z.object({
  /** Code of the family variant, unique within the PIM. */
  key: canonicalKeySchema,
  /** Display label per locale. */
  label: localizedTextSchema(255).default({}),
  /** One or two levels, numbered 1 and 2 in order. */
  levels: z.array(familyVariantLevelSchema).min(1).max(2).refine((levels) => levels.every((l, i) => l.level === i + 1), "levels must be numbered 1, 2 in order"),
});
/** A family variant. */
export type FamilyVariant = z.infer<typeof familyVariantSchema>;

/**
 * Family (attribute set): which attributes products of a kind carry, which one labels them and
 * which one is their main picture, and which are required per channel (the basis of
 * completeness). Lets a CMS or shop render labels, option names and images the way the PIM does.
 */
export const familySchema = z
  .object({
    ...recordBaseShape,
    /** Display label per locale. */
    label: localizedTextSchema(255).default({}),
    /** Attribute codes of the family. */
    attributeKeys: z.array(attributeCodeSchema).default([]),
    /** Attribute whose value names a product of this family (carried as the product's `name`). */
    labelAttribute: attributeCodeSchema,
    /** Attribute holding the main picture (carried as the product's main asset), if any. */
    imageAttribute: attributeCodeSchema.nullish(),
    /** Required attribute codes per channel code. */
    requiredAttributes: z.record(channelCodeSchema, z.array(attributeCodeSchema)).default({}),
    /** The family's variant structures. */
    variants: z.array(familyVariantSchema).default([]),
  })
  .superRefine((family, ctx) => {
    const known = new Set(family.attributeKeys);
    if (known.size === 0) return; // a family read without its attribute list cannot be cross-checked
    const check = (code: string | null | undefined, path: (string | number)[]) => {
      if (code && !known.has(code)) ctx.addIssue({ code: "custom", path, message: `attribute ${code} is not an attribute of the family` });
    };
    check(family.labelAttribute, ["labelAttribute"]);
    check(family.imageAttribute, ["imageAttribute"]);
    for (const [channel, codes] of Object.entries(family.requiredAttributes)) codes.forEach((code, i) => check(code, ["requiredAttributes", channel, i]));
  });
/** Family (attribute set). */
export type Family = z.infer<typeof familySchema>;
/** Family as accepted before defaults apply. */
export type FamilyInput = z.input<typeof familySchema>;

/**
 * Metadata of a stored asset file (an image, a PDF): what a CMS or shop needs to render or
 * download it without fetching it first. `key` is the file's id in its source (Akeneo's media
 * file code). Sizes are bytes; dimensions are pixels and only present when the source knows them.
 */
export const assetFileSchema = z.object({
  /** The file's stable id (e.g. Akeneo `7/5/8/e/758e…_10806799_1356.jpg`). */
  key: canonicalKeySchema,
  /** The file's id in each system that holds it. */
  externalIds: externalIdsSchema.default({}),
  /** When the file last changed, if the source says (Akeneo media files carry no dates). */
  updatedAt: timestampSchema.nullish(),
  /** File name as uploaded. */
  fileName: z.string().min(1).max(255).refine((name) => !/[/\\]/.test(name) && !name.includes("\u0000"), "must be a file name without path separators"),
  /** Download URL (http/https). */
  url: z.url({ protocol: /^https?$/ }),
  /** MIME type, e.g. `image/jpeg`. */
  mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, "must be a MIME type"),
  /** Size in bytes. */
  sizeBytes: z.int().nonnegative(),
  /** File name extension without the dot, lower case (`jpg`). */
  extension: z.string().regex(/^[a-z0-9]{1,10}$/, "must be a lower-case extension without the dot").nullish(),
  /** Width in pixels, when known. */
  width: z.int().positive().nullish(),
  /** Height in pixels, when known. */
  height: z.int().positive().nullish(),
  /** Alternative text per locale (for accessibility). */
  alt: localizedTextSchema(500).default({}),
});
/** Metadata of a stored asset file. */
export type AssetFile = z.infer<typeof assetFileSchema>;
/** Asset file metadata as accepted before defaults apply. */
export type AssetFileInput = z.input<typeof assetFileSchema>;

/**
 * Catalogue-structure records that are not sync entity kinds (yet): adapters read them beside
 * the entity streams, so adding them leaves `EntityKind`, ownership rules and every exhaustive
 * per-kind table of dependants unchanged.
 */
export const catalogStructureSchemas = {
  family: familySchema,
  assetFile: assetFileSchema,
} as const;
/** Names of catalogue-structure record kinds. */
export type CatalogStructureKind = keyof typeof catalogStructureSchemas;
