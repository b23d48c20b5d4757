import type { ConnectorV1 } from "@omnibridge/core-model";
import { defineConnector } from "@omnibridge/connector-kit";
import { createShopwareClient } from "./shopware-client";
import { parseShopwareSettings, type ShopwareSettingsInput } from "./shopware-settings";
import { shopwareMapContext } from "./mappers/shopware-context";
import { readCustomers } from "./streams/read-customers";
import { readOrders } from "./streams/read-orders";
import { readProducts } from "./streams/read-products";
import { archiveProducts, writeProducts } from "./writes/write-products";
import { writePrices } from "./writes/write-prices";
import { writeStock } from "./writes/write-stock";
import { writeOrders } from "./writes/write-orders";

/**
 * Shopware 6 connector (Admin API, integration client credentials). Reads products with variants,
 * customers with groups and B2B fields, and orders with line items, deliveries (tracking) and payments,
 * in keyset pages. Writes products (with variants, options, visibilities), prices (retail per currency,
 * advanced prices per rule for customer groups), stock (summed per configured locations) and order
 * write-back (tracking codes, pickup field, state transitions). Archives products by deactivating them.
 */
export function createShopwareConnector(input: ShopwareSettingsInput): ConnectorV1 {
  const settings = parseShopwareSettings(input);
  const client = createShopwareClient(settings);
  const context = shopwareMapContext(settings);
  const batch = settings.batchSize;
  return defineConnector({
    vendor: "shopware", system: settings.system, role: "shop",
    entities: {
      product: {
        read: (o) => readProducts(client, context, o), write: (r, o) => writeProducts(client, context, r, o.signal),
        archive: (keys, o) => archiveProducts(client, keys, o.signal), maxBatchSize: batch,
      },
      price: { write: (r, o) => writePrices(client, context, r, o.signal), maxBatchSize: batch },
      stockLevel: { write: (r, o) => writeStock(client, context, r, o.signal), maxBatchSize: batch },
      customer: { read: (o) => readCustomers(client, context, o) },
      order: { read: (o) => readOrders(client, context, o), write: (r, o) => writeOrders(client, context, r, o.signal),
        maxBatchSize: batch },
    },
    check: async (signal) => `authenticated on Shopware ${await client.version(signal)} at ${new URL(settings.url).host}`,
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
}
