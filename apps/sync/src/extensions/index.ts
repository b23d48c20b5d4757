import type { SyncExtension } from "../engine/extension";
import { dashboardExtension } from "./dashboard";
import { marketingExtension } from "./marketing";
import { shopOffersExtension } from "./shop-offers";
import { shopExtension } from "./shop";

/** The extensions the `omnibridge` command runs with. */
export const DEFAULT_EXTENSIONS: readonly SyncExtension[] = [marketingExtension, shopOffersExtension, dashboardExtension, shopExtension];

export { marketingExtension } from "./marketing";
export { shopOffersExtension } from "./shop-offers";
export { shopExtension, shopFlows } from "./shop";
