import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAkeneoConnector, type AkeneoSettingsInput } from "../src";
import { startAkeneoEmulator, type AkeneoEmulator } from "../src/testing";

describe("akeneo conformance", () => {
  let emulator: AkeneoEmulator;
  beforeAll(async () => {
    emulator = await startAkeneoEmulator({ world: createWorld({ seed: 7, products: 60 }) });
  });
  afterAll(() => emulator.stop());

  for (const check of connectorConformance({ connect: async () => createAkeneoConnector(emulator.settings), pageSize: 10 })) {
    it(check.name, check.run);
  }
});

describe("akeneo through the testkit host", () => {
  it("starts from the factory, seeds the world and reads it", async () => {
    const { startEmulators } = await import("@omnibridge/testkit");
    const { akeneoEmulator } = await import("../src/testing");
    const world = createWorld({ seed: 8, products: 30 });
    const host = await startEmulators({ world, factories: [akeneoEmulator] });
    try {
      const connector = createAkeneoConnector(host.get("akeneo").settings as AkeneoSettingsInput);
      const keys: string[] = [];
      for await (const page of connector.read("product", { pageSize: 50 })) keys.push(...page.items.map((p) => p.key));
      expect(keys.sort()).toEqual([...world.products()].map((p) => p.key).sort());
      await connector.close();
    } finally {
      await host.stop();
    }
  });
});
