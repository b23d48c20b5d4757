import type { AttributeValue, Product, Variant } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { categoryKey } from "./gen-catalog-defs";
import { productKey, productShape, toUsd, type ProductShape } from "./gen-product-shape";
import { makeGtin13 } from "./gtin";
import { type Rng, rngFor, STREAM } from "./prng";
import { baseTime } from "./scale";
import { ADJECTIVES, BRANDS, DESCRIPTIONS, FAMILIES, LOCALES, MATERIALS, NOUNS, SEASONS, slugify, TAGS } from "./vocab";

/** The name of product `i` in `locale` (the same as {@link productAt} gives). */
export function productNameAt(ctx: GenContext, i: number, locale: (typeof LOCALES)[number]): string {
  const rng = rngFor(ctx.seed, STREAM.product, i);
  const adjective = rng.int(0, 9);
  return `${ADJECTIVES[locale][adjective]} ${NOUNS[locale][rng.int(0, 9)]} ${i + 1}`;
}

/** Product `i` as the PIM/ERP world holds it (canonical). */
export function productAt(ctx: GenContext, i: number): Product {
  const shape = productShape(ctx, i);
  const rng = rngFor(ctx.seed, STREAM.product, i);
  const adjective = rng.int(0, 9);
  const noun = rng.int(0, 9);
  const name: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const locale of LOCALES) {
    name[locale] = `${ADJECTIVES[locale][adjective]} ${NOUNS[locale][noun]} ${i + 1}`;
    description[locale] = `<p>${DESCRIPTIONS[locale][rng.int(0, 2)]}</p>`;
  }
  const updatedAt = baseTime(ctx.seed, STREAM.product, i, ctx.layout.products, ctx.epochMs);
  const createdAt = new Date(Date.parse(updatedAt) - rng.int(0, 400) * 86_400_000).toISOString();
  return {
    key: shape.key,
    externalIds: {},
    updatedAt,
    name,
    description,
    brand: rng.pick(BRANDS),
    gtin: shape.hasVariants ? null : makeGtin13(rng),
    status: rng.chance(0.9) ? "active" : rng.pick(["draft", "inactive"] as const),
    family: FAMILIES[noun % FAMILIES.length]!,
    categoryKeys: pickCategories(ctx, rng),
    attributes: productAttributes(rng, shape.retailEur[0]!),
    variantAxes: shape.hasVariants ? ["color", "size"] : [],
    variants: shape.hasVariants ? variantsOf(shape, rng) : [],
    assets: assetsOf(shape.key, rng),
    relations: [{ type: "cross_sell", targetKey: productKey((i + 1 + rng.int(0, 50)) % ctx.layout.products) }],
    channels: [
      { channel: "web", enabled: true },
      { channel: "store", enabled: rng.chance(0.7) },
      { channel: "marketplace", enabled: rng.chance(0.5), name: { en: `${name.en} | Marketplace` } },
    ],
    weight: { value: rng.int(100, 5_000), unit: "GRAM" },
    seo: { slug: `${slugify(name.en!)}`, title: { ...name }, description: null },
    createdAt,
  };
}

function pickCategories(ctx: GenContext, rng: Rng): string[] {
  const { categories, rootCategories } = ctx.layout;
  const first = rng.int(rootCategories, categories - 1);
  const keys = [categoryKey(first)];
  if (rng.chance(0.3)) keys.push(categoryKey((first + 1 + rng.int(0, 10)) % categories));
  return keys;
}

function productAttributes(rng: Rng, retailEur: number): Record<string, AttributeValue[]> {
  const care: AttributeValue[] = LOCALES.map((locale) => ({ type: "text", value: `care-${rng.int(1, 5)} (${locale})`, locale }));
  return {
    material: [{ type: "select", value: rng.pick(MATERIALS) }],
    care_instructions: care,
    marketing_claim: [{ type: "text", value: "Free returns", locale: "en", channel: "web" }],
    waterproof: [{ type: "boolean", value: rng.chance(0.3) }],
    warranty_years: [{ type: "number", value: rng.int(1, 5) }],
    net_weight: [{ type: "measure", value: { value: rng.int(50, 4_000), unit: "GRAM" } }],
    release_date: [{ type: "date", value: `20${rng.int(20, 25)}-${String(rng.int(1, 12)).padStart(2, "0")}-15` }],
    tags: [{ type: "multiselect", value: rng.sample(TAGS, rng.int(0, 2)) }],
    season: [{ type: "select", value: rng.pick(SEASONS) }],
    msrp: [{ type: "price", value: [{ amount: retailEur + 1_000, currency: "EUR" }, { amount: toUsd(retailEur + 1_000), currency: "USD" }] }],
  };
}

function variantsOf(shape: ProductShape, rng: Rng): Variant[] {
  return shape.skus.map((sku, v) => {
    const option = shape.options[v]!;
    return {
      sku,
      gtin: makeGtin13(rng),
      optionValues: { color: option.color.toLowerCase(), size: option.size.toLowerCase() },
      attributes: {
        color: [{ type: "select", value: option.color.toLowerCase() }],
        size: [{ type: "select", value: option.size.toLowerCase() }],
      },
      weight: { value: rng.int(100, 5_000), unit: "GRAM" },
      status: rng.chance(0.95) ? "active" : "inactive",
      externalIds: {},
    };
  });
}

function assetsOf(key: string, rng: Rng): Product["assets"] {
  const base = `https://images.example.com/products/${key}`;
  const assets: Product["assets"] = [
    { key: `${key}/main`, url: `${base}/main.jpg`, mimeType: "image/jpeg", alt: { en: key }, role: "main", sizeBytes: rng.int(40_000, 900_000) },
  ];
  const gallery = rng.int(0, 2);
  for (let g = 1; g <= gallery; g += 1) {
    assets.push({ key: `${key}/gallery-${g}`, url: `${base}/gallery-${g}.jpg`, mimeType: "image/jpeg", alt: {}, role: "gallery", sizeBytes: null });
  }
  return assets;
}
