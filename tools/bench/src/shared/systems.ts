import { startOdooEmulator, type OdooEmulator } from "@omnibridge/erp-connector/testing";
import { startAkeneoEmulator, type AkeneoEmulator } from "@omnibridge/pim-connector/testing";
import { applyWorldChanges, startHubSpotEmulator, type HubSpotEmulator } from "@omnibridge/crm-connector/testing";
import type { FaultPlan, RateLimitOptions, World, WorldChangeSet } from "@omnibridge/testkit";

/** Vendors the bench and chaos suites run (the CMS package has no emulator yet: see BENCHMARKS.md). */
export type SystemId = "odoo" | "akeneo" | "hubspot";
export const SYSTEM_IDS: readonly SystemId[] = ["odoo", "akeneo", "hubspot"];

/** Options of {@link startSystems}. */
export interface SystemsOptions {
  world: World;
  faults?: Partial<Record<SystemId, FaultPlan>>;
  /** Emulator-side rate limits; HubSpot's and Akeneo's default to the vendors' documented ones, Odoo has none. */
  rateLimits?: Partial<Record<SystemId, RateLimitOptions>>;
  seed?: number;
}

/** A config `systems` entry whose secret values are `${ENV}` references, plus the values for the child's env. */
export interface SystemConfig {
  adapter: string;
  /** The system's role (`shop` for a shop; the built-in adapters imply theirs). */
  role?: string;
  settings: Record<string, unknown>;
}

/** The running emulators with their in-memory state (for reading targets back) and config entries. */
export interface Systems {
  odoo: OdooEmulator;
  akeneo: AkeneoEmulator;
  hubspot: HubSpotEmulator;
  config: Record<SystemId, SystemConfig>;
  /** Environment variables holding every secret of every system's settings. */
  env: Record<string, string>;
  /** Every secret string of the systems' settings (for leak scans). */
  secrets: string[];
  apply(changes: WorldChangeSet): Promise<void>;
  requestCounts(): Record<SystemId, number>;
  stop(): Promise<void>;
}

/** Settings keys that hold secrets, per vendor. */
const SECRET_KEYS: Record<SystemId, readonly string[]> = { odoo: ["apiKey"], akeneo: ["secret", "password"], hubspot: ["token"] };

/** Replace secret settings by `${OB_<SYSTEM>_<KEY>}` references and collect their values. */
function withEnvSecrets(system: SystemId, settings: Record<string, unknown>, env: Record<string, string>): Record<string, unknown> {
  const out = { ...settings };
  for (const key of SECRET_KEYS[system]) {
    const value = out[key];
    if (typeof value !== "string") continue;
    const name = `OB_${system.toUpperCase()}_${key.toUpperCase()}`;
    env[name] = value;
    out[key] = `\${${name}}`;
  }
  return out;
}

/** Start the Odoo, Akeneo and HubSpot emulators on 127.0.0.1, seeded from the world. */
export async function startSystems(options: SystemsOptions): Promise<Systems> {
  const { world } = options;
  const seed = options.seed ?? world.seed;
  const odoo = await startOdooEmulator({ world, faults: options.faults?.odoo, rateLimit: options.rateLimits?.odoo, seed });
  const akeneo = await startAkeneoEmulator({
    world, faults: options.faults?.akeneo, ...(options.rateLimits?.akeneo ? { rateLimit: options.rateLimits.akeneo } : {}), seed,
  });
  const hubspot = await startHubSpotEmulator({
    customers: world.customers(), companies: world.companies(), segments: world.segments(),
    faults: options.faults?.hubspot, rateLimit: options.rateLimits?.hubspot, seed,
  });
  const env: Record<string, string> = {};
  const config: Record<SystemId, SystemConfig> = {
    odoo: { adapter: "odoo", settings: withEnvSecrets("odoo", { ...odoo.settings }, env) },
    akeneo: { adapter: "akeneo", settings: withEnvSecrets("akeneo", { ...akeneo.settings }, env) },
    hubspot: { adapter: "hubspot", settings: withEnvSecrets("hubspot", { ...hubspot.settings }, env) },
  };
  return {
    odoo, akeneo, hubspot, config, env, secrets: Object.values(env),
    async apply(changes) {
      odoo.apply(changes);
      await akeneo.apply(changes);
      applyWorldChanges(hubspot.store, changes);
    },
    requestCounts: () => ({ odoo: odoo.requestCount(), akeneo: akeneo.requestCount(), hubspot: hubspot.server.requestCount() }),
    async stop() {
      await Promise.allSettled([odoo.stop(), akeneo.stop(), hubspot.stop()]);
    },
  };
}
