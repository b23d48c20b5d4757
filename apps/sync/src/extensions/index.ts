import type { SyncExtension } from "../engine/extension";
import { marketingExtension } from "./marketing";

/** The extensions the `omnibridge` command runs with. */
export const DEFAULT_EXTENSIONS: readonly SyncExtension[] = [marketingExtension];

export { marketingExtension } from "./marketing";
