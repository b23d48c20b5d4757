import { z } from "zod";
import type { SyncExtension } from "../../engine/extension";
import { orderStatusScreen } from "./order-status-screen";
import { SHOP_ADAPTERS } from "./shop-adapters";

/**
 * The sales channel (issue 20): the shop adapters (Shopware 6, Medusa v2) and the order loop.
 * A flow marked `shopStatus: <shop system>` sends ERP order status and shipments back to that shop,
 * for the orders it placed only.
 */
export const shopExtension: SyncExtension = {
  name: "shop",
  adapters: SHOP_ADAPTERS,
  flowConfig: { shopStatus: z.string().min(1).optional() },
  forFlow: async (flow) => {
    const shop = flow.options.shopStatus;
    if (typeof shop !== "string" || flow.source.entity !== "order") return undefined;
    return { hooks: { screen: orderStatusScreen(shop) } };
  },
};

export { shopFlows, type ShopSystems } from "./shop-flows";
export { NOT_FROM_SHOP } from "./order-status-screen";
