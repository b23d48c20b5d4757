import type { Address, EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooPartner } from "../odoo-api";
import { partnerKeyOf } from "../partner-key";
import { isoFromOdoo, localeFromLang } from "./odoo-values";

/** Lookups partner mapping needs. */
export interface PartnerMapContext {
  system: string;
  /** Canonical key of a related partner by id (its `ref`, else the id-derived key); null when it was not found. */
  keyOf(id: number): string | null;
  /** Canonical key of a pricelist. */
  priceListKey(id: number): string;
}

function addressOf(partner: OdooPartner): Address[] {
  if (!partner.street || !partner.city || !partner.country_code) return [];
  return [{ type: "both", name: partner.name, street: partner.street, street2: partner.street2, postalCode: partner.zip, city: partner.city, region: null, countryCode: partner.country_code }];
}

/** res.partner with is_company → Company; key = `ref` (else `<system>:res.partner:<id>`), customer number = `ref`. */
export function toCompany(partner: OdooPartner, context: PartnerMapContext): EntityInputOf<"company"> {
  return {
    key: partnerKeyOf(context.system, partner.id, partner.ref), externalIds: { [context.system]: String(partner.id) },
    updatedAt: isoFromOdoo(partner.write_date),
    name: partner.name ?? "", vatId: partner.vat, domain: partner.website?.replace(/^https?:\/\//, "") ?? null, customerNumber: partner.ref,
    priceListKey: partner.property_product_pricelist ? context.priceListKey(partner.property_product_pricelist.id) : null,
    addresses: addressOf(partner), contactKeys: partner.child_ids.map((id) => context.keyOf(id)).filter((k): k is string => Boolean(k)),
  };
}

/** Split Odoo's single `name` into first and last name (last word = last name). */
export function splitName(name: string | null): { firstName: string | null; lastName: string } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: null, lastName: parts[0] ?? "" };
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts.at(-1)! };
}

/** res.partner person (no parent) or contact (parent_id = company) → Customer; key = `ref` (else `<system>:res.partner:<id>`). */
export function toCustomer(partner: OdooPartner, context: PartnerMapContext): EntityInputOf<"customer"> {
  const companyKey = partner.parent_id ? context.keyOf(partner.parent_id.id) : null;
  if (partner.parent_id && !companyKey) throw new MappingError("companyKey", `res.partner ${partner.id}: its company res.partner ${partner.parent_id.id} is not readable (deleted or no access)`);
  return {
    key: partnerKeyOf(context.system, partner.id, partner.ref), externalIds: { [context.system]: String(partner.id) },
    updatedAt: isoFromOdoo(partner.write_date),
    type: companyKey ? "contact" : "person", email: partner.email, ...splitName(partner.name), phone: partner.phone,
    locale: localeFromLang(partner.lang), customerNumber: partner.ref, companyKey, addresses: companyKey ? [] : addressOf(partner),
  };
}
