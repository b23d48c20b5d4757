import type { ConnectorV1 } from "@omnibridge/core-model";
import type { AdapterFactory } from "../../config";

type CreateConnector = (settings: { system: string } & Record<string, unknown>) => ConnectorV1;

/**
 * The shop vendors' factories, imported with literal specifiers (typed) and loaded only when a
 * configured system uses them. Settings are validated by the connector's own schema (errors name
 * the field), as for the built-in adapters.
 */
function adapter(load: () => Promise<(input: never) => ConnectorV1>): AdapterFactory {
  return async (settings, context) => {
    const create = (await load()) as unknown as CreateConnector;
    return create({ system: context.system, ...settings });
  };
}

/** Adapters the shop extension adds: `shopware` (Admin API) and `medusa` (v2 admin API). */
export const SHOP_ADAPTERS: Readonly<Record<string, AdapterFactory>> = {
  shopware: adapter(async () => (await import("@omnibridge/shop-connector")).createShopwareConnector),
  medusa: adapter(async () => (await import("@omnibridge/shop-connector")).createMedusaConnector),
};
