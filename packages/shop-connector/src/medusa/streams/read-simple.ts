import { z } from "zod";
import type { EntityInputOf, EntityKind, EntityOf, Page, PriceList } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { medusaPriceListSchema, medusaStockLocationSchema } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { toLocation } from "../mappers/to-location";
import { toPriceList } from "../mappers/to-price-list";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { cursorCodec, medusaScanPages, medusaUpdatedPages, updatedMarkSchema } from "./medusa-keyset";
import { idOfRow } from "./read-products";
import { customerGroupKeys } from "./read-customer-groups";

const cursorSchema = z.object({ v: z.literal(1), at: updatedMarkSchema });

async function* keysetRead<K extends EntityKind>(
  client: MedusaClient, context: MedusaMapContext, options: HandlerReadOptions,
  source: { entity: K; path: string; resource: string; fields: string; map: (row: unknown) => EntityInputOf<K> },
): AsyncGenerator<Page<EntityOf<K>>> {
  const codec = cursorCodec(cursorSchema, context.system);
  const pages = medusaUpdatedPages(client, { path: source.path, resource: source.resource, query: { fields: source.fields },
    pageSize: options.pageSize, at: codec.decode(options.cursor)?.at ?? null, signal: options.signal });
  for await (const page of pages) {
    const mapped = mapRecords(source.entity, page.rows, source.map, idOfRow);
    yield { ...mapped, deleted: [], cursor: codec.encode({ v: 1, at: page.at }), hasMore: page.hasMore };
  }
}

/** Stock locations by `updated_at`, with their fulfillment sets. https://docs.medusajs.com/api/admin#stock-locations_getstocklocations */
export function readLocations(client: MedusaClient, context: MedusaMapContext, options: HandlerReadOptions) {
  return keysetRead(client, context, options, { entity: "location", path: "/admin/stock-locations", resource: "stock_locations",
    fields: "id,name,metadata,updated_at,*address,*fulfillment_sets", map: (row) => toLocation(medusaStockLocationSchema.parse(row),
      context) });
}

/**
 * Price lists, scanned (they cannot be filtered by `updated_at`) and delivered when changed since the
 * previous scan. https://docs.medusajs.com/api/admin#price-lists_getpricelists
 */
export async function* readPriceLists(client: MedusaClient, context: MedusaMapContext,
  options: HandlerReadOptions): AsyncGenerator<Page<PriceList>> {
  const groups = await customerGroupKeys(client, options.signal);
  const pages = medusaScanPages(client, { path: "/admin/price-lists", resource: "price_lists",
    fields: undefined, pageSize: options.pageSize, cursor: options.cursor, signal: options.signal, system: context.system });
  for await (const page of pages) {
    const changed = page.rows.filter((row) => Date.parse(String((row as { updated_at?: unknown }).updated_at)) > page.sinceMs);
    const mapped = mapRecords("priceList", changed, (row) => toPriceList(medusaPriceListSchema.parse(row), context, groups), idOfRow);
    yield { ...mapped, deleted: [], cursor: page.cursor, hasMore: page.hasMore };
  }
}
