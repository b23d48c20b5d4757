import type { z } from "zod";
import { chunk } from "@omnibridge/connector-kit";
import type { MedusaClient } from "../medusa-client";

/** SKUs per `sku` filter of a list request (one page of 100 answers them all). */
const SKUS_PER_REQUEST = 100;

/**
 * Rows of a Medusa admin list that filters by `sku` (product variants, inventory items), by SKU:
 * one request per 100 distinct SKUs, each row parsed with `schema`; rows without a SKU are left out.
 */
export async function listBySku<T extends { sku?: string | null | undefined }>(
  client: MedusaClient, path: string, resource: string, fields: string, schema: z.ZodType<T>, skus: readonly string[], signal: AbortSignal,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const part of chunk([...new Set(skus)], SKUS_PER_REQUEST)) {
    const page = await client.list(path, resource, { sku: part, fields, limit: SKUS_PER_REQUEST }, signal);
    for (const row of page.rows) {
      const parsed = schema.parse(row);
      if (parsed.sku) found.set(parsed.sku, parsed);
    }
  }
  return found;
}
