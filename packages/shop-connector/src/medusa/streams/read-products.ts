import { z } from "zod";
import type { Page, Product } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { medusaProductSchema } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { toProduct } from "../mappers/to-product";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { cursorCodec, medusaUpdatedPages, pageLimit, updatedMarkSchema } from "./medusa-keyset";

/** Fields a product read loads: options with values, variants with their options and prices. */
export const PRODUCT_FIELDS = "id,title,subtitle,description,handle,status,external_id,metadata,created_at,updated_at," +
  "*options,*options.values,*variants,*variants.options,*variants.options.option,*variants.prices";

const cursorSchema = z.object({ v: z.literal(1), phase: z.enum(["products", "variants"]), products: updatedMarkSchema,
  variants: updatedMarkSchema });
type ProductCursor = z.infer<typeof cursorSchema>;
const variantStampSchema = z.object({ id: z.string(), product_id: z.string().nullish(), updated_at: z.string() }).loose();

/** The vendor id of a raw row, for issues about rows that name no canonical key. */
export function idOfRow(row: unknown): string {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : "(no id)";
}

/** The newest variant `updated_at` now: where a full read's variant watch starts. */
async function latestVariantStamp(client: MedusaClient, signal: AbortSignal): Promise<string | null> {
  const page = await client.list("/admin/product-variants", "variants", { limit: 1, order: "-updated_at", fields: "id,updated_at" },
    signal);
  return page.rows.length ? variantStampSchema.parse(page.rows[0]).updated_at : null;
}

/**
 * Products in keyset pages, in two phases. (1) `GET /admin/products` by `updated_at`. (2) A variant
 * change (a price, a sku) does not bump its product's `updated_at`, so `GET /admin/product-variants`
 * by `updated_at` finds the products whose variants changed since, which are read again by id.
 * A full read starts the variant watch at the newest variant now. A product is delivered once per read.
 * https://docs.medusajs.com/api/admin#products_getproducts · #product-variants_getproductvariants
 */
export async function* readProducts(client: MedusaClient, context: MedusaMapContext,
  options: HandlerReadOptions): AsyncGenerator<Page<Product>> {
  const codec = cursorCodec(cursorSchema, context.system);
  const state: ProductCursor = codec.decode(options.cursor) ??
    { v: 1, phase: "products", products: null, variants: await latestVariantStamp(client, options.signal) };
  const delivered = new Set<string>();
  const map = (rows: unknown[]) => mapRecords("product", rows, (row) => toProduct(medusaProductSchema.parse(row), context), idOfRow);
  if (state.phase === "products") {
    const pages = medusaUpdatedPages(client, { path: "/admin/products", resource: "products", query: { fields: PRODUCT_FIELDS },
      pageSize: options.pageSize, at: state.products, signal: options.signal });
    for await (const page of pages) {
      state.products = page.at;
      if (!page.hasMore) state.phase = "variants";
      for (const row of page.rows) delivered.add(idOfRow(row));
      yield { ...map(page.rows), deleted: [], cursor: codec.encode(state), hasMore: true };
    }
  }
  const variants = medusaUpdatedPages(client, { path: "/admin/product-variants", resource: "variants",
    query: { fields: "id,product_id,updated_at" },
    pageSize: options.pageSize, at: state.variants, signal: options.signal });
  for await (const page of variants) {
    const ids = [...new Set(page.rows.map((row) => variantStampSchema.parse(row).product_id ?? ""))].filter((id) => id && !delivered.has(id));
    const rows = ids.length ? await productsById(client, ids, options.signal) : [];
    for (const id of ids) delivered.add(id);
    state.variants = page.at;
    if (!page.hasMore) state.phase = "products";
    yield { ...map(rows), deleted: [], cursor: codec.encode(state), hasMore: page.hasMore };
  }
}

async function productsById(client: MedusaClient, ids: string[], signal: AbortSignal): Promise<unknown[]> {
  const page = await client.list("/admin/products", "products", { "id": ids, fields: PRODUCT_FIELDS, limit: pageLimit(ids.length) },
    signal);
  return page.rows;
}
