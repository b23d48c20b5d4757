import type { Customer, Page, ReadOptions } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import type { HubSpotClient } from "../hubspot-client";
import { ASSOCIATION_TYPES, COMPANY_PROPS, CONTACT_PROPS, CONTACT_READ_PROPERTIES } from "../hubspot-schema";
import { companyKey } from "../mappers/to-company";
import { contactKey, toCustomer } from "../mappers/to-customer";
import { listKey } from "../mappers/to-segment";
import { primaryAssociated, KeyResolver } from "./hubspot-lookups";
import { archivedSince } from "./hubspot-archived";
import { cursorTime, searchDelta } from "./hubspot-search-stream";
import { allLists, memberIds } from "./read-segments";

/** Contact id → keys of the lists it belongs to (lists are few; memberships are paged). */
async function membershipIndex(client: HubSpotClient): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  for (const list of await allLists(client)) {
    if (list.objectTypeId && list.objectTypeId !== "0-1") continue;
    for (const id of await memberIds(client, list.listId)) index.set(id, [...(index.get(id) ?? []), listKey(list)]);
  }
  return index;
}

/**
 * Customers: contacts by `lastmodifieddate` delta search, company via the v4 contact→company
 * association (the primary one, type 1), segments from list memberships. List membership changes do not touch
 * `lastmodifieddate`, so they surface when the contact next changes (or on a full read).
 */
export async function* readCustomers(client: HubSpotClient, system: string, options: ReadOptions): AsyncGenerator<Page<Customer>> {
  const segments = await membershipIndex(client);
  const companies = new KeyResolver(client, "companies", [COMPANY_PROPS.key], companyKey);
  const search = searchDelta(client, { objectType: "contacts", properties: CONTACT_READ_PROPERTIES, pageSize: options.pageSize ?? 100, cursor: options.cursor, signal: options.signal, system });
  const since = cursorTime(options.cursor, system);
  for await (const raw of search) {
    const links = await client.associations("contacts", "companies", raw.records.map((r) => r.id));
    const companyIds = raw.records
      .map((r) => primaryAssociated(links, r.id, ASSOCIATION_TYPES.contactToPrimaryCompany))
      .filter((id): id is string => Boolean(id));
    const keys = await companies.resolve(companyIds);
    const mapped = mapRecords("customer", raw.records, (contact) => {
      const companyId = primaryAssociated(links, contact.id, ASSOCIATION_TYPES.contactToPrimaryCompany);
      return toCustomer(contact, {
        system, companyKey: companyId ? keys.get(companyId) : undefined, segments: segments.get(contact.id) ?? [],
      });
    }, (contact) => `hubspot-contact-${contact.id}`);
    const deleted = raw.hasMore ? [] : await archivedSince(client, "contacts", since, [CONTACT_PROPS.key, "email"], contactKey);
    yield { ...mapped, deleted, cursor: raw.cursor, hasMore: raw.hasMore };
  }
}
