import type { Consent, EntityInputOf } from "@omnibridge/core-model";
import type { HubSpotObject, HubSpotProperties } from "../hubspot-api";
import { CONTACT_PROPS, LIFETIME_PROPS } from "../hubspot-schema";
import { isKey, toIso, toLocale } from "./hubspot-values";
import { toLifetime } from "./to-lifetime";

/** What a contact's canonical form needs beyond the contact itself. */
export interface CustomerContext {
  system: string;
  /** Canonical key of the associated (primary) company, when there is one. */
  companyKey?: string;
  /** Segment keys of the lists the contact is a member of. */
  segments?: string[];
}

const CONSENT_VALUES = new Set(["granted", "denied", "unknown"]);

/**
 * Consent from properties: our explicit consent properties, else HubSpot's own
 * `hs_email_optout` (opted out of all email) as a denial.
 * https://knowledge.hubspot.com/properties/hubspots-default-contact-properties
 */
export function toConsent(properties: HubSpotProperties): Consent {
  const pick = (value: string | null | undefined) => (value && CONSENT_VALUES.has(value) ? (value as Consent["email"]) : undefined);
  const email = pick(properties[CONTACT_PROPS.emailConsent]) ?? (properties.hs_email_optout === "true" ? "denied" : "unknown");
  return {
    email,
    sms: pick(properties[CONTACT_PROPS.smsConsent]) ?? "unknown",
    updatedAt: toIso(properties[CONTACT_PROPS.consentUpdatedAt]) ?? null,
    source: properties[CONTACT_PROPS.consentSource] || null,
  };
}

/**
 * Canonical key of a contact: our `omnibridge_customer_key` once set, else the e-mail (when it is
 * a valid key), else `hubspot-contact-<id>`.
 */
export function contactKey(contact: HubSpotObject): string {
  const own = contact.properties[CONTACT_PROPS.key];
  if (isKey(own)) return own;
  const email = contact.properties.email?.toLowerCase();
  return isKey(email) ? email : `hubspot-contact-${contact.id}`;
}

/** HubSpot contact → canonical customer (pure). */
export function toCustomer(contact: HubSpotObject, context: CustomerContext): EntityInputOf<"customer"> {
  const p = contact.properties;
  return {
    key: contactKey(contact),
    externalIds: { [context.system]: contact.id },
    updatedAt: toIso(p.lastmodifieddate) ?? toIso(contact.updatedAt) ?? "",
    type: context.companyKey ? "contact" : "person",
    email: p.email?.toLowerCase() || null,
    firstName: p.firstname || null,
    lastName: p.lastname ?? "",
    phone: p.phone || null,
    locale: toLocale(p.hs_language) ?? null,
    customerNumber: p[CONTACT_PROPS.customerNumber] || null,
    customerGroup: p[CONTACT_PROPS.customerGroup] || null,
    companyKey: context.companyKey ?? null,
    consent: toConsent(p),
    lifetime: toLifetime(p, LIFETIME_PROPS),
    segments: context.segments ?? [],
  };
}
