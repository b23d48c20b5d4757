import type { EntityInputOf } from "@omnibridge/core-model";
import type { HubSpotObject } from "../hubspot-api";
import { COMPANY_PROPS, LIFETIME_PROPS } from "../hubspot-schema";
import { isKey, toIso } from "./hubspot-values";
import { toLifetime } from "./to-lifetime";

/** Canonical key of a company: `omnibridge_company_key` once set, else `hubspot-company-<id>`. */
export function companyKey(company: HubSpotObject): string {
  const own = company.properties[COMPANY_PROPS.key];
  return isKey(own) ? own : `hubspot-company-${company.id}`;
}

/** HubSpot company → canonical company (pure); contact keys come from its associations. */
export function toCompany(company: HubSpotObject, context: { system: string; contactKeys?: string[] }): EntityInputOf<"company"> {
  const p = company.properties;
  return {
    key: companyKey(company),
    externalIds: { [context.system]: company.id },
    updatedAt: toIso(p.hs_lastmodifieddate) ?? toIso(company.updatedAt) ?? "",
    name: p.name ?? "",
    domain: p.domain || null,
    vatId: p[COMPANY_PROPS.vatId] || null,
    customerNumber: p[COMPANY_PROPS.customerNumber] || null,
    customerGroup: p[COMPANY_PROPS.customerGroup] || null,
    contactKeys: context.contactKeys ?? [],
    lifetime: toLifetime(p, LIFETIME_PROPS),
  };
}
