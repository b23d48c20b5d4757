export { createMedusaConnector, type MedusaConnector, type MedusaShopRecords } from "./medusa-connector";
export { medusaSettingsSchema, type MedusaSettings, type MedusaSettingsInput } from "./medusa-settings";
