import { beforeAll, describe, inject, it } from "vitest";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { priceSchema, productSchema, stockLevelSchema } from "@omnibridge/core-model";
import { admin, connect, run, storeApi } from "./medusa-test-helpers";

const facts = inject("medusa");

/** At least two of every readable kind on the shared server, whatever ran before. */
beforeAll(async () => {
  const connector = connect(facts);
  const now = new Date().toISOString();
  // Three of each, so pages of two span several pages even on a fresh server (stock pages by inventory item).
  const skus = [`CONF-${run}-1`, `CONF-${run}-2`, `CONF-${run}-3`];
  await connector.write("product", skus.map((sku) => productSchema.parse({ key: sku, updatedAt: now, name: { en: sku },
    status: "active" })));
  await connector.write("price", skus.map((sku) => priceSchema.parse({ key: `retail-eur/${sku}`, updatedAt: now,
    priceListKey: "retail-eur", sku,
    price: { amount: 995, currency: "EUR" } })));
  await connector.write("stockLevel", skus.flatMap((sku) => ["warehouse", "store-munich"].map((locationKey) => stockLevelSchema.parse({
    key: `${sku}@${locationKey}`, updatedAt: now, sku, locationKey, onHand: 5, reserved: 0, available: 5 }))));
  await connector.writeCustomerGroups([{ key: `conf-${run}`, externalIds: {}, updatedAt: now, name: `Conformance ${run}`,
    taxMode: "gross", priceListKeys: [] }]);
  await connector.write("priceList", [1, 2, 3].map((n) => ({ key: `conf-${run}-${n}`, externalIds: {}, updatedAt: now,
    name: `Conformance ${run} ${n}`,
    currency: "EUR", channels: [], customerGroup: `conf-${run}`, taxMode: "gross" as const })));
  const { variants } = await admin(facts, "GET",
    `/admin/product-variants?${skus.map((sku) => `sku[]=${sku}`).join("&")}&fields=id`) as { variants: Array<{ id: string }> };
  for (const [i, variant] of variants.entries()) {
    await storeApi(facts).placeOrder({ email: `conf-${run}-${i}@example.com`, shippingOptionId: facts.shippingOptions.delivery,
      items: [{ variantId: variant.id, quantity: 1 }] });
  }
  // A third stock location (once per server), so pages of two span several pages for every kind.
  const { count } = await admin(facts, "GET", "/admin/stock-locations?limit=1&fields=id") as { count: number };
  if (count < 3) await admin(facts, "POST", "/admin/stock-locations", { name: "Outlet Hamburg", address: { address_1: "Hafenstraße 1",
    city: "Hamburg", country_code: "de" } });
  await connector.close();
  // Scans (stock, price lists) look back a few seconds by the server's clock; let the seed age past that.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
});

describe("medusa conformance (real server)", () => {
  const checks = connectorConformance({ pageSize: 2, connect: async () => connect(facts) });
  for (const check of checks) it(check.name, check.run, 300_000);
});
