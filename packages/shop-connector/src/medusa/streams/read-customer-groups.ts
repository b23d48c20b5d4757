import { customerGroupSchema, type CustomerGroup, type RecordIssue } from "@omnibridge/core-model";
import { issuesFromZod } from "@omnibridge/core-model";
import { medusaCustomerGroupSchema, medusaPriceListSchema, type MedusaCustomerGroup, type MedusaPriceList } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { isoOf } from "../mappers/medusa-context";
import { keyOf } from "../mappers/to-customer";
import { groupIdsOfPriceList } from "../mappers/to-price-list";

/** Every row of an admin list, by offset (for the small lists: groups, price lists, locations). */
export async function listAll(client: MedusaClient, path: string, resource: string, fields: string | undefined,
  signal?: AbortSignal): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.list(path, resource, { fields, limit: 100, offset, order: "created_at" }, signal);
    rows.push(...page.rows);
    if (page.rows.length < 100) return rows;
  }
}

/** All customer groups, raw. https://docs.medusajs.com/api/admin#customer-groups_getcustomergroups */
export async function customerGroupRows(client: MedusaClient, signal?: AbortSignal): Promise<MedusaCustomerGroup[]> {
  const rows = await listAll(client, "/admin/customer-groups", "customer_groups", "id,name,metadata,created_at,updated_at", signal);
  return rows.map((row) => medusaCustomerGroupSchema.parse(row));
}

/** Canonical key per Medusa customer group id (`metadata.omnibridge_key`, else the id). */
export async function customerGroupKeys(client: MedusaClient, signal?: AbortSignal): Promise<Map<string, string>> {
  return new Map((await customerGroupRows(client, signal)).map((group) => [group.id, keyOf(group.metadata, group.id)]));
}

/** All price lists, raw. https://docs.medusajs.com/api/admin#price-lists_getpricelists */
export async function priceListRows(client: MedusaClient, signal?: AbortSignal): Promise<MedusaPriceList[]> {
  // The default fields: naming `rules` in `fields` drops them from the answer (2.18.0).
  const rows = await listAll(client, "/admin/price-lists", "price_lists", undefined, signal);
  return rows.map((row) => medusaPriceListSchema.parse(row));
}

/**
 * Customer groups as canonical shop records, with the keys of the price lists whose rules name them
 * (`customer.groups.id`). A group's `taxMode` is kept in its metadata (`omnibridge_tax_mode`).
 */
export async function readCustomerGroups(client: MedusaClient, system: string,
  signal?: AbortSignal): Promise<{ items: CustomerGroup[]; issues: RecordIssue[] }> {
  const [groups, lists] = await Promise.all([customerGroupRows(client, signal), priceListRows(client, signal)]);
  const items: CustomerGroup[] = [];
  const issues: RecordIssue[] = [];
  for (const group of groups) {
    const key = keyOf(group.metadata, group.id);
    const priceListKeys = lists.filter((list) => groupIdsOfPriceList(list).includes(group.id)).map((list) => keyOf(list.metadata, list.id));
    const taxMode = group.metadata?.omnibridge_tax_mode === "net" ? "net" : "gross";
    const parsed = customerGroupSchema.safeParse({ key, externalIds: { [system]: group.id }, updatedAt: isoOf(group.updated_at),
      name: group.name,
      taxMode, priceListKeys });
    if (parsed.success) items.push(parsed.data);
    else issues.push(...issuesFromZod(key, parsed.error));
  }
  return { items, issues };
}
