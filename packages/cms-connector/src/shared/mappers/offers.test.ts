import { describe, expect, it } from "vitest";
import { productSchema } from "@omnibridge/core-model";
import { product } from "../../wordpress/wordpress-test-helpers";
import { formatRange, offerSummary } from "./offers";

const variant = (sku: string, size: string) => ({ sku, optionValues: { size }, attributes: {}, status: "active" as const, externalIds: {} });
const eur = (amount: number) => ({ amount, currency: "EUR" });

describe("offer summary of a product page", () => {
  it("is absent when the product carries no offers (the page keeps what it has)", () => {
    expect(offerSummary(product("SKU-1"))).toBeUndefined();
  });

  it("gives a row per variant with its options, the price range and overall availability", () => {
    const shirt = productSchema.parse(product("SKU-2", {
      variants: [variant("SKU-2-S", "S"), variant("SKU-2-M", "M"), variant("SKU-2-L", "L")],
      offers: [{ sku: "SKU-2-S", price: eur(1999), available: 0 }, { sku: "SKU-2-M", price: eur(2199), available: 4 }, { sku: "SKU-2-L", price: null, available: null }],
    }));
    const summary = offerSummary(shirt)!;
    expect(summary.rows).toEqual([
      { sku: "SKU-2-S", options: { size: "S" }, price: eur(1999), available: 0, availability: "out_of_stock" },
      { sku: "SKU-2-M", options: { size: "M" }, price: eur(2199), available: 4, availability: "in_stock" },
      { sku: "SKU-2-L", options: { size: "L" }, price: null, available: null, availability: "unknown" },
    ]);
    expect(summary.priceRange).toEqual({ min: eur(1999), max: eur(2199) });
    expect(summary.availability).toBe("in_stock");
    expect(formatRange(summary.priceRange!)).toBe("19.99–21.99 EUR");
  });

  it("is out of stock only when every row is known to be, and unknown while any row is unknown", () => {
    const none = offerSummary(product("SKU-3", { offers: [{ sku: "SKU-3", price: eur(500), available: 0 }] }))!;
    expect([none.availability, formatRange(none.priceRange!)]).toEqual(["out_of_stock", "5.00 EUR"]);
    const unknown = offerSummary(product("SKU-4", { offers: [{ sku: "SKU-4", price: null, available: null }] }))!;
    expect([unknown.availability, unknown.priceRange]).toEqual(["unknown", null]);
  });
});
