import { z } from "zod";
import type { Order, Page } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { medusaOrderSchema } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { customerKeyOfOrder, toOrder, type PickupOptions } from "../mappers/to-order";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { cursorCodec, medusaUpdatedPages, updatedMarkSchema } from "./medusa-keyset";
import { idOfRow } from "./read-products";
import { listAll } from "./read-customer-groups";

/**
 * Fields of an order read. Default fields leave out email, currency, customer and sales channel, and
 * in 2.18.0 `items.quantity` as a field returns null (and a wrong total): `*items` is right.
 */
export const ORDER_FIELDS = "id,display_id,status,payment_status,fulfillment_status,email,currency_code,customer_id,sales_channel_id," +
  "metadata,created_at,updated_at,total,subtotal,item_subtotal,tax_total,shipping_total,discount_total,*items,*items.tax_lines,*items.detail," +
  "*shipping_address,*shipping_methods,*fulfillments,*fulfillments.labels,*fulfillments.items,*payment_collections," +
  "*payment_collections.payments,*customer";

const cursorSchema = z.object({ v: z.literal(1), at: updatedMarkSchema });
const optionSchema = z.object({ id: z.string(), service_zone: z.object({ fulfillment_set: z.object({ type: z.string().nullish(),
  location: z.object({ id: z.string() }).loose().nullish() }).loose().nullish() }).loose().nullish() }).loose();

/** Shipping options of `pickup` fulfillment sets and their stock locations. https://docs.medusajs.com/api/admin#shipping-options */
export async function pickupOptions(client: MedusaClient, signal?: AbortSignal): Promise<PickupOptions> {
  const rows = await listAll(client, "/admin/shipping-options", "shipping_options",
    "id,service_zone.fulfillment_set.type,service_zone.fulfillment_set.location.id", signal);
  const locationOfOption = new Map<string, string>();
  for (const row of rows) {
    const option = optionSchema.parse(row);
    const set = option.service_zone?.fulfillment_set;
    if (set?.type === "pickup" && set.location?.id) locationOfOption.set(option.id, set.location.id);
  }
  return { locationOfOption };
}

/**
 * Orders in keyset pages of `GET /admin/orders` by `updated_at` (capture and fulfilment bump it).
 * https://docs.medusajs.com/api/admin#orders_getorders
 */
export async function* readOrders(client: MedusaClient, context: MedusaMapContext,
  options: HandlerReadOptions): AsyncGenerator<Page<Order>> {
  const codec = cursorCodec(cursorSchema, context.system);
  const pickups = await pickupOptions(client, options.signal);
  const channels = new Map(Object.entries(context.settings.salesChannels).map(([key, id]) => [id, key]));
  const pages = medusaUpdatedPages(client, { path: "/admin/orders", resource: "orders", query: { fields: ORDER_FIELDS },
    pageSize: options.pageSize, at: codec.decode(options.cursor)?.at ?? null, signal: options.signal });
  for await (const page of pages) {
    const mapped = mapRecords("order", page.rows, (row) => {
      const order = medusaOrderSchema.parse(row);
      return toOrder(order, context, pickups, customerKeyOfOrder(order), channels);
    }, idOfRow);
    yield { ...mapped, deleted: [], cursor: codec.encode({ v: 1, at: page.at }), hasMore: page.hasMore };
  }
}
