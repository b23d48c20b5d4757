import { chunk } from "@omnibridge/connector-kit";
import { wordpressPostSchema, type WordpressPost } from "./wordpress-api";
import type { WordpressClient } from "./wordpress-client";
import { ALL_STATUSES } from "./streams/wordpress-content-stream";

/** Meta keys the omnibridge mu-plugin makes queryable (`?omnibridge_key=a,b`). */
export type LookupParam = "omnibridge_key" | "omnibridge_sku";

/**
 * Find posts by a meta value, trash included (a write restores a trashed page rather than
 * creating a twin). WordPress has no upsert: this lookup is the first half of one.
 * https://developer.wordpress.org/reference/hooks/rest_this-post_type_query/
 */
export async function findByMeta(
  client: WordpressClient, collection: string, param: LookupParam, values: readonly string[],
): Promise<Map<string, WordpressPost>> {
  const found = new Map<string, WordpressPost>();
  for (const part of chunk([...new Set(values)], 40)) {
    for (let page = 1, pages = 1; page <= pages; page++) {
      const result = await client.list(collection, { context: "edit", status: ALL_STATUSES, per_page: 100, page, orderby: "id", order: "asc", [param]: part.join(",") });
      pages = result.totalPages;
      for (const raw of result.items) {
        const parsed = wordpressPostSchema.safeParse(raw);
        const value = parsed.success ? parsed.data.meta?.[param] : undefined;
        // Oldest first: should a twin ever exist, every run keeps updating the same one.
        if (parsed.success && value && !found.has(value)) found.set(value, parsed.data);
      }
    }
  }
  return found;
}
