import { mapRecords } from "@omnibridge/connector-kit";
import { productSchema } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import attributes from "../__fixtures__/attributes.json";
import categories from "../__fixtures__/categories.json";
import familyVariant from "../__fixtures__/family-variant.json";
import options from "../__fixtures__/attribute-options.json";
import model from "../__fixtures__/product-model.json";
import simple from "../__fixtures__/product-simple.json";
import variants from "../__fixtures__/product-variants.json";
import { akeneoAttributeSchema, akeneoCategorySchema, akeneoProductModelSchema, akeneoProductSchema, type AkeneoProduct } from "../akeneo-api";
import { createLocaleMapper } from "../akeneo-locales";
import type { AkeneoMappingContext } from "./akeneo-context";
import { fromSimpleProduct, fromVariant, uuidForSku } from "./from-product";
import { toAttribute, toCategory } from "./to-category";
import { toModelProduct, toSimpleProduct } from "./to-product";

const ctx: AkeneoMappingContext = {
  system: "akeneo", channel: "ecommerce", locales: createLocaleMapper(), baseUrl: "https://pim.example.com",
  attributes: new Map(attributes.map((a) => [a.code, akeneoAttributeSchema.parse(a)])),
  familyVariants: new Map([[familyVariant.code, familyVariant]]),
};
const product = akeneoProductSchema.parse(simple);

describe("toSimpleProduct (UUID product payload)", () => {
  const canonical = productSchema.parse(toSimpleProduct(product, ctx));

  it("keys on the identifier and keeps the uuid as external id", () => {
    expect(canonical).toMatchObject({ key: "trail-runner-42", externalIds: { akeneo: product.uuid }, status: "active", family: "shoes", gtin: "4006381333931" });
    expect(canonical.updatedAt).toBe("2026-02-03T16:56:12.000Z");
    expect(canonical.categoryKeys).toEqual(["summer_collection", "shoes"]);
  });

  it("maps locales to BCP 47 and takes scoped texts from the configured channel only", () => {
    expect(canonical.name).toEqual({ en: "Trail runner", "fr-FR": "Chaussure de trail" });
    expect(canonical.description).toEqual({ en: "Grippy trail shoe", "fr-FR": "Chaussure de trail accrocheuse" });
  });

  it("maps every attribute type to a typed canonical value", () => {
    const a = canonical.attributes;
    expect(a.price).toEqual([{ type: "price", value: [{ amount: 12990, currency: "EUR" }, { amount: 13900, currency: "USD" }], locale: null, channel: null }]);
    expect(a.color).toEqual([{ type: "select", value: "black", locale: null, channel: null }]);
    expect(a.collection?.[0]).toMatchObject({ type: "multiselect", value: ["summer_2026", "outdoor"] });
    expect(a.waterproof?.[0]).toMatchObject({ type: "boolean", value: true });
    expect(a.warranty_months?.[0]).toMatchObject({ type: "number", value: 24 });
    expect(a.heel_height?.[0]).toMatchObject({ type: "number", value: 3.5 });
    expect(a.release_date?.[0]).toMatchObject({ type: "date", value: "2026-03-01", channel: "ecommerce" });
    expect(canonical.weight).toEqual({ value: 740, unit: "GRAM" });
    expect(a.user_manual).toBeUndefined(); // files have no canonical value type
    expect(a.name).toBeUndefined(); // reserved codes become fields
  });

  it("turns image values into assets with their download link", () => {
    expect(canonical.assets).toEqual([{
      key: "trail-runner-42/main", url: "https://pim.example.com/api/rest/v1/media-files/8/3/1/c/831c2e6b5c_trail_runner.jpg/download",
      mimeType: "image/jpeg", role: "main", alt: {}, sizeBytes: undefined,
    }].map(({ sizeBytes: _s, ...rest }) => rest));
  });
});

describe("toModelProduct (product model with variants)", () => {
  const rawVariants = variants.map((v) => akeneoProductSchema.parse(v));
  const canonical = productSchema.parse(toModelProduct(akeneoProductModelSchema.parse(model), [], rawVariants, ctx));

  it("yields one product keyed by the model code with variants per SKU", () => {
    expect(canonical).toMatchObject({ key: "tshirt_basic", name: { en: "Basic T-shirt", "de-DE": "Basis-T-Shirt" }, variantAxes: ["color", "size"], status: "active", gtin: null });
    expect(canonical.updatedAt).toBe("2026-02-01T12:00:00.000Z"); // the latest of model and variants
    expect(canonical.variants).toHaveLength(2);
    expect(canonical.variants[0]).toMatchObject({ sku: "tshirt-basic-black-m", gtin: "5901234123457", optionValues: { color: "black", size: "m" }, weight: { value: 180, unit: "GRAM" }, status: "active" });
    expect(canonical.variants[1]).toMatchObject({ sku: "tshirt-basic-white-l", status: "inactive", gtin: null });
    expect(Object.keys(canonical.variants[0]!.attributes).sort()).toEqual(["color", "size"]);
    expect(canonical.attributes.collection?.[0]?.value).toEqual(["summer_2026"]);
  });
});

describe("catalogue structure", () => {
  it("maps categories to a tree with localized names", () => {
    const [root, child] = categories.map((c) => toCategory(akeneoCategorySchema.parse(c), ctx));
    expect(root).toMatchObject({ key: "master", parentKey: null, name: { en: "Master catalog", "de-DE": "Hauptkatalog", "fr-FR": "Catalogue principal" }, position: 0 });
    expect(child).toMatchObject({ key: "tshirts", parentKey: "master", name: { en: "T-shirts" }, position: 1 });
  });

  it("maps attributes with options in sort order and metric units", () => {
    const color = toAttribute(akeneoAttributeSchema.parse(attributes.find((a) => a.code === "color")), options, ctx, "2026-01-01T00:00:00.000Z");
    expect(color).toMatchObject({ key: "color", type: "select", label: { en: "Color", "fr-FR": "Couleur" } });
    expect(color.options?.map((o) => o.code)).toEqual(["white", "black"]);
    const weight = toAttribute(akeneoAttributeSchema.parse(attributes.find((a) => a.code === "weight")), [], ctx, "2026-01-01T00:00:00.000Z");
    expect(weight).toMatchObject({ type: "measure", unit: "GRAM" });
  });
});

describe("bad input → per-record issues naming record and field", () => {
  const broken = (patch: Partial<AkeneoProduct>): AkeneoProduct => ({ ...product, ...patch });
  it("names the field of a bad value and keeps the valid records", () => {
    const records = [
      product,
      broken({ uuid: "no-identifier", values: { name: product.values!.name! } }),
      broken({ values: { ...product.values, warranty_months: [{ locale: null, scope: null, data: "two years" }] } }),
      broken({ values: { ...product.values, name: [{ locale: "xx_INVALID_1", scope: null, data: "?" }] } }),
      broken({ values: { ...product.values, description: [{ locale: "en_US", scope: "ecommerce", data: "<script>alert(1)</script>" }] } }),
      broken({ values: { ...product.values, price: [{ locale: null, scope: null, data: [{ amount: "1.999", currency: "EUR" }] }] } }),
    ];
    const { items, issues } = mapRecords("product", records, (p) => toSimpleProduct(p, ctx), (p) => p.uuid);
    // The canonical schema removes unsafe markup instead of rejecting the record (core-model sanitiser).
    expect(items.map((i) => i.key)).toEqual(["trail-runner-42", "trail-runner-42"]);
    expect(items[1]!.description.en).not.toMatch(/<script/i);
    expect(issues.map((i) => [i.recordKey, i.field, i.severity ?? "error"])).toEqual([
      ["no-identifier", "key", "error"],
      [product.uuid, "attributes.warranty_months.0", "error"],
      [product.uuid, "name.xx_INVALID_1", "error"],
      // Delivered, cleaned, and said so.
      ["trail-runner-42", "description.en", "warning"],
      [product.uuid, "attributes.price.0.0.amount", "error"],
    ]);
  });
});

describe("canonical → Akeneo (writes)", () => {
  const canonical = productSchema.parse(toSimpleProduct(product, ctx));
  it("round-trips a simple product's values", () => {
    const { line } = fromSimpleProduct(canonical, product.uuid, ctx);
    const values = line.values as Record<string, Array<{ locale: string | null; scope: string | null; data: unknown }>>;
    expect(line).toMatchObject({ uuid: product.uuid, enabled: true, family: "shoes", categories: ["summer_collection", "shoes"] });
    expect(values.price).toEqual([{ locale: null, scope: null, data: [{ amount: "129.90", currency: "EUR" }, { amount: "139.00", currency: "USD" }] }]);
    expect(values.weight).toEqual([{ locale: null, scope: null, data: { amount: 740, unit: "GRAM" } }]);
    expect(values.description).toContainEqual({ locale: "fr_FR", scope: "ecommerce", data: "Chaussure de trail accrocheuse" });
    expect(values.sku).toEqual([{ locale: null, scope: null, data: "trail-runner-42" }]);
    const withImage = { ...product, values: { ...values, image: product.values!.image! } } as AkeneoProduct;
    const back = productSchema.parse(toSimpleProduct(withImage, ctx));
    expect(back.attributes).toEqual(canonical.attributes);
    expect(back.name).toEqual(canonical.name);
  });

  it("sends only the fields given and a deterministic uuid for new SKUs", () => {
    const { line } = fromVariant({ sku: "NEW-1", gtin: "4006381333931" }, "tshirt_basic", undefined, ctx);
    expect(line).toEqual({ uuid: uuidForSku("NEW-1"), parent: "tshirt_basic", values: { sku: [{ locale: null, scope: null, data: "NEW-1" }], ean: [{ locale: null, scope: null, data: "4006381333931" }] } });
    expect(uuidForSku("NEW-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("uses a configured locale map in both directions", () => {
    const custom = { ...ctx, locales: createLocaleMapper({ en_GB: "en", de_DE: "de-DE" }) };
    expect(custom.locales.toCanonical("en_GB")).toBe("en");
    expect(custom.locales.toAkeneo("en")).toBe("en_GB");
    expect(custom.locales.toCanonical("pt_BR")).toBe("pt-BR");
    expect(custom.locales.toCanonical("not a locale")).toBeUndefined();
  });
});
