import { z } from "zod";
import { ConnectorError, type Company, type Customer, type WriteOutcome } from "@omnibridge/core-model";
import { odooText } from "../odoo-api";
import type { OdooClient } from "../odoo-client";
import { fromCompany, fromCustomer, partnerRef, type PartnerWriteContext } from "../mappers/from-partner";
import { partnerIdOfKey } from "../partner-key";
import { KeyResolver } from "../streams/lookups";
import { createIdempotent } from "./create-idempotent";
import { failed, rethrowIfBatchWide } from "./write-outcomes";

const refRowSchema = z.array(z.object({ id: z.number(), ref: odooText }));
const idRowSchema = z.array(z.object({ id: z.number() }));
const countrySchema = z.array(z.object({ id: z.number(), code: z.string() }));

/** Which canonical field a partner rejection concerns (Odoo's messages name the concept, not our field). */
function fieldHint(message: string): string | undefined {
  if (/VAT/i.test(message)) return "vatId";
  if (/\blang\b/.test(message)) return "locale";
  if (/require a name/i.test(message)) return "lastName";
  return undefined;
}

/**
 * res.partner ids by canonical key (archived too): a `ref`, or an id-derived key
 * (`<system>:res.partner:<id>`, see partner-key.ts) that names the partner directly. Keys whose
 * partner does not exist (any more) are absent from the map.
 */
export async function partnersByRef(
  client: OdooClient, keys: readonly string[], signal?: AbortSignal, companiesOnly = false,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const unique = [...new Set(keys)];
  const byId = new Map(unique.flatMap((key) => {
    const id = partnerIdOfKey(client.system, key);
    return id === undefined ? [] : [[id, key] as const];
  }));
  const refs = unique.filter((key) => partnerIdOfKey(client.system, key) === undefined);
  const only = companiesOnly ? [["is_company", "=", true]] : [];
  if (byId.size) {
    const rows = await client.call("res.partner", "search_read", { domain: [["id", "in", [...byId.keys()]], ...only], fields: ["id"], context: { active_test: false } }, idRowSchema, { signal });
    for (const row of rows) out.set(byId.get(row.id)!, [row.id]);
  }
  if (refs.length) {
    const rows = await client.call("res.partner", "search_read", { domain: [["ref", "in", refs], ...only], fields: ["id", "ref"], context: { active_test: false } }, refRowSchema, { signal });
    for (const row of rows) if (row.ref) out.set(row.ref, [...(out.get(row.ref) ?? []), row.id]);
  }
  return out;
}

/** The key a partner record is looked up by: its id-derived key, else its customer number, else its key. */
function lookupKey(client: OdooClient, record: Customer | Company): string {
  return partnerIdOfKey(client.system, record.key) !== undefined ? record.key : partnerRef(record);
}

async function writeContext(
  client: OdooClient, records: readonly (Customer | Company)[], signal?: AbortSignal,
): Promise<PartnerWriteContext> {
  const codes = [...new Set(records.flatMap((r) => r.addresses.map((a) => a.countryCode)))];
  const countries = codes.length ? await client.call("res.country", "search_read", { domain: [["code", "in", codes]], fields: ["id", "code"] }, countrySchema, { signal }) : [];
  const companyRefs = records.flatMap((r) => ("companyKey" in r && r.companyKey ? [r.companyKey] : []));
  const companies = await partnersByRef(client, companyRefs, signal, true);
  const lists = await new KeyResolver(client, signal).idsOf("product.pricelist", records.flatMap((r) => ("priceListKey" in r && r.priceListKey ? [r.priceListKey] : [])));
  const countryIds = new Map(countries.map((c) => [c.code, c.id]));
  return { countryId: (code) => countryIds.get(code), companyId: (ref) => companies.get(ref)?.[0], pricelistId: (key) => lists.get(key) };
}

type Planned = { index: number; key: string; vals: Record<string, unknown>; ids: number[] };

/** Map each record to vals, or to an outcome when it cannot be written (conflict, mapping error). */
function plan(client: OdooClient, entity: "customer" | "company", records: readonly (Customer | Company)[], existing: Map<string, number[]>, context: PartnerWriteContext) {
  const refs = records.map((r) => lookupKey(client, r));
  const outcomes = new Map<number, WriteOutcome>();
  const planned: Planned[] = [];
  for (const [index, record] of records.entries()) {
    const ref = refs[index]!;
    const ids = existing.get(ref) ?? [];
    if (ids.length > 1 || refs.indexOf(ref) !== index) {
      outcomes.set(index, failed(record.key, new ConnectorError("conflict", `ref ${ref} is ${ids.length > 1 ? `used by ${ids.length} Odoo partners` : "twice in this batch"}`)));
      continue;
    }
    const byId = partnerIdOfKey(client.system, ref);
    if (byId !== undefined && !ids.length) {
      // An id-keyed partner is updated in place, never re-created (a new id would be a new key: a duplicate).
      outcomes.set(index, failed(record.key, new ConnectorError("not_found", `res.partner ${byId} (key ${ref}) does not exist in Odoo any more`)));
      continue;
    }
    try {
      const vals = entity === "company" ? fromCompany(record as Company, context) : fromCustomer(record as Customer, context);
      // No `ref` is invented for an id-keyed partner: only a customer number the record carries is written.
      if (byId !== undefined && !record.customerNumber) delete vals.ref;
      planned.push({ index, key: ref, ids, vals });
    } catch (error) {
      outcomes.set(index, failed(record.key, error));
    }
  }
  return { outcomes, planned };
}

/**
 * Upsert partners by `ref` (customer number): search_read by ref, `write` the existing ones,
 * `create` the rest (retry-safe, per-record outcomes). Two partners sharing a ref are a conflict.
 * A record keyed `<system>:res.partner:<id>` (a partner read without ref) updates that partner by id.
 */
export async function writePartners(client: OdooClient, entity: "customer" | "company", records: readonly (Customer | Company)[], signal?: AbortSignal): Promise<WriteOutcome[]> {
  const existing = await partnersByRef(client, records.map((r) => lookupKey(client, r)), signal);
  const { outcomes, planned } = plan(client, entity, records, existing, await writeContext(client, records, signal));
  for (const p of planned.filter((x) => x.ids.length)) {
    try {
      await client.call("res.partner", "write", { ids: p.ids, vals: { ...p.vals, active: true } }, z.boolean(), { signal });
      outcomes.set(p.index, { key: records[p.index]!.key, status: "updated", externalId: String(p.ids[0]) });
    } catch (error) {
      rethrowIfBatchWide(error);
      outcomes.set(p.index, failed(records[p.index]!.key, error, fieldHint));
    }
  }
  const pending = planned.filter((x) => !x.ids.length);
  const created = await createIdempotent(client, "res.partner", pending, async (keys) => new Map([...(await partnersByRef(client, keys, signal))].map(([k, v]) => [k, v[0]!])), { signal });
  for (const p of pending) {
    const result = created.get(p.key);
    const key = records[p.index]!.key;
    if (result && "id" in result) outcomes.set(p.index, { key, status: "created", externalId: String(result.id) });
    else {
      rethrowIfBatchWide(result?.error);
      outcomes.set(p.index, failed(key, result?.error, fieldHint));
    }
  }
  return records.map((_, i) => outcomes.get(i)!);
}

/** Archive partners by key (`ref` or `<system>:res.partner:<id>`) (`active = False`, Odoo's archive). */
export async function archivePartners(client: OdooClient, keys: readonly string[], signal?: AbortSignal): Promise<WriteOutcome[]> {
  const found = await partnersByRef(client, keys, signal);
  const outcomes: WriteOutcome[] = [];
  for (const key of keys) {
    const ids = found.get(key);
    if (!ids) {
      outcomes.push(failed(key, new ConnectorError("not_found", `no Odoo partner with key ${key}`)));
      continue;
    }
    await client.call("res.partner", "write", { ids, vals: { active: false } }, z.boolean(), { signal });
    outcomes.push({ key, status: "archived", externalId: String(ids[0]) });
  }
  return outcomes;
}
