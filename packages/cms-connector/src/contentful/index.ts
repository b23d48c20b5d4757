export { createContentfulConnector, type ContentfulConnector } from "./contentful-connector";
export { contentfulSettingsSchema, type ContentfulSettingsInput, type ContentfulSettings, type ResolvedContentfulSettings } from "./contentful-settings";
