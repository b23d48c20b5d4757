import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentfulEmulator } from "@omnibridge/cms-connector/testing";
import { hubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { odooEmulator } from "@omnibridge/erp-connector/testing";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";
import { createWorld, mutateWorld, startEmulators, type EmulatorHost, type World } from "@omnibridge/testkit";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { resolveConfig, type ConfigInput, type ResolvedConfig } from "../../src/config";
import { defaultFlows } from "../../src/demo/default-flows";
import { runSync, type RunSummary } from "../../src/engine";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";
import { campaignPlanSystem, marketingConfig } from "../../src/extensions/marketing";

/** The demo world the dashboard tests look at: every default flow (marketing on), run, mutated 1%, run again. */
export interface DemoWorld {
  dir: string;
  world: World;
  host: EmulatorHost;
  config: ResolvedConfig;
  /** The config as given (systems and flows), to write a config file for another process. */
  input: ConfigInput;
  stateUrl: string;
  runs: RunSummary[];
  stop(): Promise<void>;
}

/** Systems of a demo world as config entries (the emulators' URLs and test credentials, the campaign plan). */
export function systemsOf(host: EmulatorHost, world: World): ConfigInput["systems"] {
  const plan = campaignPlanSystem(world.campaigns());
  return {
    ...Object.fromEntries(host.emulators.map((e) => [e.name, { adapter: e.name, settings: e.settings }])),
    [plan.id]: { adapter: plan.adapter, settings: plan.settings },
  };
}

/** Start the emulated world and fill a state with a real demo-world run (Contentful as the CMS). */
export async function startDemoWorld(stateUrl: (dir: string) => Promise<string>): Promise<DemoWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-dashboard-"));
  const world = createWorld({ seed: 2030, products: 40, invalidRate: 0.03 });
  const host = await startEmulators({ world, factories: [odooEmulator, akeneoEmulator, hubSpotEmulator, contentfulEmulator] });
  const url = await stateUrl(dir);
  const input: ConfigInput = {
    systems: systemsOf(host, world), flows: defaultFlows(["contentful"], { marketing: true }), state: { url }, ...marketingConfig(),
  };
  const config = resolveConfig(input, { baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
  const first = await runSync(config);
  await host.apply(mutateWorld(world, { changeRate: 0.02 }).changes);
  const second = await runSync(config);
  return {
    dir, world, host, config, input, stateUrl: url, runs: [first, second],
    async stop() {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
