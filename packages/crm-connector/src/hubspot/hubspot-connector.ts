import type { ConnectorV1, Customer, WriteOutcome } from "@omnibridge/core-model";
import { defineConnector, MappingError } from "@omnibridge/connector-kit";
import { createHubSpotClient, type HubSpotClient } from "./hubspot-client";
import { REQUIRED_PROPERTIES } from "./hubspot-schema";
import { parseHubSpotSettings, type HubSpotSettingsInput } from "./hubspot-settings";
import { fromCompany, fromCustomer } from "./mappers/from-customer";
import { readCompanies } from "./streams/read-companies";
import { readCustomers } from "./streams/read-customers";
import { readOrders } from "./streams/read-orders";
import { readSegments } from "./streams/read-segments";
import { upsertAll, type UpsertEntry } from "./writes/hubspot-upsert";
import { writeOrders } from "./writes/write-orders";
import { writeSegments } from "./writes/write-segments";
import { archiveMarketing, writeMarketing } from "./writes/write-marketing";

/** Map records to upsert inputs; a record the mapper rejects becomes a failed outcome naming its field. */
function prepare<T extends { key: string }>(records: readonly T[], map: (record: T) => UpsertEntry["input"]) {
  const entries: Array<UpsertEntry & { index: number }> = [];
  const outcomes: WriteOutcome[] = new Array(records.length);
  const seen = new Map<string, string>();
  records.forEach((record, index) => {
    try {
      const input = map(record);
      // Two records with one upsert id would make HubSpot refuse the whole batch: the later one fails here.
      const first = seen.get(input.id.toLowerCase());
      if (first !== undefined) throw new MappingError(input.idProperty, `${input.id} is also used by ${first} in this write`);
      seen.set(input.id.toLowerCase(), record.key);
      entries.push({ key: record.key, input, index });
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      outcomes[index] = { key: record.key, status: "failed", issue: { recordKey: record.key, field: error.field, reason: "invalid", message: `${error.field} ${error.message}` } };
    }
  });
  return { entries, outcomes };
}

async function upsertMapped<T extends { key: string }>(client: HubSpotClient, objectType: string, records: readonly T[], map: (r: T) => UpsertEntry["input"], concurrency: number) {
  const { entries, outcomes } = prepare(records, map);
  const written = await upsertAll(client, objectType, entries, concurrency);
  entries.forEach((entry, i) => (outcomes[entry.index] = written[i]!));
  return outcomes;
}

async function check(client: HubSpotClient): Promise<{ ok: boolean; message: string }> {
  const account = await client.accountDetails();
  const missing: string[] = [];
  for (const [objectType, names] of Object.entries(REQUIRED_PROPERTIES)) {
    const present = await client.propertyNames(objectType);
    missing.push(...names.filter((n) => !present.has(n)).map((n) => `${objectType}.${n}`));
  }
  if (missing.length) return { ok: false, message: `portal ${account.portalId}: missing custom properties ${missing.join(", ")}` };
  return { ok: true, message: `authenticated on HubSpot portal ${account.portalId}; custom properties present` };
}

/**
 * HubSpot CRM connector (CRM v3 objects, v4 associations, Lists v3). Reads customers, companies,
 * orders (deals + line items) and segments (lists); writes them by unique-property upserts.
 * Promotions and campaigns become tags on the targeted contacts plus a MANUAL list each (write-marketing.ts).
 * Archiving CRM records from other systems is not done: the CRM owns its contacts.
 */
export function createHubSpotConnector(input: HubSpotSettingsInput): ConnectorV1 {
  const settings = parseHubSpotSettings(input);
  const client = createHubSpotClient(settings);
  const { system, writeConcurrency: concurrency } = settings;
  // Batches of 100 (HubSpot's batch limit), `writeConcurrency` of them in flight; the shared burst budget paces them.
  const batches = { maxBatchSize: 100, writeConcurrency: concurrency };
  const customerInput = (c: Customer) => fromCustomer(c, { idProperty: settings.customerIdProperty, writeConsent: settings.writeConsent });
  return defineConnector({
    vendor: "hubspot", system, role: "crm",
    entities: {
      customer: { read: (o) => readCustomers(client, system, o), write: (records) => upsertMapped(client, "contacts", records, customerInput, concurrency), ...batches },
      company: { read: (o) => readCompanies(client, system, o), write: (records) => upsertMapped(client, "companies", records, fromCompany, concurrency), ...batches },
      order: {
        read: (o) => readOrders(client, system, o), write: (records) => writeOrders(client, records, concurrency), ...batches,
      },
      segment: {
        read: (o) => readSegments(client, system, o), delta: false, write: (records) => writeSegments(client, records), maxBatchSize: 100,
      },
      promotion: { write: (records) => writeMarketing(client, "promotion", records), archive: (keys) => archiveMarketing(client, "promotion", keys), maxBatchSize: 100 },
      campaign: { write: (records) => writeMarketing(client, "campaign", records), archive: (keys) => archiveMarketing(client, "campaign", keys), maxBatchSize: 100 },
    },
    check: () => check(client),
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
}
