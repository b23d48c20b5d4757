export { createWordpressConnector } from "./wordpress-connector";
export { wordpressSettingsSchema, type WordpressSettings, type ResolvedWordpressSettings } from "./wordpress-settings";
