import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooPartnerSchema, odooText, type OdooPartner } from "../odoo-api";
import { toCompany, toCustomer, type PartnerMapContext } from "../mappers/to-party";
import { keysetStream } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

/** res.partner fields the connector reads. */
export const PARTNER_FIELDS = [
  "name", "is_company", "parent_id", "ref", "email", "phone", "vat", "lang", "street", "street2", "zip", "city", "country_code",
  "active", "website", "property_product_pricelist", "child_ids", "type",
];
const refSchema = z.object({ id: z.number(), ref: odooText });

async function partnerContext(context: StreamContext, keys: KeyResolver, rows: OdooPartner[]): Promise<PartnerMapContext> {
  const related = rows.flatMap((r) => [...(r.parent_id ? [r.parent_id.id] : []), ...r.child_ids]);
  const refs = new Map((await readByIds(context.client, "res.partner", related, ["id", "ref"], refSchema, context.signal)).map((p) => [p.id, p.ref]));
  await keys.load("product.pricelist", rows.flatMap((r) => (r.property_product_pricelist ? [r.property_product_pricelist.id] : [])));
  return { system: context.system, refOf: (id) => refs.get(id) ?? null, priceListKey: (id) => keys.keyOf("product.pricelist", id) };
}

/**
 * Partners with a customer number (`ref`): companies (is_company) or persons and contacts.
 * Archived partners (active=false) are reported in `deleted` (read with active_test=false).
 */
function readPartners<K extends "company" | "customer">(context: StreamContext, entity: K): AsyncGenerator<Page<EntityOf<K>>> {
  const keys = new KeyResolver(context.client, context.signal);
  const domain = [["is_company", "=", entity === "company"], ["ref", "!=", false]];
  return keysetStream({
    ...context, phases: [{ model: "res.partner", fields: PARTNER_FIELDS, domain, archived: true }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("res.partner", raw, odooPartnerSchema);
      const active = rows.filter((r) => r.active);
      const mapContext = await partnerContext(context, keys, active);
      const map = (r: OdooPartner) => (entity === "company" ? toCompany(r, mapContext) : toCustomer(r, mapContext));
      const mapped = mapRecords(entity, active, map as never, (r: OdooPartner) => `res.partner:${r.id}`);
      return { items: mapped.items as EntityOf<K>[], issues: [...issues, ...mapped.issues], deleted: rows.filter((r) => !r.active && r.ref).map((r) => r.ref!) };
    },
  });
}

/** Companies (res.partner, is_company). */
export const readCompanies = (context: StreamContext) => readPartners(context, "company");
/** Persons and company contacts (res.partner, not is_company). */
export const readCustomers = (context: StreamContext) => readPartners(context, "customer");
