import type { Customer, CustomerGroup, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { medusaCustomerSchema } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { KEY_FIELD, keyOf } from "../mappers/to-customer";
import { customerGroupRows } from "../streams/read-customer-groups";
import { anyBody, eachRecord, outcomeOf } from "./medusa-outcome";

/**
 * Upsert customers by email (Medusa's unique customer field), keeping the canonical key and number in
 * metadata, then put the customer in its customer group (`POST /admin/customer-groups/{id}/customers`)
 * and out of the others. https://docs.medusajs.com/api/admin#customers_postcustomers
 */
export async function writeCustomers(client: MedusaClient, records: readonly Customer[], signal: AbortSignal): Promise<WriteOutcome[]> {
  const groups = await customerGroupRows(client, signal);
  return eachRecord(records, signal, (customer) => outcomeOf(customer.key, async () => {
    if (!customer.email) throw new MappingError("email", "Medusa customers need an email");
    const page = await client.list("/admin/customers", "customers", { email: customer.email,
      fields: "id,email,metadata,updated_at,*groups", limit: 2 }, signal);
    const existing = page.rows.length ? medusaCustomerSchema.parse(page.rows[0]) : undefined;
    const body = {
      first_name: customer.firstName ?? null, last_name: customer.lastName, phone: customer.phone ?? null,
      metadata: { ...(existing?.metadata ?? {}), [KEY_FIELD]: customer.key, customer_number: customer.customerNumber ?? null },
    };
    let id = existing?.id;
    if (id) await client.post(`/admin/customers/${id}`, body, anyBody, { signal });
    else {
      const created = await client.post("/admin/customers", { ...body, email: customer.email }, anyBody, { signal, retry: false });
      id = (created as { customer?: { id?: string } } | undefined)?.customer?.id;
      if (!id) throw new MappingError("email", "Medusa did not return the created customer's id");
    }
    const wanted = customer.customerGroup ? groups.find((g) => keyOf(g.metadata, g.id) === customer.customerGroup) : undefined;
    if (customer.customerGroup && !wanted) throw new MappingError("customerGroup",
      `customer group ${customer.customerGroup} is not in Medusa`);
    const current = new Set((existing?.groups ?? []).map((g) => g.id));
    const remove = [...current].filter((g) => g !== wanted?.id);
    const add = wanted && !current.has(wanted.id) ? [wanted.id] : [];
    if (add.length || remove.length) await client.post(`/admin/customers/${id}/customer-groups`, { add, remove }, anyBody, { signal });
    return { status: existing ? "updated" : "created", externalId: id };
  }));
}

/**
 * Upsert customer groups by key (`metadata.omnibridge_key`), name and tax mode.
 * https://docs.medusajs.com/api/admin#customer-groups_postcustomergroups
 */
export async function writeCustomerGroups(client: MedusaClient, records: readonly CustomerGroup[],
  signal: AbortSignal): Promise<WriteOutcome[]> {
  const groups = await customerGroupRows(client, signal);
  return eachRecord(records, signal, (group) => outcomeOf(group.key, async () => {
    const existing = groups.find((g) => keyOf(g.metadata, g.id) === group.key);
    const body = { name: group.name, metadata: { ...(existing?.metadata ?? {}), [KEY_FIELD]: group.key,
      omnibridge_tax_mode: group.taxMode } };
    if (existing) {
      await client.post(`/admin/customer-groups/${existing.id}`, body, anyBody, { signal });
      return { status: "updated", externalId: existing.id };
    }
    const created = await client.post("/admin/customer-groups", body, anyBody, { signal, retry: false });
    return { status: "created", externalId: (created as { customer_group?: { id?: string } } | undefined)?.customer_group?.id };
  }));
}
