import { afterAll, describe, it } from "vitest";
import { connectorConformance } from "@omnibridge/core-model/testing";
import { createWorld } from "@omnibridge/testkit";
import { createShopwareConnector } from "../src";
import { startShopwareEmulator, type ShopwareEmulator } from "../src/testing";

const emulators: ShopwareEmulator[] = [];
afterAll(async () => Promise.all(emulators.map((e) => e.stop())));

describe("shopware conformance", () => {
  const world = createWorld({ seed: 5, products: 10 });
  const checks = connectorConformance({
    pageSize: 3,
    connect: async () => {
      const emulator = await startShopwareEmulator({
        products: world.products(), prices: world.prices(), customers: [...world.customers()].slice(0, 8),
        orders: [...world.orders()].filter((o) => o.channel === "web").slice(0, 7),
      });
      emulators.push(emulator);
      return createShopwareConnector(emulator.settings);
    },
  });
  for (const check of checks) it(check.name, check.run);
});
