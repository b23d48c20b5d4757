import type { EmulatorFactory } from "@omnibridge/testkit";

/**
 * Emulator factories of the connector packages' `./testing` exports, for the demo: the only
 * other place besides the adapter registry that names connector packages. Literal specifiers, so
 * the type checker sees each factory; loaded only when the demo asks for that vendor.
 */
const EMULATORS: Record<string, () => Promise<EmulatorFactory>> = {
  odoo: async () => (await import("@omnibridge/erp-connector/testing")).odooEmulator,
  akeneo: async () => (await import("@omnibridge/pim-connector/testing")).akeneoEmulator,
  hubspot: async () => (await import("@omnibridge/crm-connector/testing")).hubSpotEmulator,
  contentful: async () => (await import("@omnibridge/cms-connector/testing")).contentfulEmulator,
  wordpress: async () => (await import("@omnibridge/cms-connector/testing")).wordpressEmulator,
};

/** The emulator factory of a vendor, or a reason it is not available. */
export async function emulatorFactory(vendor: string): Promise<EmulatorFactory | string> {
  const load = Object.hasOwn(EMULATORS, vendor) ? EMULATORS[vendor] : undefined;
  if (!load) return `no emulator known for "${vendor}"`;
  try {
    return await load();
  } catch (error) {
    return `cannot load its testing export: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
}
