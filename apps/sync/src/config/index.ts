export { loadConfig, CONFIG_FILES } from "./load";
export { resolveConfig } from "./resolve";
export type { ResolvedConfig, ResolvedFlow, ResolvedTarget } from "./resolve";
export { ConfigError, formatPath } from "./errors";
export { buildConfigSchema, configSchema } from "./schema";
export type { AdapterContext, AdapterFactory, ConfigExtension, ConfigPartContext } from "./extension";
export type { ConfigInput } from "./schema";
