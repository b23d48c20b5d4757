import { afterAll, describe, expect, inject, it } from "vitest";
import { productSchema, priceSchema, stockLevelSchema, type Product } from "@omnibridge/core-model";
import { admin, connect, readAll, run } from "./medusa-test-helpers";

const facts = inject("medusa");
const connector = connect(facts);
afterAll(() => connector.close());
const now = new Date().toISOString();
const key = `tee-${run}`;
const sku = (size: string, color: string) => `TEE-${run}-${size}-${color}`;

function tee(name: string, sizes: string[]): Product {
  return productSchema.parse({
    key, updatedAt: now, name: { en: name }, description: { en: "Organic cotton" }, status: "active", variantAxes: ["Size", "Color"],
    variants: sizes.flatMap((size) => ["Red", "Blue"].map((color) => ({ sku: sku(size, color), optionValues: { Size: size,
      Color: color } }))),
  });
}

describe("medusa catalog on a real server", () => {
  it("creates a product with options and variants, matched back by sku", async () => {
    const [outcome] = await connector.write("product", [tee("Tee", ["S", "M"])]);
    expect(outcome).toMatchObject({ key, status: "created", externalId: expect.stringMatching(/^prod_/) });
    const { items } = await readAll(connector, "product");
    const read = items.find((p) => p.key === key)!;
    expect(read.name).toEqual({ en: "Tee" });
    expect(read.variantAxes.sort()).toEqual(["Color", "Size"]);
    expect(read.variants.map((v) => `${v.sku}=${v.optionValues.Size}/${v.optionValues.Color}`).sort()).toEqual(
      [sku("M", "Blue"), sku("M", "Red"), sku("S", "Blue"), sku("S",
        "Red")].map((s) => `${s}=${s.split("-")[2]}/${s.split("-")[3]}`).sort());
  });

  it("updates it: new name, a new size (option value) and its variants, idempotently", async () => {
    const [first] = await connector.write("product", [tee("Tee Deluxe", ["S", "M", "L"])]);
    expect(first, JSON.stringify(first)).toMatchObject({ status: "updated" });
    const { items } = await readAll(connector, "product");
    const read = items.find((p) => p.key === key)!;
    expect(read.name.en).toBe("Tee Deluxe");
    expect(read.variants).toHaveLength(6);
    expect(read.variants.find((v) => v.sku === sku("L", "Red"))?.optionValues).toEqual({ Size: "L", Color: "Red" });
  });

  it("writes base prices per currency exactly (major-unit decimals ↔ minor units) and reads them on the variant", async () => {
    const price = (list: string, amount: number, currency: string, tiers: Array<[number, number]> = []) => priceSchema.parse({
      key: `${list}/${sku("S", "Red")}`, updatedAt: now, priceListKey: list, sku: sku("S", "Red"), price: { amount, currency },
      tiers: tiers.map(([minQuantity, a]) => ({ minQuantity, price: { amount: a, currency } })),
    });
    const outcomes = await connector.write("price", [price("retail-eur", 1999, "EUR", [[10, 1799]]), price("retail-usd", 29, "USD")]);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "updated"]);
    const { variants } = await admin(facts, "GET", `/admin/product-variants?sku=${sku("S", "Red")}&fields=id,*prices`) as
      { variants: Array<{ prices: Array<{ amount: number; currency_code: string; min_quantity: number | null }> }> };
    const prices = variants[0]!.prices.map((p) => `${p.currency_code}:${p.amount}:${p.min_quantity ?? 1}`).sort();
    // 0.29 is 0.28999999999999998 as a binary float: it must arrive as 0.29, not 0.28 or 0.2899….
    expect(prices).toEqual(["eur:17.99:10", "eur:19.99:1", "usd:0.29:1"]);
    const again = await connector.write("price", [price("retail-eur", 1999, "EUR", [[10, 1799]])]);
    expect(again[0]?.status).toBe("unchanged");
  });

  it("a price change (a variant change) is found by the product delta, though the product's updated_at stays", async () => {
    const { cursor } = await readAll(connector, "product");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const price = priceSchema.parse({ key: `retail-eur/${sku("M", "Blue")}`, updatedAt: now, priceListKey: "retail-eur", sku: sku("M",
      "Blue"),
      price: { amount: 2499, currency: "EUR" } });
    await connector.write("price", [price]);
    const delta = await readAll(connector, "product", cursor);
    expect(delta.items.map((p) => p.key)).toEqual([key]);
    expect((await readAll(connector, "product", delta.cursor)).items).toEqual([]);
  });

  it("writes stock per stock location (batch levels) and reads each level back", async () => {
    const level = (location: string, onHand: number) => stockLevelSchema.parse({ key: `${sku("S", "Red")}@${location}`, updatedAt: now,
      sku: sku("S", "Red"), locationKey: location, onHand, reserved: 0, available: onHand });
    const created = await connector.write("stockLevel", [level("warehouse", 10), level("store-munich", 3)]);
    expect(created.map((o) => o.status)).toEqual(["created", "created"]);
    const updated = await connector.write("stockLevel", [level("warehouse", 12), level("store-munich", 3),
      stockLevelSchema.parse({ ...level("warehouse", 1), key: "NOPE@warehouse", sku: "NOPE" })]);
    expect(updated.map((o) => o.status)).toEqual(["updated", "unchanged", "failed"]);
    expect(updated[2]?.issue).toMatchObject({ recordKey: "NOPE@warehouse", field: "sku" });
    const { items } = await readAll(connector, "stockLevel");
    const mine = items.filter((s) => s.sku === sku("S", "Red")).map((s) => `${s.locationKey}:${s.onHand}:${s.available}`).sort();
    expect(mine).toEqual(["store-munich:3:3", "warehouse:12:12"]);
  });

  it("reads the stock locations: the store with a pickup fulfillment set is click & collect", async () => {
    const { items } = await readAll(connector, "location");
    expect(items.find((l) => l.key === "store-munich")).toMatchObject({ type: "store", clickAndCollect: true, countryCode: "DE" });
    expect(items.find((l) => l.key === "warehouse")).toMatchObject({ type: "warehouse", clickAndCollect: false });
  });

  it("writes customer groups, customers in them, and a group price list with a price", async () => {
    const group = { key: `dealers-${run}`, externalIds: {}, updatedAt: now, name: `Dealers ${run}`, taxMode: "net" as const,
      priceListKeys: [] };
    expect((await connector.writeCustomerGroups([group]))[0]?.status).toBe("created");
    expect((await connector.writeCustomerGroups([{ ...group, name: `Dealers+ ${run}` }]))[0]?.status).toBe("updated");
    const customer = { key: `C-${run}`, externalIds: {}, updatedAt: now, type: "person" as const, email: `c-${run}@example.com`,
      firstName: "Dana", lastName: "Dealer",
      customerNumber: `C-${run}`, customerGroup: group.key, roles: [], addresses: [], consent: { email: "unknown" as const,
        sms: "unknown" as const }, segments: [] };
    expect((await connector.write("customer", [customer]))[0]?.status).toBe("created");
    expect((await connector.write("customer", [{ ...customer, firstName: "Dani" }]))[0]?.status).toBe("updated");
    const list = { key: `dealers-eur-${run}`, externalIds: {}, updatedAt: now, name: `Dealers EUR ${run}`, currency: "EUR",
      channels: [], customerGroup: group.key, taxMode: "net" as const };
    expect((await connector.write("priceList", [list]))[0]?.status).toBe("created");
    const listPrice = priceSchema.parse({ key: `${list.key}/${sku("S", "Red")}`, updatedAt: now, priceListKey: list.key, sku: sku("S",
      "Red"),
      price: { amount: 1500, currency: "EUR" } });
    expect((await connector.write("price", [listPrice]))[0]?.status).toBe("created");
    expect((await connector.write("price", [listPrice]))[0]?.status).toBe("unchanged");

    const groups = await connector.readCustomerGroups();
    expect(groups.items.find((g) => g.key === group.key)).toMatchObject({ name: `Dealers+ ${run}`, taxMode: "net",
      priceListKeys: [list.key] });
    const customers = await readAll(connector, "customer");
    expect(customers.items.find((c) => c.key === customer.key)).toMatchObject({ firstName: "Dani", customerGroup: group.key,
      customerNumber: `C-${run}` });
    const lists = await readAll(connector, "priceList");
    expect(lists.items.find((l) => l.key === list.key)).toMatchObject({ currency: "EUR", customerGroup: group.key, taxMode: "net" });
  });

  it("archives the product (Medusa deletes softly) and a missing key is unchanged", async () => {
    const outcomes = await connector.archive("product", [key, `missing-${run}`]);
    expect(outcomes.map((o) => o.status)).toEqual(["archived", "unchanged"]);
    const { items } = await readAll(connector, "product");
    expect(items.some((p) => p.key === key)).toBe(false);
  });
});
