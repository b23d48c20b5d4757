export { loadConfig, CONFIG_FILES } from "./load";
export { resolveConfig } from "./resolve";
export type { ResolvedConfig, ResolvedFlow, ResolvedTarget } from "./resolve";
export { ConfigError, formatPath } from "./errors";
export { configSchema } from "./schema";
export type { ConfigInput } from "./schema";
