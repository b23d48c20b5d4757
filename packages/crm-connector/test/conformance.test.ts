import { afterAll, describe, it } from "vitest";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { createHubSpotConnector } from "../src";
import { startHubSpotEmulator, type HubSpotEmulator } from "../src/testing";
import { fixtureWorld } from "./fixture-world";

const emulators: HubSpotEmulator[] = [];
afterAll(async () => Promise.all(emulators.map((e) => e.stop())));

describe("hubspot conformance", () => {
  const world = fixtureWorld({ persons: 12, companies: 6, orders: 9 });
  const checks = connectorConformance({
    pageSize: 4,
    connect: async () => {
      const emulator = await startHubSpotEmulator({ ...world, linkContacts: true, searchRateLimit: { limit: 50, windowMs: 1_000 } });
      emulators.push(emulator);
      return createHubSpotConnector(emulator.settings);
    },
  });
  for (const check of checks) it(check.name, check.run);
});
