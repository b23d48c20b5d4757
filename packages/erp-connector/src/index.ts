/**
 * @omnibridge/erp-connector — ERP adapters for omnibridge. Odoo 17/18 over JSON-RPC
 * `execute_kw`, Odoo 19 over JSON-2; see the README for kinds, cursors and settings.
 */
export { createOdooConnector, odooCapabilities, odooSettingsSchema, parseOdooSettings, type OdooSettings, type OdooSettingsInput } from "./odoo";
