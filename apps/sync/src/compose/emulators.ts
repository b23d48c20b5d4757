import type { EmulatorFactory } from "@omnibridge/testkit";

const load = (specifier: string): Promise<unknown> => import(specifier);

/**
 * Emulator factories of the connector packages' `./testing` exports, for the demo: the only
 * other place besides the adapter registry that names connector packages.
 */
const EMULATORS: Record<string, { load: () => Promise<unknown>; exportName: string }> = {
  odoo: { load: () => load("@omnibridge/erp-connector/testing"), exportName: "odooEmulator" },
  akeneo: { load: () => load("@omnibridge/pim-connector/testing"), exportName: "akeneoEmulator" },
  hubspot: { load: () => load("@omnibridge/crm-connector/testing"), exportName: "hubSpotEmulator" },
  contentful: { load: () => load("@omnibridge/cms-connector/testing"), exportName: "contentfulEmulator" },
  wordpress: { load: () => load("@omnibridge/cms-connector/testing"), exportName: "wordpressEmulator" },
};

/** The emulator factory of a vendor, or a reason it is not available. */
export async function emulatorFactory(vendor: string): Promise<EmulatorFactory | string> {
  const entry = EMULATORS[vendor];
  if (!entry) return `no emulator known for "${vendor}"`;
  let module: Record<string, unknown>;
  try {
    module = (await entry.load()) as Record<string, unknown>;
  } catch (error) {
    return `cannot load its testing export: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  const factory = module[entry.exportName] as EmulatorFactory | undefined;
  return factory && typeof factory.start === "function" ? factory : `its package does not export ${entry.exportName} (yet)`;
}
