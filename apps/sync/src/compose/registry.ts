import { CONNECTOR_CONTRACT_V1, type ConnectorV1 } from "@omnibridge/core-model";
import type { AdapterContext, AdapterFactory } from "./types";

type CreateConnector = (settings: { system: string } & Record<string, unknown>) => ConnectorV1;
/**
 * Each connector's factory, imported with a literal specifier: the type checker sees every
 * package and signature, and a run still loads only the vendors it uses (startup stays small).
 * The config's settings are validated by the connector itself (zod, errors naming the field).
 */
function typed<F extends (input: never) => ConnectorV1>(load: () => Promise<F>): () => Promise<CreateConnector> {
  // Settings come from the config file: the factory's own schema validates them (errors name the field).
  return async () => (await load()) as unknown as CreateConnector;
}

/** Adapter name → connector package factory. The only place the app names connector packages. */
const BUILTIN: Record<string, { load: () => Promise<CreateConnector>; packageName: string }> = {
  odoo: { load: typed(async () => (await import("@omnibridge/erp-connector")).createOdooConnector), packageName: "@omnibridge/erp-connector" },
  akeneo: { load: typed(async () => (await import("@omnibridge/pim-connector")).createAkeneoConnector), packageName: "@omnibridge/pim-connector" },
  hubspot: { load: typed(async () => (await import("@omnibridge/crm-connector")).createHubSpotConnector), packageName: "@omnibridge/crm-connector" },
  wordpress: { load: typed(async () => (await import("@omnibridge/cms-connector")).createWordpressConnector), packageName: "@omnibridge/cms-connector" },
  contentful: { load: typed(async () => (await import("@omnibridge/cms-connector")).createContentfulConnector), packageName: "@omnibridge/cms-connector" },
};

/** Names of the adapters the app ships with. */
export const BUILTIN_ADAPTERS: readonly string[] = Object.keys(BUILTIN);

/** Thrown when an adapter cannot be built (package missing its factory, bad settings). */
export class AdapterError extends Error {
  override readonly name = "AdapterError";
}

/** The factory of a built-in adapter, or undefined for an unknown adapter name. */
export async function builtinFactory(adapter: string): Promise<AdapterFactory | undefined> {
  const entry = Object.hasOwn(BUILTIN, adapter) ? BUILTIN[adapter] : undefined;
  if (!entry) return undefined;
  const create = await entry.load();
  return (settings, context) => create({ system: context.system, ...settings });
}

/**
 * An adapter from a connector package's factory, loaded on first use (extensions' adapters, e.g.
 * the shop vendors): typed by the literal specifier in `load`, settings validated by the factory.
 */
export function lazyAdapter<F extends (input: never) => ConnectorV1>(load: () => Promise<F>): AdapterFactory {
  const create = typed(load);
  // Every adapter's settings take the system id, so state, ids and errors name the configured system.
  return async (settings, context) => (await create())({ system: context.system, ...settings });
}

/** Build the connector of one configured system. */
export async function createConnector(
  adapter: string,
  settings: Record<string, unknown>,
  context: AdapterContext,
  custom: Record<string, AdapterFactory> = {},
): Promise<ConnectorV1> {
  const factory = Object.hasOwn(custom, adapter) ? custom[adapter] : await builtinFactory(adapter);
  if (!factory) throw new AdapterError(`unknown adapter "${adapter}"`);
  let connector: ConnectorV1;
  try {
    connector = await factory(settings, context);
  } catch (error) {
    throw new AdapterError(`systems.${context.system}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (connector?.contract !== CONNECTOR_CONTRACT_V1) throw new AdapterError(`systems.${context.system}: adapter "${adapter}" did not return a ${CONNECTOR_CONTRACT_V1} connector`);
  return connector;
}
