import type { Address, EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { OdooPartner } from "../odoo-api";
import { isoFromOdoo, localeFromLang } from "./odoo-values";

/** Lookups partner mapping needs. */
export interface PartnerMapContext {
  system: string;
  /** `ref` (customer number) of a partner by id, null when it has none. */
  refOf(id: number): string | null;
  /** Canonical key of a pricelist. */
  priceListKey(id: number): string;
}

function addressOf(partner: OdooPartner): Address[] {
  if (!partner.street || !partner.city || !partner.country_code) return [];
  return [{ type: "both", name: partner.name, street: partner.street, street2: partner.street2, postalCode: partner.zip, city: partner.city, region: null, countryCode: partner.country_code }];
}

function refOrFail(partner: OdooPartner): string {
  if (!partner.ref) throw new MappingError("ref", `res.partner ${partner.id} "${partner.name ?? ""}" has no customer number (ref)`);
  return partner.ref;
}

/** res.partner with is_company → Company; key and customer number = `ref`. */
export function toCompany(partner: OdooPartner, context: PartnerMapContext): EntityInputOf<"company"> {
  const ref = refOrFail(partner);
  return {
    key: ref, externalIds: { [context.system]: String(partner.id) }, updatedAt: isoFromOdoo(partner.write_date), name: partner.name ?? "",
    vatId: partner.vat, domain: partner.website?.replace(/^https?:\/\//, "") ?? null, customerNumber: ref,
    priceListKey: partner.property_product_pricelist ? context.priceListKey(partner.property_product_pricelist.id) : null,
    addresses: addressOf(partner), contactKeys: partner.child_ids.map((id) => context.refOf(id)).filter((k): k is string => Boolean(k)),
  };
}

/** Split Odoo's single `name` into first and last name (last word = last name). */
export function splitName(name: string | null): { firstName: string | null; lastName: string } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: null, lastName: parts[0] ?? "" };
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts.at(-1)! };
}

/** res.partner person (no parent) or contact (parent_id = company) → Customer; key = `ref`. */
export function toCustomer(partner: OdooPartner, context: PartnerMapContext): EntityInputOf<"customer"> {
  const ref = refOrFail(partner);
  const companyKey = partner.parent_id ? context.refOf(partner.parent_id.id) : null;
  if (partner.parent_id && !companyKey) throw new MappingError("companyKey", `res.partner ${partner.id}: its company res.partner ${partner.parent_id.id} has no ref`);
  return {
    key: ref, externalIds: { [context.system]: String(partner.id) }, updatedAt: isoFromOdoo(partner.write_date),
    type: companyKey ? "contact" : "person", email: partner.email, ...splitName(partner.name), phone: partner.phone,
    locale: localeFromLang(partner.lang), customerNumber: ref, companyKey, addresses: companyKey ? [] : addressOf(partner),
  };
}
