export { createOdooConnector, odooCapabilities } from "./odoo-connector";
export { odooSettingsSchema, parseOdooSettings, type OdooSettings, type OdooSettingsInput } from "./odoo-settings";
