// Use @omnibridge/erp-connector alone: read stock incrementally from Odoo, keep the cursor.
// Against a real Odoo pass { url, database, username, apiKey } instead of the emulator's settings.
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createOdooConnector } from "@omnibridge/erp-connector";
import { odooEmulator } from "@omnibridge/erp-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await odooEmulator.start({ world });
const odoo = createOdooConnector(emulator.settings);
try {
  assert.ok((await odoo.check()).ok);
  let cursor = null;
  let levels = 0;
  for await (const page of odoo.read("stockLevel", { pageSize: 50 })) {
    levels += page.items.length;
    cursor = page.cursor; // store it: the next run reads only what changed since
  }
  assert.equal(levels, world.counts.stockLevels);
  const again = [];
  for await (const page of odoo.read("stockLevel", { cursor })) again.push(...page.items);
  assert.equal(again.length, 0);
  console.log(`odoo: ${levels} stock levels read, nothing new after the cursor`);
} finally {
  await odoo.close();
  await emulator.stop();
}
