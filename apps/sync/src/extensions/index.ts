import type { SyncExtension } from "../engine/extension";
import { dashboardExtension } from "./dashboard";
import { marketingExtension } from "./marketing";
import { shopOffersExtension } from "./shop-offers";

/** The extensions the `omnibridge` command runs with. */
export const DEFAULT_EXTENSIONS: readonly SyncExtension[] = [marketingExtension, shopOffersExtension, dashboardExtension];

export { marketingExtension } from "./marketing";
export { shopOffersExtension } from "./shop-offers";
