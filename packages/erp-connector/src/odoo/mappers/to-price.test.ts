import { describe, expect, it } from "vitest";
import { z } from "zod";
import { priceSchema } from "@omnibridge/core-model";
import { odooPricelistItemSchema, odooProductVariantSchema } from "../odoo-api";
import itemRows from "../__fixtures__/pricelist-items.json";
import variantRows from "../__fixtures__/product-product.json";
import { computePrice, type PricingContext } from "./odoo-pricing";
import { pricedVariant, toPrice, type PriceListView } from "./to-price";

const items = z.array(odooPricelistItemSchema).parse(itemRows);
const [desk, shirt] = z.array(odooProductVariantSchema).parse(variantRows);
const context: PricingContext = {
  now: "2024-06-01 00:00:00",
  categoryAncestors: (id) => new Set(id === 7 || id === 8 ? [id, 5] : [id]),
  rulesFor: (list) => items.filter((r) => r.pricelist_id?.id === list),
};
const list = (id: number, key: string, currency = "EUR", customerKey: string | null = null): PriceListView => ({ id, priceListKey: key, currency, customerKey });

describe("pricelist computation (client-side, Odoo cannot compute remotely)", () => {
  it("no rule → list price", () => {
    const price = toPrice({ list: list(1, "retail-eur"), variant: desk!, productCurrency: "EUR" }, context);
    expect(price).toMatchObject({ key: "retail-eur:FURN_0001", price: { amount: 35_000, currency: "EUR" }, compareAt: null, tiers: [] });
  });

  it("percentage rule on a variant → discounted price with the list price as compareAt", () => {
    const price = toPrice({ list: list(1, "retail-eur"), variant: shirt!, productCurrency: "EUR" }, context);
    expect(price).toMatchObject({ price: { amount: 1599, currency: "EUR" }, compareAt: { amount: 1999, currency: "EUR" } });
    expect(priceSchema.safeParse(price).success).toBe(true);
  });

  it("global formula (list price − 28.57 %, rounded to 0.01), template tier at 10; the category tier at 50 loses to the more specific rule", () => {
    const price = toPrice({ list: list(2, "b2b-eur"), variant: desk!, productCurrency: "EUR" }, context);
    // 350 × (1 − 0.2857) = 250.005 → float_round(0.01) half-up → 250.01; ≥ 10 fixed 230. Rules sort by applied_on
    // first, so at 50 the product rule (1_product, min 10) still wins over the category rule (min 50).
    expect(price.price).toEqual({ amount: 25_001, currency: "EUR" });
    expect(price.tiers).toEqual([{ minQuantity: 10, price: { amount: 23_000, currency: "EUR" } }]);
    const shirtTiers = toPrice({ list: list(2, "b2b-eur"), variant: shirt!, productCurrency: "EUR" }, context).tiers;
    expect(shirtTiers).toEqual([{ minQuantity: 50, price: { amount: 1199, currency: "EUR" } }]);
    expect(price.updatedAt).toBe("2024-05-05T00:00:00.000Z"); // the newest rule or variant that priced it
  });

  it("customer pricelist: fixed contract price with validity, falls back to the base pricelist for tiers", () => {
    const price = toPrice({ list: list(3, "b2b-eur", "EUR", "B-00001"), variant: desk!, productCurrency: "EUR" }, context);
    expect(price).toMatchObject({
      key: "b2b-eur:FURN_0001:B-00001", customerKey: "B-00001", priceListKey: "b2b-eur", price: { amount: 19_900, currency: "EUR" },
      validFrom: "2024-01-01T00:00:00.000Z", validTo: "2099-12-31T23:59:59.000Z", updatedAt: "2024-05-06T00:00:00.000Z",
    });
    // Not priced explicitly for the customer: the base list's global formula applies (19.99 × 0.7143 → 14.28).
    expect(computePrice(3, pricedVariant(shirt!), 1, context).value).toBeCloseTo(14.28, 9);
  });

  it("fixed rule in a foreign-currency pricelist; list-price fallback in a foreign currency is a per-record error", () => {
    expect(toPrice({ list: list(4, "retail-usd", "USD"), variant: desk!, productCurrency: "EUR" }, context).price).toEqual({ amount: 37_999, currency: "USD" });
    expect(() => toPrice({ list: list(4, "retail-usd", "USD"), variant: shirt!, productCurrency: "EUR" }, context)).toThrow(/price\.currency|convert/);
  });

  it("rules outside their dates do not apply", () => {
    const expired = { ...context, now: "2100-01-01 00:00:00" };
    expect(computePrice(3, pricedVariant(desk!), 1, expired).rule?.id).toBe(5);
  });
});
