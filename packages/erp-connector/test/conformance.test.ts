import { afterAll, beforeAll, describe, it } from "vitest";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../src";
import { startOdooEmulator, type OdooEmulator } from "../src/testing";

// Page size 2: even the three price lists span two pages. A loose rate budget keeps the
// thousand-odd small requests from waiting on the 100 req/s default.
for (const version of [17, 19] as const) {
  describe(`Odoo ${version} conformance`, () => {
    let emulator: OdooEmulator;
    beforeAll(async () => {
      emulator = await startOdooEmulator({ world: createWorld({ seed: 3, products: 10 }), version });
    });
    afterAll(() => emulator.stop());
    for (const check of connectorConformance({ connect: async () => createOdooConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }) }), pageSize: 2 })) it(check.name, check.run);
  });
}
