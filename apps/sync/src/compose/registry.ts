import { CONNECTOR_CONTRACT_V1, type ConnectorV1 } from "@omnibridge/core-model";
import type { AdapterContext, AdapterFactory } from "./types";

/**
 * Import by a variable specifier: connector packages are optional at type-check time (their
 * exports are checked at run time), and only the vendors a run uses are loaded.
 */
const load = (specifier: string): Promise<unknown> => import(specifier);

/**
 * Adapter name → connector package export. The only place the app names connector packages;
 * they are imported lazily so a run only loads the vendors it uses.
 */
const BUILTIN: Record<string, { load: () => Promise<unknown>; exportName: string; packageName: string }> = {
  odoo: { load: () => load("@omnibridge/erp-connector"), exportName: "createOdooConnector", packageName: "@omnibridge/erp-connector" },
  akeneo: { load: () => load("@omnibridge/pim-connector"), exportName: "createAkeneoConnector", packageName: "@omnibridge/pim-connector" },
  hubspot: { load: () => load("@omnibridge/crm-connector"), exportName: "createHubSpotConnector", packageName: "@omnibridge/crm-connector" },
  wordpress: { load: () => load("@omnibridge/cms-connector"), exportName: "createWordpressConnector", packageName: "@omnibridge/cms-connector" },
  contentful: { load: () => load("@omnibridge/cms-connector"), exportName: "createContentfulConnector", packageName: "@omnibridge/cms-connector" },
  // The marketing campaign plan kept in the config (no vendor exposes campaigns to read): see marketing/campaign-plan.ts.
  "campaign-plan": { load: () => import("../marketing/campaign-plan"), exportName: "createCampaignPlanConnector", packageName: "@omnibridge/sync" },
};

/** Names of the adapters the app ships with. */
export const BUILTIN_ADAPTERS: readonly string[] = Object.keys(BUILTIN);

/** Thrown when an adapter cannot be built (package missing its factory, bad settings). */
export class AdapterError extends Error {
  override readonly name = "AdapterError";
}

/** The factory of a built-in adapter, or undefined when its package does not provide it (yet). */
export async function builtinFactory(adapter: string): Promise<AdapterFactory | undefined> {
  const entry = BUILTIN[adapter];
  if (!entry) return undefined;
  const module = (await entry.load()) as Record<string, unknown>;
  const create = module[entry.exportName];
  if (typeof create !== "function") return undefined;
  // Every adapter's settings take the system id, so state, ids and errors name the configured system.
  return (settings, context) => (create as (settings: Record<string, unknown>) => ConnectorV1)({ system: context.system, ...settings });
}

/** Build the connector of one configured system. */
export async function createConnector(
  adapter: string,
  settings: Record<string, unknown>,
  context: AdapterContext,
  custom: Record<string, AdapterFactory> = {},
): Promise<ConnectorV1> {
  const factory = Object.hasOwn(custom, adapter) ? custom[adapter] : await builtinFactory(adapter);
  if (!factory) {
    const entry = BUILTIN[adapter];
    throw new AdapterError(entry ? `${entry.packageName} does not export ${entry.exportName}` : `unknown adapter "${adapter}"`);
  }
  let connector: ConnectorV1;
  try {
    connector = await factory(settings, context);
  } catch (error) {
    throw new AdapterError(`systems.${context.system}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (connector?.contract !== CONNECTOR_CONTRACT_V1) throw new AdapterError(`systems.${context.system}: adapter "${adapter}" did not return a ${CONNECTOR_CONTRACT_V1} connector`);
  return connector;
}
