export { createWordpressConnector } from "./wordpress-connector";
export { wordpressSettingsSchema, type WordpressSettingsInput, type WordpressSettings, type ResolvedWordpressSettings } from "./wordpress-settings";
