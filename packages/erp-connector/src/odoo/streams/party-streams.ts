import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooPartnerSchema, odooText, type OdooPartner } from "../odoo-api";
import { toCompany, toCustomer, type PartnerMapContext } from "../mappers/to-party";
import { ANONYMOUS_PARTNER_KEY, partnerKeyOf } from "../partner-key";
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
  const found = new Map((await readByIds(context.client, "res.partner", related, ["id", "ref"], refSchema, context.signal)).map((p) => [p.id, partnerKeyOf(context.system, p.id, p.ref)]));
  await keys.load("product.pricelist", rows.flatMap((r) => (r.property_product_pricelist ? [r.property_product_pricelist.id] : [])));
  return { system: context.system, keyOf: (id) => found.get(id) ?? null, priceListKey: (id) => keys.keyOf("product.pricelist", id) };
}

/**
 * Partners: companies (is_company) or persons and contacts, keyed by customer number (`ref`) or,
 * without one, by `<system>:res.partner:<id>` (see partner-key.ts).
 * Archived partners (active=false) are reported in `deleted` (read with active_test=false).
 */
function readPartners<K extends "company" | "customer">(context: StreamContext, entity: K): AsyncGenerator<Page<EntityOf<K>>> {
  const keys = new KeyResolver(context.client, context.signal);
  let anonymous: Promise<number | undefined> | undefined;
  const domain = [["is_company", "=", entity === "company"]];
  return keysetStream({
    ...context, phases: [{ model: "res.partner", fields: PARTNER_FIELDS, domain, archived: true }],
    async map(_phase, raw) {
      const parsed = parseRows("res.partner", raw, odooPartnerSchema);
      const issues = parsed.issues;
      const walkIn = await (anonymous ??= keys.idsOf("res.partner", [ANONYMOUS_PARTNER_KEY]).then((ids) => ids.get(ANONYMOUS_PARTNER_KEY)));
      const rows = parsed.rows.filter((r) => r.id !== walkIn);
      const skipped = [{ reason: "anonymous_order_partner", count: parsed.rows.length - rows.length, examples: walkIn === undefined ? [] : [String(walkIn)] }];
      const active = rows.filter((r) => r.active);
      const mapContext = await partnerContext(context, keys, active);
      const map = (r: OdooPartner) => (entity === "company" ? toCompany(r, mapContext) : toCustomer(r, mapContext));
      const mapped = mapRecords(entity, active, map as never, (r: OdooPartner) => `res.partner:${r.id}`);
      const deleted = rows.filter((r) => !r.active).map((r) => partnerKeyOf(context.system, r.id, r.ref));
      return { items: mapped.items as EntityOf<K>[], issues: [...issues, ...mapped.issues], deleted, skipped };
    },
  });
}

/** Companies (res.partner, is_company). */
export const readCompanies = (context: StreamContext) => readPartners(context, "company");
/** Persons and company contacts (res.partner, not is_company). */
export const readCustomers = (context: StreamContext) => readPartners(context, "customer");
