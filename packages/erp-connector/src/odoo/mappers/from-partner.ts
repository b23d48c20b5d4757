import type { Company, Customer } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/** Lookups for partner writes (resolved in batches by the writer). */
export interface PartnerWriteContext {
  countryId(code: string): number | undefined;
  /** res.partner id of a company by its ref. */
  companyId(ref: string): number | undefined;
  pricelistId(key: string): number | undefined;
}

/** BCP 47 → Odoo lang (`de-DE` → `de_DE`, `en` → `en_US`). */
export function langOf(locale: string | null | undefined): string | false {
  if (!locale) return false;
  if (!locale.includes("-")) return locale === "en" ? "en_US" : `${locale}_${locale.toUpperCase()}`;
  return locale.replace("-", "_");
}

function addressVals(address: Company["addresses"][number] | undefined, context: PartnerWriteContext): Record<string, unknown> {
  if (!address) return {};
  const country = context.countryId(address.countryCode);
  if (!country) throw new MappingError("addresses.0.countryCode", `country ${address.countryCode} is not in Odoo (res.country)`);
  return {
    street: address.street, street2: address.street2 ?? false, zip: address.postalCode ?? false, city: address.city, country_id: country,
  };
}

/** The `ref` a partner is upserted by: its customer number, else its key. */
export function partnerRef(record: Customer | Company): string {
  return record.customerNumber ?? record.key;
}

/** Company → res.partner vals (is_company, ref = customer number). */
export function fromCompany(company: Company, context: PartnerWriteContext): Record<string, unknown> {
  const pricelist = company.priceListKey ? context.pricelistId(company.priceListKey) : undefined;
  if (company.priceListKey && !pricelist) throw new MappingError("priceListKey", `pricelist ${company.priceListKey} is not in Odoo`);
  return {
    name: company.name, is_company: true, ref: partnerRef(company), vat: company.vatId ?? false, website: company.domain ?? false,
    ...(pricelist ? { property_product_pricelist: pricelist } : {}), ...addressVals(company.addresses[0], context),
  };
}

/** Customer → res.partner vals; a contact gets parent_id = its company (by ref). */
export function fromCustomer(customer: Customer, context: PartnerWriteContext): Record<string, unknown> {
  const parent = customer.companyKey ? context.companyId(customer.companyKey) : undefined;
  if (customer.companyKey && !parent) throw new MappingError("companyKey", `company ${customer.companyKey} is not in Odoo (no res.partner with that ref)`);
  return {
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" "), is_company: false, type: "contact", ref: partnerRef(customer),
    email: customer.email ?? false, phone: customer.phone ?? false, lang: langOf(customer.locale), parent_id: parent ?? false,
    ...addressVals(customer.addresses[0], context),
  };
}
