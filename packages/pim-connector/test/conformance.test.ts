import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createAkeneoConnector } from "../src";
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
