import type { Order, Page, RecordIssue } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { shopwareOrderSchema } from "../shopware-api";
import type { ShopwareClient } from "../shopware-client";
import type { ShopwareMapContext } from "../mappers/shopware-context";
import { toOrder } from "../mappers/to-order";
import { shopwareKeysetPages } from "./shopware-keyset";

/** Associations an order read loads: lines, deliveries with state, method and positions, payments with state. */
export const ORDER_ASSOCIATIONS = {
  currency: {}, stateMachineState: {}, orderCustomer: {}, lineItems: {},
  deliveries: { associations: { stateMachineState: {}, shippingMethod: {}, positions: {} } },
  transactions: { associations: { stateMachineState: {} } },
};

/** The vendor id of a raw row, for issues about rows that name no canonical key. */
export function idOfRow(row: unknown): string {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : "(no id)";
}

/** Orders in keyset pages (`POST /api/search/order`), mapped with their deliveries and transactions. */
export async function* readOrders(
  client: ShopwareClient, context: ShopwareMapContext, options: HandlerReadOptions,
): AsyncGenerator<Page<Order>> {
  const pages = shopwareKeysetPages(client, "order", { base: { associations: ORDER_ASSOCIATIONS }, ...options, system: context.system });
  for await (const page of pages) {
    const warnings: RecordIssue[] = [];
    const { items, issues } = mapRecords("order", page.rows, (row) => toOrder(shopwareOrderSchema.parse(row), context, warnings), idOfRow);
    const delivered = new Set(items.map((item) => item.key));
    yield { items, issues: [...issues, ...warnings.filter((w) => delivered.has(w.recordKey))], deleted: [], cursor: page.cursor,
      hasMore: page.hasMore };
  }
}
