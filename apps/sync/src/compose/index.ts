export { ConnectorSet } from "./connectors";
export { BUILTIN_ADAPTERS, createConnector, builtinFactory, lazyAdapter, AdapterError } from "./registry";
export type { AdapterFactory, AdapterContext } from "./types";
