export { createAkeneoConnector, type AkeneoConnector } from "./akeneo-connector";
export { akeneoSettingsSchema, type AkeneoSettingsInput, type AkeneoSettings, type ResolvedAkeneoSettings } from "./akeneo-settings";
export { DEFAULT_AKENEO_LOCALE_MAP, createLocaleMapper, type LocaleMapper } from "./akeneo-locales";
