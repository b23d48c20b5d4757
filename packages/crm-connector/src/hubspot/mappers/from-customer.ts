import type { Company, Customer, LifetimeFigures } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { HubSpotUpsertInput } from "../hubspot-client";
import { COMPANY_PROPS, CONTACT_PROPS, LIFETIME_PROPS } from "../hubspot-schema";
import { toDecimal } from "./hubspot-values";

/** Options of customer writes. */
export interface CustomerWriteOptions {
  idProperty: "email" | "omnibridge_customer_key";
  /** Send consent only when true AND the record carries consent. */
  writeConsent: boolean;
}

function put(target: Record<string, string>, name: string, value: string | number | null | undefined): void {
  // Absent values are not sent: a projection never blanks a field another system filled.
  if (value !== null && value !== undefined && value !== "") target[name] = String(value);
}

/** Lifetime figures as contact/company properties (revenue as a decimal in its currency). */
export function lifetimeProperties(lifetime: LifetimeFigures | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!lifetime) return out;
  put(out, LIFETIME_PROPS.orderCount, lifetime.orderCount);
  put(out, LIFETIME_PROPS.revenue, toDecimal(lifetime.revenue));
  put(out, LIFETIME_PROPS.currency, lifetime.revenue.currency);
  put(out, LIFETIME_PROPS.firstOrderAt, lifetime.firstOrderAt);
  put(out, LIFETIME_PROPS.lastOrderAt, lifetime.lastOrderAt);
  if (lifetime.clv) put(out, LIFETIME_PROPS.clv, toDecimal(lifetime.clv));
  return out;
}

/** True when the caller's record says something about consent (not just the schema default). */
export function carriesConsent(customer: Customer): boolean {
  const c = customer.consent;
  return c.email !== "unknown" || c.sms !== "unknown" || Boolean(c.updatedAt);
}

/**
 * Canonical customer → contact upsert input (pure). Upserts by `email` or by
 * `omnibridge_customer_key`; a record without the id property fails naming that field.
 * https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
 */
export function fromCustomer(customer: Customer, options: CustomerWriteOptions): HubSpotUpsertInput {
  const id = options.idProperty === "email" ? customer.email?.toLowerCase() : customer.key;
  if (!id) throw new MappingError("email", "is required: contacts are upserted by email");
  const properties: Record<string, string> = {};
  put(properties, "email", customer.email?.toLowerCase());
  put(properties, "firstname", customer.firstName);
  put(properties, "lastname", customer.lastName);
  put(properties, "phone", customer.phone);
  put(properties, "hs_language", customer.locale);
  put(properties, CONTACT_PROPS.key, customer.key);
  put(properties, CONTACT_PROPS.customerNumber, customer.customerNumber);
  put(properties, CONTACT_PROPS.customerGroup, customer.customerGroup);
  Object.assign(properties, lifetimeProperties(customer.lifetime));
  if (options.writeConsent && carriesConsent(customer)) {
    put(properties, CONTACT_PROPS.emailConsent, customer.consent.email);
    put(properties, CONTACT_PROPS.smsConsent, customer.consent.sms);
    put(properties, CONTACT_PROPS.consentUpdatedAt, customer.consent.updatedAt);
    put(properties, CONTACT_PROPS.consentSource, customer.consent.source);
  }
  return { id, idProperty: options.idProperty, objectWriteTraceId: customer.key, properties };
}

/** Canonical company → company upsert input by the unique `omnibridge_company_key` (pure). */
export function fromCompany(company: Company): HubSpotUpsertInput {
  const properties: Record<string, string> = {};
  put(properties, "name", company.name);
  put(properties, "domain", company.domain);
  put(properties, COMPANY_PROPS.key, company.key);
  put(properties, COMPANY_PROPS.vatId, company.vatId);
  put(properties, COMPANY_PROPS.customerNumber, company.customerNumber);
  put(properties, COMPANY_PROPS.customerGroup, company.customerGroup);
  Object.assign(properties, lifetimeProperties(company.lifetime));
  return { id: company.key, idProperty: COMPANY_PROPS.key, objectWriteTraceId: company.key, properties };
}
