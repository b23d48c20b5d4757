import { z } from "zod";
import type { ConnectorV1, CustomerGroup, RecordIssue, WriteOutcome } from "@omnibridge/core-model";
import { defineConnector } from "@omnibridge/connector-kit";
import { createMedusaClient } from "./medusa-client";
import { parseMedusaSettings, type MedusaSettingsInput } from "./medusa-settings";
import { medusaMapContext } from "./mappers/medusa-context";
import { readProducts } from "./streams/read-products";
import { readCustomers } from "./streams/read-customers";
import { readOrders } from "./streams/read-orders";
import { readStockLevels } from "./streams/read-stock";
import { readLocations, readPriceLists } from "./streams/read-simple";
import { readCustomerGroups } from "./streams/read-customer-groups";
import { archiveProducts, writeProducts } from "./writes/write-products";
import { writePrices } from "./writes/write-prices";
import { writePriceLists } from "./writes/write-price-lists";
import { writeStock } from "./writes/write-stock";
import { writeCustomerGroups, writeCustomers } from "./writes/write-customers";
import { writeOrders } from "./writes/write-orders";

/** Shop records beside the entity streams: customer groups (B2B price lists name them). */
export interface MedusaShopRecords {
  readCustomerGroups(signal?: AbortSignal): Promise<{ items: CustomerGroup[]; issues: RecordIssue[] }>;
  writeCustomerGroups(records: readonly CustomerGroup[], signal?: AbortSignal): Promise<WriteOutcome[]>;
}

/** The Medusa connector: the V1 contract plus customer groups. */
export type MedusaConnector = ConnectorV1 & MedusaShopRecords;

const healthSchema = z.object({ stores: z.array(z.object({ name: z.string().nullish() }).loose()) }).loose();

/**
 * Medusa v2 connector (admin API, secret API key). Reads products with options and variants (delta
 * also through variant changes such as prices), price lists, stock levels per stock location, stock
 * locations (stores with pickup), customers with groups, and orders with items, fulfilments (tracking)
 * and pickup location. Writes products, prices (variant prices per currency, and customer-group price
 * lists), price lists, stock per location, customers and groups, and order write-back (fulfilment,
 * shipment with tracking, delivery, capture, cancellation). Archives products by deleting them (soft).
 */
export function createMedusaConnector(input: MedusaSettingsInput): MedusaConnector {
  const settings = parseMedusaSettings(input);
  const client = createMedusaClient(settings);
  const context = medusaMapContext(settings);
  const batch = settings.batchSize;
  const never = new AbortController().signal;
  const connector = defineConnector({
    vendor: "medusa", system: settings.system, role: "shop",
    entities: {
      product: { read: (o) => readProducts(client, context, o), write: (r, o) => writeProducts(client, context, r, o.signal),
        archive: (keys, o) => archiveProducts(client, keys, o.signal), maxBatchSize: batch },
      price: { write: (r, o) => writePrices(client, context, r, o.signal), maxBatchSize: batch },
      priceList: { read: (o) => readPriceLists(client, context, o), write: (r, o) => writePriceLists(client, r, o.signal),
        maxBatchSize: batch },
      stockLevel: { read: (o) => readStockLevels(client, context, o), write: (r, o) => writeStock(client, context, r, o.signal),
        maxBatchSize: batch },
      location: { read: (o) => readLocations(client, context, o) },
      customer: { read: (o) => readCustomers(client, context, o), write: (r, o) => writeCustomers(client, r, o.signal),
        maxBatchSize: batch },
      order: { read: (o) => readOrders(client, context, o), write: (r, o) => writeOrders(client, context, r, o.signal),
        maxBatchSize: batch },
    },
    check: async (signal) => {
      const { stores } = await client.get("/admin/stores", { fields: "id,name" }, healthSchema, signal);
      return `authenticated with a secret API key on Medusa store "${stores[0]?.name ?? "?"}" at ${new URL(settings.url).host}`;
    },
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
  return Object.assign(connector, {
    readCustomerGroups: (signal?: AbortSignal) => readCustomerGroups(client, settings.system, signal ?? never),
    writeCustomerGroups: (records: readonly CustomerGroup[], signal?: AbortSignal) =>
      records.length ? writeCustomerGroups(client, records, signal ?? never) : Promise.resolve([]),
  });
}
