// Use @omnibridge/cms-connector alone: publish product pages to Contentful, read them back by sync.
// Against a real space pass { spaceId, environment, managementToken, deliveryToken }.
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createContentfulConnector } from "@omnibridge/cms-connector";
import { contentfulEmulator } from "@omnibridge/cms-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await contentfulEmulator.start({ world });
const contentful = createContentfulConnector(emulator.settings);
try {
  const products = [...world.products()].slice(0, 5);
  const first = await contentful.write("product", products);
  assert.ok(first.every((o) => o.status === "created" || o.status === "updated"), JSON.stringify(first));
  const second = await contentful.write("product", products);
  assert.ok(second.every((o) => o.status !== "failed" && o.status !== "created"), JSON.stringify(second));
  let entries = 0;
  for await (const page of contentful.read("contentEntry", { pageSize: 50 })) entries += page.items.length;
  assert.ok(entries > 0);
  console.log(`contentful: ${first.length} product pages published (re-run created none), ${entries} entries synced`);
} finally {
  await contentful.close();
  await emulator.stop();
}
