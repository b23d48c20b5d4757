import type { AdapterFactory } from "../../config";
import { lazyAdapter } from "../../compose";

/**
 * Adapters the shop extension adds: `shopware` (Admin API) and `medusa` (v2 admin API), imported with
 * literal specifiers (typed) and loaded only when a configured system uses them.
 */
export const SHOP_ADAPTERS: Readonly<Record<string, AdapterFactory>> = {
  shopware: lazyAdapter(async () => (await import("@omnibridge/shop-connector")).createShopwareConnector),
  medusa: lazyAdapter(async () => (await import("@omnibridge/shop-connector")).createMedusaConnector),
};
