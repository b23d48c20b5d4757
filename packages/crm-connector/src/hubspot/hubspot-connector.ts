import {
  CONNECTOR_CONTRACT_V1, ConnectorError, isConnectorError, type Capabilities, type Company, type ConnectorV1, type Customer,
  type EntityKind, type EntityOf, type Order, type Page, type ReadOptions, type Segment, type WriteOutcome,
} from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { createHubSpotClient, type HubSpotClient } from "./hubspot-client";
import { REQUIRED_PROPERTIES } from "./hubspot-schema";
import { parseHubSpotSettings, type HubSpotSettings, type HubSpotSettingsInput } from "./hubspot-settings";
import { fromCompany, fromCustomer } from "./mappers/from-customer";
import { readCompanies } from "./streams/read-companies";
import { readCustomers } from "./streams/read-customers";
import { readOrders } from "./streams/read-orders";
import { readSegments } from "./streams/read-segments";
import { upsertAll, type UpsertEntry } from "./writes/hubspot-upsert";
import { writeOrders } from "./writes/write-orders";
import { writeSegments } from "./writes/write-segments";
import { archiveMarketing, writeMarketing } from "./writes/write-marketing";

const BATCH = { read: true, delta: true, write: true, archive: false, maxBatchSize: 100 } as const;
const CAPABILITIES: Capabilities = {
  customer: BATCH,
  company: BATCH,
  order: BATCH,
  segment: { read: true, delta: false, write: true, archive: false, maxBatchSize: 100 },
  // Promotions and campaigns: tags on the targeted contacts plus a MANUAL list each (see write-marketing.ts).
  promotion: { read: false, delta: false, write: true, archive: true, maxBatchSize: 100 },
  campaign: { read: false, delta: false, write: true, archive: true, maxBatchSize: 100 },
};

type Reader = (client: HubSpotClient, system: string, options: ReadOptions) => AsyncGenerator<Page<unknown>>;
const READERS: Partial<Record<EntityKind, Reader>> = { customer: readCustomers, company: readCompanies, order: readOrders, segment: readSegments };

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

async function write(client: HubSpotClient, settings: HubSpotSettings, entity: EntityKind, records: readonly unknown[]): Promise<WriteOutcome[]> {
  if (records.length === 0) return [];
  switch (entity) {
    case "customer":
      return upsertMapped(client, "contacts", records as Customer[], (c) => fromCustomer(c, { idProperty: settings.customerIdProperty, writeConsent: settings.writeConsent }), settings.writeConcurrency);
    case "company":
      return upsertMapped(client, "companies", records as Company[], fromCompany, settings.writeConcurrency);
    case "order":
      return writeOrders(client, records as Order[], settings.writeConcurrency);
    case "segment":
      return writeSegments(client, records as Segment[]);
    case "promotion":
    case "campaign":
      return writeMarketing(client, entity, records);
    default:
      throw new ConnectorError("invalid", `hubspot does not write ${entity}`, { system: settings.system });
  }
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
 */
export function createHubSpotConnector(input: HubSpotSettingsInput): ConnectorV1 {
  const settings = parseHubSpotSettings(input);
  const client = createHubSpotClient(settings);
  return {
    contract: CONNECTOR_CONTRACT_V1,
    vendor: "hubspot",
    system: settings.system,
    role: "crm",
    capabilities: CAPABILITIES,
    async check() {
      const started = performance.now();
      try {
        return { ...(await check(client)), latencyMs: performance.now() - started };
      } catch (error) {
        const message = isConnectorError(error) ? error.message : "unexpected error";
        return { ok: false, message, latencyMs: performance.now() - started };
      }
    },
    read<K extends EntityKind>(entity: K, options: ReadOptions = {}) {
      const reader = READERS[entity];
      if (!reader) throw new ConnectorError("invalid", `hubspot does not read ${entity}`, { system: settings.system });
      return reader(client, settings.system, options) as AsyncIterable<Page<EntityOf<K>>>;
    },
    write: (entity, records) => write(client, settings, entity, records),
    async archive(entity, keys) {
      if (entity === "promotion" || entity === "campaign") return archiveMarketing(client, entity, keys);
      // Archiving CRM records from other systems is not done: the CRM owns its contacts.
      return keys.map((key) => ({ key, status: "failed" as const, issue: { recordKey: key, reason: "invalid" as const, message: "hubspot connector does not archive records" } }));
    },
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}
