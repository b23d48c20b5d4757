import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector, odooCapabilities } from "../src";
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
    const connect = async () => createOdooConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }) });
    for (const check of connectorConformance({ connect, pageSize: 2 })) it(check.name, check.run);
  });
}

describe("odooCapabilities", () => {
  it("equals what a connector built by defineConnector declares", async () => {
    const connector = createOdooConnector({ url: "http://127.0.0.1:9", database: "db", username: "u", apiKey: "k" });
    expect(connector.capabilities).toEqual(odooCapabilities);
    await connector.close();
  });
});
