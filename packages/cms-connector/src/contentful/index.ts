export { createContentfulConnector } from "./contentful-connector";
export { contentfulSettingsSchema, type ContentfulSettings, type ResolvedContentfulSettings } from "./contentful-settings";
