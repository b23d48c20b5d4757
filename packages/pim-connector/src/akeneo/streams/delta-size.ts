import { akeneoProductSchema } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { productFilterTime, updatedSince } from "../akeneo-search";

/** How much a product delta pass would read, and the server's clock when asked. */
export interface DeltaSize {
  /** Products (simple and variant) updated since the pass's lower bound, or whose models were. */
  changed: number;
  /** Every product. */
  total: number;
  serverDate: string | undefined;
}

/**
 * Count the products a delta pass would read and all products: `with_count=true` with `limit=1`
 * (page pagination, https://api.akeneo.com/documentation/pagination.html#with_count), two requests.
 * Undefined when the PIM sends no `items_count`.
 */
export async function deltaSize(client: AkeneoClient, since: string, signal?: AbortSignal): Promise<DeltaSize | undefined> {
  const count = (search?: string) => client.list("/products-uuid", { limit: 1, with_count: "true", search }, akeneoProductSchema, signal);
  const [changed, total] = await Promise.all([count(updatedSince(productFilterTime(since))), count()]);
  if (changed.count === undefined || total.count === undefined) return undefined;
  return { changed: changed.count, total: total.count, serverDate: changed.serverDate };
}

/**
 * A delta pass reads each changed variant's whole model again (a canonical product is the model with
 * every variant), so reading the changes costs about twice the requests of reading those products in a
 * full pass. When at least half of the products changed (a catalogue-wide price update, an import), the
 * pass reads everything instead: it costs no more than a full read, never twice one.
 */
export function readsWhole(size: DeltaSize | undefined): boolean {
  return size !== undefined && size.total > 0 && size.changed * 2 >= size.total;
}
