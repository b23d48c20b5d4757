import type { Attribute, Category } from "@omnibridge/core-model";
import { type GenContext, localized } from "./context";
import { rngFor, pad, STREAM } from "./prng";
import { baseTime } from "./scale";
import { CATEGORY_WORDS, COLORS, LOCALES, MATERIALS, SEASONS, SIZES, TAGS } from "./vocab";

/** Canonical key of category `i`. */
export function categoryKey(i: number): string {
  return `CAT-${pad(i + 1, 5)}`;
}

/** Category `i`: the first six are roots, every other node has parent `(i - 6) / 4`. */
export function categoryAt(ctx: GenContext, i: number): Category {
  const roots = ctx.layout.rootCategories;
  const rng = rngFor(ctx.seed, STREAM.category, i);
  const word = i < roots ? i : rng.int(0, 9);
  const name = localized(CATEGORY_WORDS, word);
  if (i >= roots) for (const locale of LOCALES) name[locale] = `${name[locale]} ${i + 1}`;
  return {
    key: categoryKey(i),
    externalIds: {},
    updatedAt: baseTime(ctx.seed, STREAM.category, i, ctx.layout.categories, ctx.epochMs),
    parentKey: i < roots ? null : categoryKey(Math.floor((i - roots) / 4)),
    name,
    position: i < roots ? i : (i - roots) % 4,
  };
}

function label(en: string, de: string, fr: string): Record<string, string> {
  return { en, "de-DE": de, "fr-FR": fr };
}

function options(codes: readonly string[]): Attribute["options"] {
  return codes.map((code) => ({ code: code.toLowerCase(), label: label(code, code, code) }));
}

type AttributeDef = Omit<Attribute, "externalIds" | "updatedAt">;

/** The attribute definitions: every attribute type at least once. */
export const ATTRIBUTE_DEFS: readonly AttributeDef[] = [
  { key: "color", type: "select", label: label("Color", "Farbe", "Couleur"), localizable: false, scopable: false, options: options(COLORS) },
  { key: "size", type: "select", label: label("Size", "Größe", "Taille"), localizable: false, scopable: false, options: options(SIZES) },
  { key: "material", type: "select", label: label("Material", "Material", "Matière"), localizable: false, scopable: false, options: options(MATERIALS) },
  { key: "care_instructions", type: "text", label: label("Care", "Pflege", "Entretien"), localizable: true, scopable: false, options: [] },
  { key: "marketing_claim", type: "text", label: label("Claim", "Slogan", "Accroche"), localizable: true, scopable: true, options: [] },
  { key: "waterproof", type: "boolean", label: label("Waterproof", "Wasserdicht", "Imperméable"), localizable: false, scopable: false, options: [] },
  { key: "warranty_years", type: "number", label: label("Warranty", "Garantie", "Garantie"), localizable: false, scopable: false, options: [] },
  { key: "net_weight", type: "measure", label: label("Net weight", "Nettogewicht", "Poids net"), localizable: false, scopable: false, options: [], unit: "GRAM" },
  { key: "release_date", type: "date", label: label("Release", "Erscheinung", "Sortie"), localizable: false, scopable: false, options: [] },
  { key: "tags", type: "multiselect", label: label("Tags", "Schlagworte", "Étiquettes"), localizable: false, scopable: false, options: options(TAGS) },
  { key: "season", type: "select", label: label("Season", "Saison", "Saison"), localizable: false, scopable: false, options: options(SEASONS) },
  { key: "msrp", type: "price", label: label("MSRP", "UVP", "PVC"), localizable: false, scopable: false, options: [] },
];

/** Attribute `i` of {@link ATTRIBUTE_DEFS}. */
export function attributeAt(ctx: GenContext, i: number): Attribute {
  const def = ATTRIBUTE_DEFS[i]!;
  return { ...def, externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.attribute, i, ATTRIBUTE_DEFS.length, ctx.epochMs) };
}
