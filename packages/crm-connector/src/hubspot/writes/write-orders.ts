import type { Order, WriteOutcome } from "@omnibridge/core-model";
import type { HubSpotClient } from "../hubspot-client";
import { ASSOCIATION_TYPES, COMPANY_PROPS, CONTACT_PROPS } from "../hubspot-schema";
import { fromOrder, fromOrderLines } from "../mappers/from-order";
import { readByIds } from "../streams/hubspot-lookups";
import { upsertAll } from "./hubspot-upsert";
import { chunk } from "@omnibridge/connector-kit";

/** Resolve canonical keys to HubSpot ids through a unique property (batch read by idProperty). */
async function idsByKey(client: HubSpotClient, objectType: string, property: string, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const record of await readByIds(client, objectType, keys, [property], property)) {
    const key = record.properties[property];
    if (key) out.set(key, record.id);
  }
  return out;
}

/**
 * v4 batch create, 100 pairs per request; re-creating an existing association is a no-op, so
 * retried writes never duplicate. https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview
 */
async function associateAll(
  client: HubSpotClient, to: string, typeId: number | readonly number[], pairs: Array<{ from: string; to: string }>,
): Promise<void> {
  for (const part of chunk(pairs, 100)) await client.associate("deals", to, typeId, part);
}

/** Line items still associated with a rewritten deal but no longer in its order are archived. */
async function archiveStaleLines(client: HubSpotClient, dealIds: string[], current: Array<{ from: string; to: string }>): Promise<void> {
  const keep = new Set(current.map((pair) => pair.to));
  for (const part of chunk(dealIds, 100)) {
    const links = await client.associations("deals", "line_items", part);
    const stale = [...links.values()].flat().map((t) => t.id).filter((id) => !keep.has(id));
    for (const ids of chunk(stale, 100)) await client.batchArchive("line_items", ids);
  }
}

/**
 * Orders as deals: upsert deals by `omnibridge_order_key`, then their line items by
 * `omnibridge_line_key`, then v4 associations deal→line items, deal→contact, deal→company.
 * An order whose line items fail is reported failed, naming the line.
 */
export async function writeOrders(client: HubSpotClient, orders: readonly Order[], concurrency = 1): Promise<WriteOutcome[]> {
  const outcomes = await upsertAll(client, "deals", orders.map((order) => ({ key: order.key, input: fromOrder(order) })), concurrency);
  const written = orders.map((order, i) => ({ order, outcome: outcomes[i]! })).filter((x) => x.outcome.status !== "failed");
  const lineEntries = written.flatMap(({ order }) => fromOrderLines(order).map((input, line) => ({ key: `${order.key}#${line}`, input })));
  const lineOutcomes = await upsertAll(client, "line_items", lineEntries, concurrency);
  const linePairs: Array<{ from: string; to: string }> = [];
  lineEntries.forEach((entry, i) => {
    const outcome = lineOutcomes[i]!;
    const [orderKey, line] = entry.key.split("#") as [string, string];
    const target = written.find((w) => w.order.key === orderKey)!;
    if (outcome.status === "failed") {
      target.outcome.status = "failed";
      target.outcome.issue = { ...outcome.issue!, recordKey: orderKey, field: `lines.${line}${outcome.issue?.field ? `.${outcome.issue.field}` : ""}` };
    } else linePairs.push({ from: target.outcome.externalId!, to: outcome.externalId! });
  });
  await associateAll(client, "line_items", ASSOCIATION_TYPES.dealToLineItem, linePairs);
  await archiveStaleLines(client, written.filter((w) => w.outcome.status !== "failed").map((w) => w.outcome.externalId!), linePairs);
  const contacts = await idsByKey(client, "contacts", CONTACT_PROPS.key, written.flatMap(({ order }) => (order.customerKey ? [order.customerKey] : [])));
  const companies = await idsByKey(client, "companies", COMPANY_PROPS.key, written.flatMap(({ order }) => (order.companyKey ? [order.companyKey] : [])));
  const pairsTo = (ids: Map<string, string>, keyOf: (order: Order) => string | null | undefined) =>
    written.flatMap(({ order, outcome }) => {
      const id = ids.get(keyOf(order) ?? "");
      return id && outcome.externalId ? [{ from: outcome.externalId, to: id }] : [];
    });
  await associateAll(client, "contacts", ASSOCIATION_TYPES.dealToContact, pairsTo(contacts, (o) => o.customerKey));
  // The order's company becomes the deal's primary company (type 5), which reads take it from.
  await associateAll(client, "companies", ASSOCIATION_TYPES.dealToPrimaryCompany, pairsTo(companies, (o) => o.companyKey));
  return outcomes;
}
