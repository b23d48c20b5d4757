import { chunk } from "@omnibridge/connector-kit";
import { akeneoProductSchema } from "./akeneo-api";
import type { AkeneoClient } from "./akeneo-client";
import { inFilter } from "./akeneo-search";
import { identifierCode, type AkeneoMappingContext } from "./mappers/akeneo-context";
import { listAll } from "./streams/load-context";

/**
 * SKU → uuid, found by searching products by identifier (`identifier IN`), so writes address
 * existing products by uuid and never create a twin. Cached per connector.
 * https://api.akeneo.com/documentation/filter.html#on-product-properties
 */
export class SkuLookup {
  private readonly known = new Map<string, string>();

  constructor(private readonly client: AkeneoClient) {}

  /** Resolve the uuids of `skus`; unknown SKUs stay absent. */
  async resolve(skus: readonly string[], ctx: AkeneoMappingContext, signal?: AbortSignal): Promise<Map<string, string>> {
    const missing = [...new Set(skus.filter((sku) => !this.known.has(sku)))];
    const code = identifierCode(ctx);
    // Parallel searches; the client's limiter keeps them within Akeneo's 4 concurrent calls.
    await Promise.all(chunk(missing, 100).map(async (part) => {
      const products = await listAll(this.client, "/products-uuid", akeneoProductSchema, signal, { pagination_type: "search_after", search: inFilter("identifier", part) });
      for (const product of products) {
        const sku = product.values?.[code]?.[0]?.data;
        if (typeof sku === "string") this.known.set(sku, product.uuid);
      }
    }));
    return new Map(skus.flatMap((sku) => (this.known.has(sku) ? [[sku, this.known.get(sku)!] as const] : [])));
  }

  /** Remember a uuid after a create. */
  remember(sku: string, uuid: string): void {
    this.known.set(sku, uuid);
  }
}
