import type { Company, Page, ReadOptions } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import type { HubSpotClient } from "../hubspot-client";
import { COMPANY_PROPS, COMPANY_READ_PROPERTIES, CONTACT_PROPS } from "../hubspot-schema";
import { companyKey, toCompany } from "../mappers/to-company";
import { contactKey } from "../mappers/to-customer";
import { associatedIds, KeyResolver } from "./hubspot-lookups";
import { archivedSince } from "./hubspot-archived";
import { cursorTime, searchDelta } from "./hubspot-search-stream";

/** Companies: `hs_lastmodifieddate` delta search; contact keys via the v4 company→contact association. */
export async function* readCompanies(client: HubSpotClient, system: string, options: ReadOptions): AsyncGenerator<Page<Company>> {
  const contacts = new KeyResolver(client, "contacts", [CONTACT_PROPS.key, "email"], contactKey);
  const search = searchDelta(client, { objectType: "companies", properties: COMPANY_READ_PROPERTIES, pageSize: options.pageSize ?? 100, cursor: options.cursor, signal: options.signal, system });
  const since = cursorTime(options.cursor, system);
  for await (const raw of search) {
    const links = await client.associations("companies", "contacts", raw.records.map((r) => r.id));
    const keys = await contacts.resolve([...links.values()].flat().map((t) => t.id));
    const mapped = mapRecords("company", raw.records, (company) => {
      const contactKeys = associatedIds(links, company.id).map((id) => keys.get(id)).filter((k): k is string => Boolean(k));
      return toCompany(company, { system, contactKeys: [...new Set(contactKeys)] });
    }, (company) => `hubspot-company-${company.id}`);
    const deleted = raw.hasMore ? [] : await archivedSince(client, "companies", since, [COMPANY_PROPS.key], companyKey);
    yield { ...mapped, deleted, cursor: raw.cursor, hasMore: raw.hasMore };
  }
}
