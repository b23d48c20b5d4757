// Use @omnibridge/crm-connector alone: upsert customers in batches, one outcome per record.
// Against a real HubSpot portal pass { token } (a private app token).
import assert from "node:assert/strict";
import { createWorld } from "@omnibridge/testkit";
import { createHubSpotConnector } from "@omnibridge/crm-connector";
import { hubSpotEmulator } from "@omnibridge/crm-connector/testing";

const world = createWorld({ seed: 7, products: 40 });
const emulator = await hubSpotEmulator.start({ world });
const hubspot = createHubSpotConnector(emulator.settings);
try {
  const customers = [...world.customers()].filter((c) => c.email).slice(0, 30);
  const outcomes = await hubspot.write("customer", customers);
  assert.equal(outcomes.length, customers.length);
  assert.ok(outcomes.every((o) => o.status !== "failed"), JSON.stringify(outcomes.find((o) => o.status === "failed")));
  let read = 0;
  for await (const page of hubspot.read("customer", { pageSize: 100 })) read += page.items.length;
  assert.ok(read >= customers.length);
  console.log(`hubspot: ${outcomes.length} customers upserted, ${read} contacts read`);
} finally {
  await hubspot.close();
  await emulator.stop();
}
