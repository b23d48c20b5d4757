import { chunk } from "@omnibridge/connector-kit";
import { akeneoProductSchema, type AkeneoProduct } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { inFilter } from "../akeneo-search";
import { identifierCode, type AkeneoMappingContext } from "../mappers/akeneo-context";
import { listAll } from "./load-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolve association targets to canonical product keys: uuids (UUID endpoints) by `uuid IN`,
 * identifiers (product models' associations) by the identifier attribute with `IN`
 * (https://api.akeneo.com/documentation/filter.html). A simple product's key is its identifier; a
 * variant's is its root model's code (`root_parent`, else `parent`). Unknown targets stay absent.
 */
export async function resolveTargets(
  client: AkeneoClient, refs: readonly string[], ctx: AkeneoMappingContext, signal?: AbortSignal,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(refs)];
  if (unique.length === 0) return out;
  const code = identifierCode(ctx);
  const uuids = unique.filter((r) => UUID.test(r));
  const identifiers = unique.filter((r) => !UUID.test(r));
  const searches = [
    ...chunk(uuids, 100).map((part) => inFilter("uuid", part)),
    ...chunk(identifiers, 100).map((part) => inFilter(code, part)),
  ];
  const found = (await Promise.all(searches.map((search) => listAll(client, "/products-uuid", akeneoProductSchema, signal, { pagination_type: "search_after", search })))).flat();
  for (const product of found) {
    const sku = skuValue(product, code);
    // A variant is delivered inside its root model's product; `root_parent` only counts for variants.
    const key = product.parent ? product.root_parent ?? product.parent : sku;
    if (!key) continue;
    out.set(product.uuid, key);
    if (sku) out.set(sku, key);
  }
  return out;
}

function skuValue(product: AkeneoProduct, code: string): string | undefined {
  const data = product.values?.[code]?.[0]?.data;
  return typeof data === "string" && data ? data : undefined;
}
