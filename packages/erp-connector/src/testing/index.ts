import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from "@omnibridge/testkit";
import { startOdooEmulator } from "../odoo/testing/odoo-emulator";

export { startOdooEmulator, type OdooEmulator, type OdooEmulatorOptions, type ScriptedFault } from "../odoo/testing/odoo-emulator";
export type { SeedPart } from "../odoo/testing/odoo-seed";
export type { ShipOrderOptions, ShippedPicking } from "../odoo/testing/odoo-fulfilment";
export { OdooOrm, OdooFault, odooStamp, type OdooRow } from "../odoo/testing/odoo-orm";

/**
 * The Odoo emulator for the testkit host: seeds the Odoo view of the world (products with
 * variants, pricelists and rules, warehouses + stores, quants, partners with `ref`, sale
 * orders, loyalty programs; settings.asOf = the world epoch) and answers JSON-RPC (17/18) or JSON-2 (19).
 */
export const odooEmulator: EmulatorFactory = {
  name: "odoo",
  async start(options: EmulatorStartOptions): Promise<RunningEmulator> {
    const emulator = await startOdooEmulator({
      world: options.world, faults: options.faults, rateLimit: options.rateLimit, seed: options.seed, port: options.port,
    });
    return {
      name: "odoo", url: emulator.url, settings: { ...emulator.settings },
      apply: (changes) => emulator.apply(changes), requestCount: () => emulator.requestCount(), stop: () => emulator.stop(),
    };
  },
};
