import type { Order, Page, ReadOptions } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import type { HubSpotObject } from "../hubspot-api";
import type { HubSpotClient } from "../hubspot-client";
import { ASSOCIATION_TYPES, COMPANY_PROPS, CONTACT_PROPS, DEAL_PROPS, DEAL_READ_PROPERTIES, LINE_ITEM_READ_PROPERTIES } from "../hubspot-schema";
import { companyKey } from "../mappers/to-company";
import { contactKey } from "../mappers/to-customer";
import { dealKey, toOrder } from "../mappers/to-order";
import { associatedIds, primaryAssociated, KeyResolver, readByIds } from "./hubspot-lookups";
import { archivedSince } from "./hubspot-archived";
import { cursorTime, searchDelta } from "./hubspot-search-stream";

/**
 * Orders: deals by `hs_lastmodifieddate` delta search, with their line items (v4 deal→line
 * item associations, then a batch read) and the associated contact and company keys.
 */
export async function* readOrders(client: HubSpotClient, system: string, options: ReadOptions): AsyncGenerator<Page<Order>> {
  const contacts = new KeyResolver(client, "contacts", [CONTACT_PROPS.key, "email"], contactKey);
  const companies = new KeyResolver(client, "companies", [COMPANY_PROPS.key], companyKey);
  const search = searchDelta(client, { objectType: "deals", properties: DEAL_READ_PROPERTIES, pageSize: options.pageSize ?? 100, cursor: options.cursor, signal: options.signal, system });
  const since = cursorTime(options.cursor, system);
  for await (const raw of search) {
    const ids = raw.records.map((r) => r.id);
    const [lineLinks, contactLinks, companyLinks] = [
      await client.associations("deals", "line_items", ids),
      await client.associations("deals", "contacts", ids),
      await client.associations("deals", "companies", ids),
    ];
    const items = new Map<string, HubSpotObject>();
    for (const item of await readByIds(client, "line_items", [...lineLinks.values()].flat().map((t) => t.id), LINE_ITEM_READ_PROPERTIES)) items.set(item.id, item);
    const contactKeys = await contacts.resolve(ids.map((id) => primaryAssociated(contactLinks, id)).filter((x): x is string => Boolean(x)));
    const companyIds = ids
      .map((id) => primaryAssociated(companyLinks, id, ASSOCIATION_TYPES.dealToPrimaryCompany))
      .filter((x): x is string => Boolean(x));
    const companyKeys = await companies.resolve(companyIds);
    const mapped = mapRecords("order", raw.records, (deal) => {
      const lineItems = associatedIds(lineLinks, deal.id).map((id) => items.get(id)).filter((x): x is HubSpotObject => Boolean(x));
      const contactId = primaryAssociated(contactLinks, deal.id);
      const companyId = primaryAssociated(companyLinks, deal.id, ASSOCIATION_TYPES.dealToPrimaryCompany);
      return toOrder(deal, {
        system, lineItems: lineItems.sort((a, b) => Number(a.id) - Number(b.id)),
        customerKey: contactId ? contactKeys.get(contactId) : undefined, companyKey: companyId ? companyKeys.get(companyId) : undefined,
      });
    }, (deal) => `hubspot-deal-${deal.id}`);
    const deleted = raw.hasMore ? [] : await archivedSince(client, "deals", since, [DEAL_PROPS.key], dealKey);
    yield { ...mapped, deleted, cursor: raw.cursor, hasMore: raw.hasMore };
  }
}
