import type { EmulatorHost, World } from "@omnibridge/testkit";
import { startEmulators } from "@omnibridge/testkit";
import { emulatorFactory } from "../compose/emulators";
import { startRealWordPress } from "./wordpress";

/** A system of the demo world and how it runs. */
export interface DemoSystem {
  id: string;
  adapter: string;
  settings: Record<string, unknown>;
  /** `emulator at …`, `real WordPress at …`. */
  how: string;
}

/** The demo's systems: emulators for every vendor whose package provides one, the real WordPress where it starts. */
export async function startWorldSystems(world: World, cms: "wordpress" | "contentful" | "both"): Promise<{ host: EmulatorHost; systems: DemoSystem[]; missing: string[]; stop: () => Promise<void> }> {
  const vendors = ["odoo", "akeneo", "hubspot", ...(cms === "wordpress" ? [] : ["contentful"])];
  const factories = [];
  const missing: string[] = [];
  for (const vendor of vendors) {
    const factory = await emulatorFactory(vendor);
    if (typeof factory === "string") missing.push(`${vendor}: ${factory}`);
    else factories.push(factory);
  }
  const host = await startEmulators({ world, factories });
  const stops: Array<() => Promise<void>> = [() => host.stop()];
  const systems: DemoSystem[] = host.emulators.map((e) => ({ id: e.name, adapter: e.name, settings: e.settings, how: `emulator at ${e.url}` }));
  if (cms !== "contentful") {
    const real = await startRealWordPress();
    if ("settings" in real) systems.push({ id: "wordpress", adapter: "wordpress", settings: real.settings, how: `real WordPress at ${real.url}` });
    else {
      const factory = await emulatorFactory("wordpress");
      if (typeof factory === "string") missing.push(`wordpress: ${real.reason}; no emulated variant: ${factory}`);
      else {
        const emulated = await factory.start({ world });
        systems.push({ id: "wordpress", adapter: "wordpress", settings: emulated.settings, how: `EMULATED WordPress at ${emulated.url} (the real one could not start: ${real.reason})` });
        stops.push(() => emulated.stop());
      }
    }
  }
  return { host, systems, missing, stop: async () => void (await Promise.allSettled(stops.map((s) => s()))) };
}
