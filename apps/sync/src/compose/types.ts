export type { AdapterContext, AdapterFactory } from "../config/extension";
