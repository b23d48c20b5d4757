import { afterAll, describe, expect, inject, it } from "vitest";
import { priceSchema, productSchema } from "@omnibridge/core-model";
import { connect, readAll, run, storeApi } from "./medusa-test-helpers";

const facts = inject("medusa");
const connector = connect(facts);
afterAll(() => connector.close());
const now = new Date().toISOString();

describe("medusa B2B: a customer group's price list, as the shopper sees it", () => {
  it("a logged-in customer in the group gets the list price through /store/products; anonymous shoppers get the base price", async () => {
    const sku = `B2B-${run}`;
    await connector.write("product", [productSchema.parse({ key: sku, updatedAt: now, name: { en: `Bulk ${run}` }, status: "active" })]);
    await connector.writeCustomerGroups([{ key: `wholesale-${run}`, externalIds: {}, updatedAt: now, name: `Wholesale ${run}`,
      taxMode: "net", priceListKeys: [] }]);
    await connector.write("priceList", [{ key: `wholesale-eur-${run}`, externalIds: {}, updatedAt: now, name: `Wholesale EUR ${run}`,
      currency: "EUR",
      channels: [], customerGroup: `wholesale-${run}`, taxMode: "net" }]);
    const price = (list: string, amount: number) => priceSchema.parse({ key: `${list}/${sku}`, updatedAt: now, priceListKey: list, sku,
      price: { amount, currency: "EUR" } });
    const written = await connector.write("price", [price("retail-eur", 2000), price(`wholesale-eur-${run}`, 1499)]);
    expect(written.map((o) => o.status)).toEqual(["updated", "created"]);

    // The shopper registers in the store; the connector puts the customer into the group.
    const email = `dealer-${run}@example.com`;
    const shopper = storeApi(facts);
    await shopper.register(email, `pw-${run}-secret`, "Dora", "Dealer");
    const { items } = await readAll(connector, "customer");
    const customer = items.find((c) => c.email === email)!;
    expect(customer.customerGroup).toBeNull();
    expect((await connector.write("customer", [{ ...customer, customerGroup: `wholesale-${run}` }]))[0]?.status).toBe("updated");

    const path = `/store/products?region_id=${facts.regions.eur}&fields=id,*variants.calculated_price,variants.sku&q=${encodeURIComponent(`Bulk ${run}`)}`;
    type Listed = { products: Array<{ variants: Array<{ sku: string; calculated_price: { calculated_amount: number;
      is_calculated_price_price_list: boolean } }> }> };
    const seen = (await shopper.call("GET", path)) as Listed;
    const variant = seen.products[0]!.variants.find((v) => v.sku === sku)!;
    expect(variant.calculated_price).toMatchObject({ calculated_amount: 14.99, is_calculated_price_price_list: true });
    const anonymous = (await storeApi(facts).call("GET", path)) as Listed;
    expect(anonymous.products[0]!.variants[0]!.calculated_price.calculated_amount).toBe(20);
  });
});
