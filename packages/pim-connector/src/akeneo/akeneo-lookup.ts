import { chunk } from "@omnibridge/connector-kit";
import { akeneoProductSchema } from "./akeneo-api";
import type { AkeneoClient } from "./akeneo-client";
import { inFilter } from "./akeneo-search";
import { identifierCode, type AkeneoMappingContext } from "./mappers/akeneo-context";
import { listAll } from "./streams/load-context";

/** Options of {@link SkuLookup}. */
export interface SkuLookupOptions {
  /** Most SKUs remembered; the least recently used is forgotten first. */
  maxEntries?: number;
  /** How long a resolved uuid is trusted (a product may be deleted and recreated with a new uuid meanwhile). */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * SKU → uuid, found by searching products on the identifier attribute's code with `IN`
 * (`search={"sku":[{"operator":"IN","value":[…]}]}`, ≤ 100 identifiers per filter, 7.0/SaaS:
 * https://api.akeneo.com/documentation/filter.html#filter-on-product-values, "The pim_catalog_identifier
 * attribute type"), so writes address existing products by uuid and never create a twin.
 * The cache is bounded (LRU) and expires: a worker lives long, and a product deleted and recreated
 * in the PIM gets a new uuid. `startRun()` forgets everything; a failed line forgets its SKU.
 */
export class SkuLookup {
  private readonly known = new Map<string, { uuid: string; at: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly client: AkeneoClient, options: SkuLookupOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolve the uuids of `skus`; unknown SKUs stay absent. */
  async resolve(skus: readonly string[], ctx: AkeneoMappingContext, signal?: AbortSignal): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const missing = new Set<string>();
    for (const sku of skus) {
      const uuid = this.get(sku);
      if (uuid) out.set(sku, uuid);
      else missing.add(sku);
    }
    const code = identifierCode(ctx);
    // Parallel searches; the client's limiter keeps them within Akeneo's 4 concurrent calls.
    await Promise.all(chunk([...missing], 100).map(async (part) => {
      const products = await listAll(this.client, "/products-uuid", akeneoProductSchema, signal, { pagination_type: "search_after", search: inFilter(code, part) });
      for (const product of products) {
        const sku = product.values?.[code]?.[0]?.data;
        if (typeof sku !== "string" || !missing.has(sku)) continue;
        this.remember(sku, product.uuid);
        out.set(sku, product.uuid);
      }
    }));
    return out;
  }

  /** Remember a uuid after a create or a lookup. */
  remember(sku: string, uuid: string): void {
    this.known.delete(sku);
    this.known.set(sku, { uuid, at: this.now() });
    while (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value!);
  }

  /** Forget a SKU (its line failed: the product may have been deleted or recreated). */
  forget(sku: string): void {
    this.known.delete(sku);
  }

  /** A new run starts: trust nothing learned in an earlier one. */
  startRun(): void {
    this.known.clear();
  }

  /** Entries held (for tests and metrics). */
  get size(): number {
    return this.known.size;
  }

  private get(sku: string): string | undefined {
    const entry = this.known.get(sku);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.known.delete(sku);
      return undefined;
    }
    // Move to the most recently used end.
    this.known.delete(sku);
    this.known.set(sku, entry);
    return entry.uuid;
  }
}
