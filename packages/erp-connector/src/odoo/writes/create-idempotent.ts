import { z } from "zod";
import { ConnectorError, isConnectorError } from "@omnibridge/core-model";
import { backoffDelay, sleep } from "@omnibridge/connector-kit";
import type { OdooClient } from "../odoo-client";

/** One record to create, with the natural key it can be found by afterwards. */
export interface PendingCreate {
  key: string;
  vals: Record<string, unknown>;
}

/** Per key: the new id, or why creating failed. */
export type CreateResult = Map<string, { id: number } | { error: ConnectorError }>;

const ISOLATE: ReadonlySet<string> = new Set(["invalid", "conflict", "not_found", "protocol"]);

function asConnectorError(error: unknown): ConnectorError {
  return isConnectorError(error) ? error : new ConnectorError("internal", error instanceof Error ? error.message : String(error));
}

/**
 * `create(vals_list)` made safe to retry. Odoo has no upsert and no idempotency key
 * (vendor-apis §1 "Batch writes"): a create whose response was lost (timeout, 5xx) may have
 * committed, so before retrying we search by the natural key and only create what is still
 * missing. A batch that Odoo rejects (one transaction: one bad record rolls back all) is split
 * into single creates, so each record gets its own outcome.
 */
export async function createIdempotent(
  client: OdooClient, model: string, batch: readonly PendingCreate[],
  find: (keys: string[]) => Promise<Map<string, number>>, options: { retries?: number; signal?: AbortSignal } = {},
): Promise<CreateResult> {
  const result: CreateResult = new Map();
  let pending = [...batch];
  for (let attempt = 1; pending.length; attempt++) {
    try {
      const ids = await client.call(model, "create", { vals_list: pending.map((p) => p.vals) }, z.array(z.number().int()), { retry: false, signal: options.signal });
      pending.forEach((p, i) => result.set(p.key, { id: ids[i]! }));
      return result;
    } catch (raw) {
      const error = asConnectorError(raw);
      if (error.retryable && attempt <= (options.retries ?? 4)) {
        await sleep(error.retryAfterMs ?? backoffDelay(attempt), options.signal);
        const found = await find(pending.map((p) => p.key));
        for (const [key, id] of found) result.set(key, { id });
        pending = pending.filter((p) => !found.has(p.key));
        continue;
      }
      if (pending.length > 1 && ISOLATE.has(error.reason)) {
        for (const one of pending) {
          for (const [key, value] of await createIdempotent(client, model, [one], find, options)) result.set(key, value);
        }
        return result;
      }
      for (const p of pending) result.set(p.key, { error });
      return result;
    }
  }
  return result;
}
