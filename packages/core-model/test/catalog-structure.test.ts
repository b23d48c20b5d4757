import { describe, expect, it } from "vitest";
import { assetFileSchema, catalogStructureSchemas, completenessListSchema, familySchema, productSchema, variantSchema, type AssetFileInput, type FamilyInput } from "../src";

// Shaped after Akeneo's documented family example (`caps`, pim-api-docs swagger families/definitions/family.yaml).
const family: FamilyInput = {
  key: "caps", externalIds: { akeneo: "caps" }, updatedAt: "2026-01-02T03:04:05.000Z",
  label: { en: "Caps", "fr-FR": "Casquettes" },
  attributeKeys: ["sku", "name", "description", "price", "color", "picture"],
  labelAttribute: "name", imageAttribute: "picture",
  requiredAttributes: { ecommerce: ["sku", "name", "description", "price", "color"], tablet: ["sku", "name", "description", "price"] },
  variants: [{ key: "caps_color", label: { en: "Caps by color" }, levels: [{ level: 1, axes: ["color"], attributes: ["sku", "color"] }] }],
};
// Shaped after Akeneo's documented media file example (swagger media_files/definitions/media_file.yaml).
const file: AssetFileInput = {
  key: "7/5/8/e/758e39d48ea7b42a55091434fd3d8b6cf3189b7f_10806799_1356.jpg", externalIds: { akeneo: "7/5/8/e/758e39d48ea7b42a55091434fd3d8b6cf3189b7f_10806799_1356.jpg" },
  fileName: "10806799-1356.jpg", url: "https://pim.example.com/api/rest/v1/media-files/7/5/8/e/758e39d48ea7b42a55091434fd3d8b6cf3189b7f_10806799_1356.jpg/download",
  mimeType: "image/jpeg", sizeBytes: 16070, extension: "jpg", width: 1356, height: 900, alt: { en: "A red cap" },
};

const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => (result.error?.issues ?? []).map((i) => i.path.map(String).join("."));

describe("family (attribute set)", () => {
  it("parses a documented family and applies defaults", () => {
    const parsed = familySchema.parse(family);
    expect(parsed).toMatchObject({ key: "caps", labelAttribute: "name", imageAttribute: "picture", label: { "fr-FR": "Casquettes" } });
    expect(parsed.requiredAttributes.tablet).toEqual(["sku", "name", "description", "price"]);
    expect(parsed.variants[0]!.levels[0]!.axes).toEqual(["color"]);
    expect(familySchema.parse({ key: "bare", updatedAt: "2026-01-01T00:00:00.000Z", labelAttribute: "sku" })).toMatchObject({ attributeKeys: [], requiredAttributes: {}, variants: [], label: {} });
    expect(catalogStructureSchemas.family).toBe(familySchema);
  });

  it.each([
    ["label attribute outside the family", { ...family, labelAttribute: "title" }, "labelAttribute"],
    ["image attribute outside the family", { ...family, imageAttribute: "photo" }, "imageAttribute"],
    ["required attribute outside the family", { ...family, requiredAttributes: { ecommerce: ["sku", "weight"] } }, "requiredAttributes.ecommerce.1"],
    ["missing label attribute", { ...family, labelAttribute: undefined }, "labelAttribute"],
    ["bad locale in label", { ...family, label: { en_US: "Caps" } }, "label.en_US"],
    ["label too long", { ...family, label: { en: "x".repeat(256) } }, "label.en"],
    ["variant level without axes", { ...family, variants: [{ key: "v", levels: [{ level: 1, axes: [] }] }] }, "variants.0.levels.0.axes"],
    ["variant levels out of order", { ...family, variants: [{ key: "v", levels: [{ level: 2, axes: ["size"] }] }] }, "variants.0.levels"],
    ["bad key", { ...family, key: "caps family" }, "key"],
  ])("rejects %s, naming the field", (_name, input, path) => {
    expect(paths(familySchema.safeParse(input))).toContain(path);
  });
});

describe("asset file metadata", () => {
  it("parses documented media file metadata with dimensions and alt text per locale", () => {
    const parsed = assetFileSchema.parse(file);
    expect(parsed).toMatchObject({ fileName: "10806799-1356.jpg", sizeBytes: 16070, width: 1356, height: 900, alt: { en: "A red cap" } });
    const unknownDimensions = assetFileSchema.parse({ ...file, width: undefined, height: undefined, alt: undefined });
    expect(unknownDimensions.width).toBeUndefined();
    expect(unknownDimensions.alt).toEqual({});
  });

  it.each([
    ["negative size", { ...file, sizeBytes: -1 }, "sizeBytes"],
    ["fractional size", { ...file, sizeBytes: 1.5 }, "sizeBytes"],
    ["zero width", { ...file, width: 0 }, "width"],
    ["path in file name", { ...file, fileName: "../etc/passwd" }, "fileName"],
    ["not a MIME type", { ...file, mimeType: "jpeg" }, "mimeType"],
    ["javascript URL", { ...file, url: "javascript:alert(1)" }, "url"],
    ["extension with dot", { ...file, extension: ".jpg" }, "extension"],
    ["bad alt locale", { ...file, alt: { english: "x" } }, "alt.english"],
  ])("rejects %s, naming the field", (_name, input, path) => {
    expect(paths(assetFileSchema.safeParse(input))).toContain(path);
  });
});

describe("completeness on products and variants (additive, optional)", () => {
  const base = { key: "cap", updatedAt: "2026-01-01T00:00:00.000Z", name: { en: "Cap" }, status: "active" as const };

  it("is optional and carried per channel and locale", () => {
    expect(productSchema.parse(base).completeness).toBeUndefined();
    const product = productSchema.parse({ ...base, completeness: [{ channel: "ecommerce", locale: "en", percent: 20 }, { channel: "tablet", locale: "fr-FR", percent: 70 }] });
    expect(product.completeness).toHaveLength(2);
    expect(variantSchema.parse({ sku: "cap-red", completeness: [{ channel: "ecommerce", locale: "en", percent: 100 }] }).completeness?.[0]?.percent).toBe(100);
  });

  it.each([
    ["above 100", [{ channel: "ecommerce", locale: "en", percent: 101 }], "completeness.0.percent"],
    ["bad locale", [{ channel: "ecommerce", locale: "en_US", percent: 5 }], "completeness.0.locale"],
    ["duplicate channel and locale", [{ channel: "ecommerce", locale: "en", percent: 5 }, { channel: "ecommerce", locale: "en", percent: 6 }], "completeness.1"],
  ])("rejects %s, naming the field", (_name, completeness, path) => {
    expect(paths(productSchema.safeParse({ ...base, completeness }))).toContain(path);
    expect(completenessListSchema.safeParse(completeness).success).toBe(false);
  });
});
