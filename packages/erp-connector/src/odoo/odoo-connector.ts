import {
  ConnectorError, isConnectorError, type Capabilities, type Company, type ConnectorV1, type Customer, type Page, type WriteOutcome,
} from "@omnibridge/core-model";
import { chunk, defineConnector, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { z } from "zod";
import { createOdooClient, type OdooClient } from "./odoo-client";
import { parseOdooSettings, type OdooSettings, type OdooSettingsInput } from "./odoo-settings";
import { readCategories, readLocations, readPriceLists, readProducts } from "./streams/catalog-streams";
import { readOrders } from "./streams/order-stream";
import { readPromotions } from "./streams/promotion-stream";
import { readCompanies, readCustomers } from "./streams/party-streams";
import { loadPriceSetup } from "./streams/price-context";
import { readPrices } from "./streams/price-stream";
import { readStockLevels } from "./streams/stock-stream";
import type { StreamContext } from "./streams/stream-context";
import { archivePartners, writePartners } from "./writes/partner-writer";
import { writeOrders } from "./writes/order-writer";

function customerListsOf(context: StreamContext) {
  let ids: Promise<Set<number>> | undefined;
  return async (id: number) => (await (ids ??= loadPriceSetup(context).then((s) => s.customerListIds))).has(id);
}

function wrap(settings: OdooSettings, error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  return new ConnectorError("internal", `${settings.system}: ${error instanceof Error ? error.message : String(error)}`, { system: settings.system });
}

/** `check()`: version, credentials and one cheap authorised call; never echoes the key. */
async function checkConnection(client: OdooClient, settings: OdooSettings, signal: AbortSignal) {
  const version = await client.version(signal);
  await client.authenticate();
  await client.call("res.partner", "search", { domain: [["id", "=", 0]], limit: 1 }, z.array(z.number()));
  return `authenticated as ${settings.username} on ${settings.database} (Odoo ${version}, ${settings.protocol})`;
}

/** Partners and orders are written in batches of one `create` call each. */
async function writeBatches<T>(
  records: readonly T[], size: number, writeBatch: (batch: T[]) => Promise<WriteOutcome[]>,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const batch of chunk(records, size)) outcomes.push(...(await writeBatch(batch)));
  return outcomes;
}

/**
 * Odoo 17/18 (JSON-RPC execute_kw) and 19 (JSON-2) as a ConnectorV1: keyset reads of the
 * catalogue, computed prices, stock, partners, orders and loyalty promotions; upserts of partners by `ref` and
 * orders by `client_order_ref`.
 */
export function createOdooConnector(input: OdooSettingsInput): ConnectorV1 {
  const settings = parseOdooSettings(input);
  const client = createOdooClient(settings);
  const { system } = settings;
  /** Adapt a stream to the contract: the server version first, page size clamped to Odoo's sensible range. */
  const stream = <T>(reader: (context: StreamContext) => AsyncGenerator<Page<T>>) =>
    async function* (options: HandlerReadOptions): AsyncGenerator<Page<T>> {
      const version = await client.version(options.signal);
      const pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 200)));
      yield* reader({ client, system, version, locale: settings.locale, cursor: options.cursor, pageSize, signal: options.signal });
    };
  const now = () => (settings.asOf ? Date.parse(settings.asOf) : Date.now());
  const partners = (entity: "customer" | "company") => ({
    write: (records: readonly (Customer | Company)[], { signal }: { signal: AbortSignal }) =>
      writeBatches(records, 100, (batch) => writePartners(client, entity, batch, signal)),
    archive: (keys: readonly string[], { signal }: { signal: AbortSignal }) => archivePartners(client, keys, signal),
    maxBatchSize: 100,
  });
  return defineConnector({
    vendor: "odoo", system, role: "erp",
    entities: {
      product: { read: stream(readProducts) }, category: { read: stream(readCategories) },
      priceList: { read: stream((c) => readPriceLists(c, customerListsOf(c))) },
      price: { read: stream((c) => readPrices(c, { skipSkus: new Set([settings.shippingSku, settings.discountSku]) })) },
      location: { read: stream(readLocations) }, stockLevel: { read: stream(readStockLevels) },
      company: { read: stream(readCompanies), ...partners("company") },
      customer: { read: stream(readCustomers), ...partners("customer") },
      order: {
        read: stream(readOrders), maxBatchSize: 50,
        write: (records, { signal }) =>
          writeBatches(records, 50, (batch) =>
            writeOrders(client, batch, {
              shippingSku: settings.shippingSku, discountSku: settings.discountSku, confirm: settings.confirmOrders, signal,
            })),
      },
      promotion: { read: stream((c) => readPromotions({ ...c, now })) },
    },
    check: (signal) => checkConnection(client, settings, signal),
    wrapError: (error) => wrap(settings, error),
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
}

const readOnly = { read: true, delta: true, write: false, archive: false, maxBatchSize: 1 };
/**
 * What the Odoo adapter supports, for callers that need it without a connection; equal to
 * `createOdooConnector(…).capabilities` (tested).
 */
export const odooCapabilities: Capabilities = {
  product: readOnly, category: readOnly, priceList: readOnly, price: readOnly, location: readOnly, stockLevel: readOnly,
  company: { read: true, delta: true, write: true, archive: true, maxBatchSize: 100 },
  customer: { read: true, delta: true, write: true, archive: true, maxBatchSize: 100 },
  order: { read: true, delta: true, write: true, archive: false, maxBatchSize: 50 },
  promotion: readOnly,
};
