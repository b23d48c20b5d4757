// Use @omnibridge/shop-connector alone: read the shop's products and orders, push stock, write an order's
// tracking code and shipped state back. Against a real shop pass { url, clientId, clientSecret } of an
// integration (Settings → System → Integrations) and the ids your shop uses (taxId, currencies, salesChannels).
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createShopwareConnector } from "@omnibridge/shop-connector";
import { shopwareEmulator } from "@omnibridge/shop-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await shopwareEmulator.start({ world });
const shopware = createShopwareConnector({ ...emulator.settings, stockLocationKeys: ["WH-1"] });
try {
  let products = 0;
  for await (const page of shopware.read("product", { pageSize: 25 })) products += page.items.length;
  assert.ok(products > 0);
  const orders = [];
  for await (const page of shopware.read("order", { pageSize: 50 })) orders.push(...page.items);
  const [order] = orders;
  assert.ok(order, "the shop has orders");
  const sku = order.lines[0].sku;
  const stock = await shopware.write("stockLevel", [
    { key: `${sku}@WH-1`, externalIds: {}, updatedAt: new Date().toISOString(), sku, locationKey: "WH-1", onHand: 9, reserved: 0, available: 9, incoming: 0 },
  ]);
  assert.equal(stock[0].status, "updated", JSON.stringify(stock[0]));
  const shipped = {
    ...order, fulfilmentStatus: "shipped",
    shipments: [{ key: `${order.key}/1`, externalIds: {}, status: "shipped", carrier: "DHL", trackingNumbers: ["00340434161094042557"], lines: [] }],
  };
  const [outcome] = await shopware.write("order", [shipped]);
  assert.notEqual(outcome.status, "failed", JSON.stringify(outcome));
  console.log(`shopware: ${products} products and ${orders.length} orders read, stock of ${sku} written, order ${order.number} ${outcome.status}`);
} finally {
  await shopware.close();
  await emulator.stop();
}
