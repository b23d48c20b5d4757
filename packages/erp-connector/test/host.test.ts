import { describe, expect, it } from "vitest";
import { createWorld, startEmulators } from "@omnibridge/testkit";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../src";
import { odooEmulator } from "../src/testing";
import { readAll } from "./read-all";

describe("Odoo emulator served by the testkit host", () => {
  it("reads every kind through seeded 5xx/reset faults, retrying until done", async () => {
    const world = createWorld({ seed: 4, products: 15 });
    const host = await startEmulators({
      world, factories: [odooEmulator], faults: { odoo: { default: { serverError: 0.1, reset: 0.05 } } },
    });
    try {
      const emulator = host.get("odoo");
      const settings = emulator.settings as { url: string; database: string; username: string; apiKey: string };
      const connector = createOdooConnector({
        ...settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { retries: 8, minDelayMs: 2, maxDelayMs: 10 },
      });
      for (const kind of ["product", "price", "stockLevel", "customer", "order"] as const) {
        const { items, issues } = await readAll(connector, kind, { pageSize: 20 });
        expect(items.length, kind).toBeGreaterThan(0);
        expect(issues, kind).toEqual([]);
      }
      expect(connector.metrics().retries).toBeGreaterThan(0);
      await connector.close();
    } finally {
      await host.stop();
    }
  });
});
