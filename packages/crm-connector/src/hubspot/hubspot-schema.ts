/**
 * Property names and association types the adapter relies on. The `omnibridge_*` properties
 * are custom properties the HubSpot account must define (check() reports missing ones).
 * https://developers.hubspot.com/docs/guides/api/crm/properties
 */
export const CONTACT_PROPS = {
  key: "omnibridge_customer_key",
  customerNumber: "omnibridge_customer_number",
  customerGroup: "omnibridge_customer_group",
  emailConsent: "omnibridge_email_consent",
  smsConsent: "omnibridge_sms_consent",
  consentUpdatedAt: "omnibridge_consent_updated_at",
  consentSource: "omnibridge_consent_source",
} as const;

/**
 * Marketing properties on contacts (single-line text). Multi-value ones hold semicolon-separated
 * keys, as HubSpot's multiple-checkbox values are written.
 * https://developers.hubspot.com/docs/guides/api/crm/properties#multiple-checkbox-properties
 */
export const MARKETING_PROPS = {
  promotions: "omnibridge_promotions",
  campaigns: "omnibridge_campaigns",
  campaignUrl: "omnibridge_campaign_url",
  campaignPromotions: "omnibridge_campaign_promotions",
} as const;

/** Lifetime figures (order count, revenue as a decimal, currency, last order date) on contacts and companies. */
export const LIFETIME_PROPS = {
  orderCount: "omnibridge_order_count",
  revenue: "omnibridge_revenue",
  currency: "omnibridge_revenue_currency",
  firstOrderAt: "omnibridge_first_order_date",
  lastOrderAt: "omnibridge_last_order_date",
  /** Customer lifetime value (the segment engine's one CLV definition), a decimal in the revenue currency. */
  clv: "omnibridge_clv",
} as const;

/** Company custom properties. */
export const COMPANY_PROPS = {
  key: "omnibridge_company_key",
  customerNumber: "omnibridge_customer_number",
  customerGroup: "omnibridge_customer_group",
  vatId: "omnibridge_vat_id",
} as const;

/** Deal (order) custom properties. */
export const DEAL_PROPS = {
  key: "omnibridge_order_key",
  channel: "omnibridge_channel",
  status: "omnibridge_order_status",
  paymentStatus: "omnibridge_payment_status",
  subtotal: "omnibridge_subtotal",
  taxTotal: "omnibridge_tax_total",
  shipping: "omnibridge_shipping",
} as const;

/** Line item custom properties (the key is `<orderKey>/<lineKey>`, unique). */
export const LINE_ITEM_PROPS = { key: "omnibridge_line_key", discount: "omnibridge_line_discount", tax: "omnibridge_line_tax" } as const;

/** Contact properties read for a customer. Contacts' last-modified property is `lastmodifieddate`. */
export const CONTACT_READ_PROPERTIES = [
  "email", "firstname", "lastname", "phone", "hs_language", "lastmodifieddate", "hs_email_optout",
  ...Object.values(CONTACT_PROPS), ...Object.values(LIFETIME_PROPS),
];
/** Company properties read. */
export const COMPANY_READ_PROPERTIES = ["name", "domain", "hs_lastmodifieddate", ...Object.values(COMPANY_PROPS), ...Object.values(LIFETIME_PROPS)];
/** Deal properties read. */
export const DEAL_READ_PROPERTIES = [
  "dealname", "amount", "deal_currency_code", "closedate", "dealstage", "pipeline", "hs_lastmodifieddate", ...Object.values(DEAL_PROPS),
];
/** Line item properties read. */
export const LINE_ITEM_READ_PROPERTIES = [
  "name", "hs_sku", "quantity", "price", "amount", "hs_line_item_currency_code", "hs_tax_rate", ...Object.values(LINE_ITEM_PROPS),
];

/** The last-modified property used for deltas: contacts differ from every other object. */
export function modifiedProperty(objectType: string): string {
  return objectType === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
}

/**
 * HUBSPOT_DEFINED association type ids (unlabeled, direction from → to).
 * contact→company 279 [docs: associations overview]; the others per the v4 association type table
 * https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4#association-type-id-values
 */
export const ASSOCIATION_TYPES = {
  /** Primary company of a contact (implies the unlabeled 279). */
  contactToPrimaryCompany: 1,
  /** Primary company of a deal (implies the unlabeled 341). */
  dealToPrimaryCompany: 5,
  contactToCompany: 279,
  companyToContact: 280,
  dealToContact: 3,
  contactToDeal: 4,
  dealToCompany: 341,
  companyToDeal: 342,
  dealToLineItem: 19,
  lineItemToDeal: 20,
} as const;

/** Object type ids used by the Lists API (`objectTypeId`). */
export const OBJECT_TYPE_IDS = { contacts: "0-1", companies: "0-2", deals: "0-3", products: "0-7", line_items: "0-8" } as const;

/** Custom properties each object needs; `unique` ones are idProperties of upserts. */
export const REQUIRED_PROPERTIES: Record<string, string[]> = {
  contacts: [CONTACT_PROPS.key, ...Object.values(LIFETIME_PROPS), ...Object.values(MARKETING_PROPS)],
  companies: [COMPANY_PROPS.key, ...Object.values(LIFETIME_PROPS)],
  deals: Object.values(DEAL_PROPS),
  line_items: Object.values(LINE_ITEM_PROPS),
};
