import {
  CONNECTOR_CONTRACT_V1, ConnectorError, isConnectorError, type Capabilities, type Company, type ConnectorV1, type Customer,
  type EntityKind, type EntityOf, type Order, type Page, type ReadOptions, type WriteOutcome,
} from "@omnibridge/core-model";
import { chunk } from "@omnibridge/connector-kit";
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
import { archivePartners, writePartners } from "./writers/partner-writer";
import { writeOrders } from "./writers/order-writer";

const readOnly = { read: true, delta: true, write: false, archive: false, maxBatchSize: 1 };
/** What the Odoo adapter supports; partners and orders are written in batches of one `create` call. */
export const odooCapabilities: Capabilities = {
  product: readOnly, category: readOnly, priceList: readOnly, price: readOnly, location: readOnly, stockLevel: readOnly,
  company: { read: true, delta: true, write: true, archive: true, maxBatchSize: 100 },
  customer: { read: true, delta: true, write: true, archive: true, maxBatchSize: 100 },
  order: { read: true, delta: true, write: true, archive: false, maxBatchSize: 50 },
  promotion: readOnly,
};

type Reader = (context: StreamContext) => AsyncGenerator<Page<unknown>>;

function readers(settings: OdooSettings): Partial<Record<EntityKind, Reader>> {
  const customerLists = (context: StreamContext) => {
    let ids: Promise<Set<number>> | undefined;
    return async (id: number) => (await (ids ??= loadPriceSetup(context).then((s) => s.customerListIds))).has(id);
  };
  return {
    product: readProducts, category: readCategories, priceList: (c) => readPriceLists(c, customerLists(c)), price: (c) => readPrices(c, { skipSkus: new Set([settings.shippingSku]) }),
    location: readLocations, stockLevel: readStockLevels, company: readCompanies, customer: readCustomers, order: readOrders,
    promotion: (c) => readPromotions({ ...c, now: () => (settings.asOf ? Date.parse(settings.asOf) : Date.now()) }),
  };
}

function wrap(settings: OdooSettings, error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  return new ConnectorError("internal", `${settings.system}: ${error instanceof Error ? error.message : String(error)}`, { system: settings.system });
}

/** `check()`: version, credentials and one cheap authorised call; never throws, never echoes the key. */
async function checkConnection(client: OdooClient, settings: OdooSettings) {
  const started = performance.now();
  try {
    const version = await client.version();
    await client.authenticate();
    await client.call("res.partner", "search", { domain: [["id", "=", 0]], limit: 1 }, z.array(z.number()));
    return { ok: true, latencyMs: performance.now() - started, message: `authenticated as ${settings.username} on ${settings.database} (Odoo ${version}, ${settings.protocol})` };
  } catch (error) {
    return { ok: false, latencyMs: performance.now() - started, message: wrap(settings, error).message };
  }
}

async function writeBatches(client: OdooClient, settings: OdooSettings, entity: EntityKind, records: readonly unknown[], signal?: AbortSignal): Promise<WriteOutcome[]> {
  const capability = odooCapabilities[entity];
  if (!capability?.write) throw new ConnectorError("invalid", `${settings.system}: cannot write ${entity}`, { system: settings.system });
  const outcomes: WriteOutcome[] = [];
  try {
    for (const batch of chunk(records, capability.maxBatchSize)) {
      if (entity === "order") outcomes.push(...(await writeOrders(client, batch as Order[], { shippingSku: settings.shippingSku, signal })));
      else outcomes.push(...(await writePartners(client, entity as "customer" | "company", batch as Array<Customer | Company>, signal)));
    }
  } catch (error) {
    throw wrap(settings, error);
  }
  return outcomes;
}

async function* readKind(client: OdooClient, settings: OdooSettings, entity: EntityKind, options: ReadOptions): AsyncGenerator<Page<unknown>> {
  const reader = readers(settings)[entity];
  if (!reader) throw new ConnectorError("invalid", `${settings.system}: cannot read ${entity}`, { system: settings.system });
  try {
    const version = await client.version(options.signal);
    const pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 200)));
    yield* reader({ client, system: settings.system, version, locale: settings.locale, cursor: options.cursor, pageSize, signal: options.signal });
  } catch (error) {
    throw wrap(settings, error);
  }
}

async function archiveKind(client: OdooClient, settings: OdooSettings, entity: EntityKind, keys: readonly string[], signal?: AbortSignal): Promise<WriteOutcome[]> {
  if (entity !== "customer" && entity !== "company") throw new ConnectorError("invalid", `${settings.system}: cannot archive ${entity}`, { system: settings.system });
  try {
    return await archivePartners(client, keys, signal);
  } catch (error) {
    throw wrap(settings, error);
  }
}

/**
 * Odoo 17/18 (JSON-RPC execute_kw) and 19 (JSON-2) as a ConnectorV1: keyset reads of the
 * catalogue, computed prices, stock, partners, orders and loyalty promotions; upserts of partners by `ref` and
 * orders by `client_order_ref`.
 */
export function createOdooConnector(input: OdooSettingsInput): ConnectorV1 {
  const settings = parseOdooSettings(input);
  const client = createOdooClient(settings);
  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "odoo", system: settings.system, role: "erp", capabilities: odooCapabilities,
    check: () => checkConnection(client, settings),
    read: <K extends EntityKind>(entity: K, options: ReadOptions = {}) => readKind(client, settings, entity, options) as AsyncIterable<Page<EntityOf<K>>>,
    write: async (entity, records, options) => (records.length ? writeBatches(client, settings, entity, records, options?.signal) : []),
    archive: async (entity, keys, options) => (keys.length ? archiveKind(client, settings, entity, keys, options?.signal) : []),
    metrics: () => client.metrics(),
    close: async () => client.close(),
  };
}
