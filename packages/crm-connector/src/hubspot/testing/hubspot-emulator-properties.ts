/** A property definition as the emulator's account has it. */
export interface EmulatorProperty {
  name: string;
  type: "string" | "number" | "datetime" | "enumeration" | "bool";
  hasUniqueValue?: boolean;
  options?: string[];
}

const s = (name: string, hasUniqueValue = false): EmulatorProperty => ({ name, type: "string", hasUniqueValue });
const n = (name: string): EmulatorProperty => ({ name, type: "number" });
const d = (name: string): EmulatorProperty => ({ name, type: "datetime" });
const e = (name: string, options: string[]): EmulatorProperty => ({ name, type: "enumeration", options });
const common = [n("hs_object_id"), d("createdate"), d("hs_lastmodifieddate")];
const lifetime = [n("omnibridge_order_count"), n("omnibridge_revenue"), s("omnibridge_revenue_currency"), d("omnibridge_first_order_date"), d("omnibridge_last_order_date"), n("omnibridge_clv")];
const consent = ["granted", "denied", "unknown"];

/**
 * The account's property definitions: HubSpot defaults the adapter touches plus the
 * `omnibridge_*` custom properties (unique ones are upsert idProperties).
 * https://knowledge.hubspot.com/properties/hubspots-default-contact-properties
 */
export const EMULATOR_PROPERTIES: Record<string, EmulatorProperty[]> = {
  contacts: [
    ...common, d("lastmodifieddate"), s("email", true), s("firstname"), s("lastname"), s("phone"), s("hs_language"),
    e("hs_email_optout", ["true", "false"]), s("omnibridge_customer_key", true), s("omnibridge_customer_number"), s("omnibridge_customer_group"),
    e("omnibridge_email_consent", consent), e("omnibridge_sms_consent", consent), d("omnibridge_consent_updated_at"), s("omnibridge_consent_source"),
    ...lifetime, s("omnibridge_promotions"), s("omnibridge_campaigns"), s("omnibridge_campaign_url"), s("omnibridge_campaign_promotions"),
  ],
  companies: [
    ...common, s("name"), s("domain"), s("omnibridge_company_key", true), s("omnibridge_customer_number"), s("omnibridge_customer_group"),
    s("omnibridge_vat_id"), ...lifetime,
  ],
  deals: [
    ...common, s("dealname"), n("amount"), s("deal_currency_code"), d("closedate"), s("dealstage"), s("pipeline"),
    s("omnibridge_order_key", true), s("omnibridge_channel"), s("omnibridge_order_status"), s("omnibridge_payment_status"),
    n("omnibridge_subtotal"), n("omnibridge_tax_total"), n("omnibridge_shipping"),
  ],
  line_items: [
    ...common, s("name"), s("hs_sku"), n("quantity"), n("price"), n("amount"), s("hs_line_item_currency_code"), n("hs_tax_rate"),
    s("hs_product_id"), s("omnibridge_line_key", true), n("omnibridge_line_discount"), n("omnibridge_line_tax"),
  ],
  products: [...common, s("name"), s("hs_sku", true), n("price"), s("description")],
};
