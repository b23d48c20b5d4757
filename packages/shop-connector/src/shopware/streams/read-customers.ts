import type { Customer, Page } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { shopwareCustomerSchema } from "../shopware-api";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { toCustomer } from "../mappers/to-customer";
import { shopwareKeysetPages } from "./shopware-keyset";
import { idOfRow } from "./read-orders";

/** Associations a customer read loads (Criteria `associations`). */
const CUSTOMER_ASSOCIATIONS = {
  group: {}, language: { associations: { locale: {} } },
  defaultBillingAddress: { associations: { country: {} } }, defaultShippingAddress: { associations: { country: {} } },
};

/** Customers in keyset pages (`POST /api/search/customer`); guests included, as Shopware stores them as customers. */
export async function* readCustomers(
  client: ShopwareClient, context: ShopwareMapContext, options: HandlerReadOptions,
): AsyncGenerator<Page<Customer>> {
  const pages = shopwareKeysetPages(client, "customer", { base: { associations: CUSTOMER_ASSOCIATIONS }, ...options, system: context.system });
  for await (const page of pages) {
    const { items, issues } = mapRecords("customer", page.rows, (row) => toCustomer(shopwareCustomerSchema.parse(row), context), idOfRow);
    yield { items, issues, deleted: [], cursor: page.cursor, hasMore: page.hasMore };
  }
}
