import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { TokenBucket } from "@omnibridge/connector-kit";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { createContentfulConnector, createWordpressConnector } from "../src/index";
import { startContentfulEmulator, startWordpressEmulator, type ContentfulEmulator, type WordpressEmulator } from "../src/testing/index";
import { landingPage } from "../src/wordpress/wordpress-test-helpers";

describe("conformance: Contentful (emulator seeded from the testkit world)", () => {
  let emulator: ContentfulEmulator;
  beforeAll(async () => {
    emulator = await startContentfulEmulator({ entries: createWorld({ seed: 42, products: 200 }).contentEntries() });
  });
  afterAll(async () => emulator.stop());
  const connect = async () => createContentfulConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1000 }) });
  for (const check of connectorConformance({ connect, pageSize: 10 })) it(check.name, check.run);
});

describe("conformance: WordPress (the real server)", () => {
  const credentials = inject("wordpress");
  beforeAll(async () => {
    // Fixed keys: idempotent upserts keep this seed from growing across runs.
    const connector = createWordpressConnector(credentials);
    await connector.write("contentEntry", Array.from({ length: 12 }, (_, i) => landingPage(`CONFORMANCE-${i}`)));
    await connector.close();
  });
  const connect = async () => createWordpressConnector(credentials);
  // The shared site grows (the sync demo writes the testkit world's ~1,500 product pages to it): pages of 100
  // still span many pages while keeping each full read to a few dozen requests on a loaded machine.
  for (const check of connectorConformance({ connect, pageSize: 100 })) it(check.name, check.run);
});

describe("conformance: WordPress emulator (seeded from the testkit world)", () => {
  let emulator: WordpressEmulator;
  beforeAll(async () => {
    emulator = await startWordpressEmulator({ entries: createWorld({ seed: 42, products: 200 }).contentEntries() });
  });
  afterAll(async () => emulator.stop());
  const connect = async () => createWordpressConnector(emulator.settings);
  for (const check of connectorConformance({ connect, pageSize: 10 })) it(check.name, check.run);
});
