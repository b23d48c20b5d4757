// Use @omnibridge/pim-connector alone: read enriched products and write ERP prices back.
// Against a real Akeneo pass { url, clientId, secret, username, password }.
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createAkeneoConnector } from "@omnibridge/pim-connector";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await akeneoEmulator.start({ world });
const akeneo = createAkeneoConnector(emulator.settings);
try {
  const products = [];
  for await (const page of akeneo.read("product", { pageSize: 25 })) products.push(...page.items);
  assert.equal(products.length, world.counts.products);
  const prices = [...world.prices()].slice(0, 10);
  const outcomes = await akeneo.write("price", prices);
  assert.ok(outcomes.every((o) => o.status !== "failed"), JSON.stringify(outcomes.find((o) => o.status === "failed")));
  console.log(`akeneo: ${products.length} products read, ${outcomes.length} prices written`);
} finally {
  await akeneo.close();
  await emulator.stop();
}
