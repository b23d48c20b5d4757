import type { PriceList, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaPriceList } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { GROUP_RULE } from "../mappers/to-price-list";
import { KEY_FIELD, keyOf } from "../mappers/to-customer";
import { customerGroupRows, priceListRows } from "../streams/read-customer-groups";
import { anyBody, eachRecord, outcomeOf } from "./medusa-outcome";

/** The Medusa price list with this canonical key (`metadata.omnibridge_key`). Price lists cannot be filtered by metadata. */
export async function priceListByKey(client: MedusaClient, key: string, signal: AbortSignal): Promise<MedusaPriceList | undefined> {
  return (await priceListRows(client, signal)).find((list) => keyOf(list.metadata, list.id) === key);
}

/**
 * Upsert price lists by key. A list for a customer group becomes an `override` list with the rule
 * `customer.groups.id` (Medusa's B2B prices); its currency and tax mode are kept in metadata.
 * https://docs.medusajs.com/api/admin#price-lists_postpricelists
 */
export async function writePriceLists(client: MedusaClient, records: readonly PriceList[], signal: AbortSignal): Promise<WriteOutcome[]> {
  const [lists, groups] = await Promise.all([priceListRows(client, signal), customerGroupRows(client, signal)]);
  return eachRecord(records, signal, (list) => outcomeOf(list.key, async () => {
    let rules: Record<string, string[]> = {};
    if (list.customerGroup) {
      const group = groups.find((g) => keyOf(g.metadata, g.id) === list.customerGroup);
      if (!group) throw new MappingError("customerGroup", `customer group ${list.customerGroup} is not in Medusa`);
      rules = { [GROUP_RULE]: [group.id] };
    }
    const body = {
      title: list.name, description: list.name, status: "active", starts_at: list.validFrom ?? null, ends_at: list.validTo ?? null, rules,
      metadata: { [KEY_FIELD]: list.key, omnibridge_currency: list.currency, omnibridge_tax_mode: list.taxMode },
    };
    const existing = lists.find((l) => keyOf(l.metadata, l.id) === list.key);
    if (existing) {
      await client.post(`/admin/price-lists/${existing.id}`, body, anyBody, { signal });
      return { status: "updated", externalId: existing.id };
    }
    const created = await client.post("/admin/price-lists", { ...body, type: "override", prices: [] }, anyBody, { signal, retry: false });
    const id = (created as { price_list?: { id?: string } } | undefined)?.price_list?.id;
    return { status: "created", externalId: id };
  }));
}
