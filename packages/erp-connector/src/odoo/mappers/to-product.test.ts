import { describe, expect, it } from "vitest";
import { z } from "zod";
import { productSchema } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooProductTemplateSchema, odooProductVariantSchema } from "../odoo-api";
import templates17 from "../__fixtures__/product-template-17.json";
import templates18 from "../__fixtures__/product-template-18.json";
import variantRows from "../__fixtures__/product-product.json";
import { productKind, toProduct, type ProductMapContext } from "./to-product";

const variants = z.array(odooProductVariantSchema).parse(variantRows);
const context = (version: number): ProductMapContext => ({
  system: "odoo", version, locale: "en", categoryKey: (id) => `CAT-${id}`, templateKey: (id) => (id === 43 ? "TSHIRT" : undefined),
});
const variantsOf = (templateId: number) => variants.filter((v) => v.product_tmpl_id?.id === templateId);

describe("toProduct (Odoo 17 payloads)", () => {
  const rows = z.array(odooProductTemplateSchema).parse(templates17);
  const mapped = mapRecords("product", rows, (t) => toProduct(t, variantsOf(t.id), context(17)), (t) => `product.template:${t.id}`);

  it("maps a simple storable product keyed by default_code, gtin from barcode, weight in grams", () => {
    const desk = mapped.items.find((p) => p.key === "FURN_0001")!;
    expect(productSchema.safeParse(desk).success).toBe(true);
    expect(desk).toMatchObject({
      name: { en: "Desk" }, status: "active", gtin: "4006381333931", categoryKeys: ["CAT-7"], variants: [], externalIds: { odoo: "42" },
      weight: { value: 12500, unit: "GRAM" }, updatedAt: "2024-05-02T09:14:03.000Z", createdAt: "2024-04-01T08:00:00.000Z",
      attributes: { odoo_product_type: [{ type: "select", value: "storable" }] },
    });
  });

  it("maps a variant family keyed by its template code; variants keyed by default_code; false barcode → no gtin", () => {
    const shirt = mapped.items.find((p) => p.key === "TSHIRT")!;
    expect(shirt.variants.map((v) => ({ sku: v.sku, gtin: v.gtin, status: v.status, weight: v.weight }))).toEqual([
      { sku: "TSHIRT-RED-M", gtin: "4006381333948", status: "active", weight: { value: 180, unit: "GRAM" } },
      { sku: "TSHIRT-RED-L", gtin: null, status: "archived", weight: { value: 200, unit: "GRAM" } },
    ]);
    expect(shirt.updatedAt).toBe("2024-05-03T10:00:00.000Z");
    expect(shirt.attributes.odoo_product_type).toEqual([{ type: "select", value: "consumable" }]);
  });

  it("reports a product without default_code as a per-record issue naming record and field; the rest flows", () => {
    expect(mapped.items).toHaveLength(2);
    expect(mapped.issues).toEqual([{ recordKey: "product.template:44", field: "default_code", reason: "invalid", message: expect.stringContaining('"Lamp without reference" has no default_code') }]);
  });
});

describe("toProduct (Odoo 18 product types)", () => {
  const rows = z.array(odooProductTemplateSchema).parse(templates18);
  it("reads type consu + is_storable, service and combo", () => {
    expect(rows.map((t) => productKind(t, 18))).toEqual(["storable", "service", "combo"]);
    const combo = toProduct(rows[2]!, [{ ...variants[0]!, id: 106, default_code: "COMBO_1", product_tmpl_id: { id: 46, name: "Gift box" } }], context(18));
    expect(combo.status).toBe("archived");
  });
  it("the same template under 17 semantics (detailed_type) is consumable without is_storable", () => {
    expect(productKind({ ...rows[0]!, detailed_type: null, type: "consu" }, 17)).toBe("consumable");
    expect(productKind({ ...rows[0]!, detailed_type: "product" }, 17)).toBe("storable");
  });
});
