// Use @omnibridge/cms-connector alone: product pages in WordPress, idempotent by SKU.
// Against a real site pass { url, username, applicationPassword }; here its emulator.
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createWordpressConnector } from "@omnibridge/cms-connector";
import { wordpressEmulator } from "@omnibridge/cms-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await wordpressEmulator.start({ world });
const wordpress = createWordpressConnector(emulator.settings);
try {
  const products = [...world.products()].slice(0, 5);
  const first = await wordpress.write("product", products);
  assert.ok(first.every((o) => o.status !== "failed"), JSON.stringify(first));
  const second = await wordpress.write("product", products);
  assert.ok(second.every((o) => o.status === "unchanged" || o.status === "updated"), JSON.stringify(second));
  console.log(`wordpress: ${first.length} product pages written, re-run created no duplicates`);
} finally {
  await wordpress.close();
  await emulator.stop();
}
