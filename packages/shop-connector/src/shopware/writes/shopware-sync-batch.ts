import type { RecordIssue } from "@omnibridge/core-model";
import type { ShopwareError } from "../shopware-api";
import type { ShopwareClient, ShopwareSyncOperation } from "../shopware-client";
import { fieldOfPointer, shopwareErrorMessage } from "../shopware-error";

/** A row one record contributes to a keyed sync operation (rows with the same id are sent once). */
export interface SyncRow {
  op: string;
  payload: Record<string, unknown> & { id?: string };
}

/** A record's part of a sync request. */
export interface SyncItem {
  key: string;
  rows: SyncRow[];
}

/** Operation keys in the order they run, with their entity and action. */
export type SyncPlan = Array<{ op: string; entity: string; action: "upsert" | "delete" }>;

interface Built {
  operations: Record<string, ShopwareSyncOperation>;
  /** `${op}/${index}` → keys of the records that contributed the row. */
  owners: Map<string, string[]>;
}

function build(plan: SyncPlan, items: readonly SyncItem[]): Built {
  const operations: Record<string, ShopwareSyncOperation> = {};
  const owners = new Map<string, string[]>();
  const byId = new Map<string, number>();
  for (const { op, entity, action } of plan) operations[op] = { entity, action, payload: [] };
  for (const item of items) {
    for (const row of item.rows) {
      const operation = operations[row.op];
      if (!operation) throw new Error(`sync row for unknown operation ${row.op}`);
      const shared = row.payload.id ? byId.get(`${row.op}/${row.payload.id}`) : undefined;
      const index = shared ?? operation.payload.push(row.payload) - 1;
      if (row.payload.id) byId.set(`${row.op}/${row.payload.id}`, index);
      const slot = `${row.op}/${index}`;
      owners.set(slot, [...(owners.get(slot) ?? []), item.key]);
    }
  }
  for (const op of Object.keys(operations)) if (operations[op]!.payload.length === 0) delete operations[op];
  return { operations, owners };
}

/**
 * The records an error names. `source.pointer` is `/<operation key>/<index>/<field>` (or `/<index>/<field>`
 * from a single-operation request, as in older docs): the row's owners. No pointer names no one.
 */
function ownersOf(error: ShopwareError, built: Built, plan: SyncPlan): string[] {
  const parts = (error.source?.pointer ?? "").split("/").filter(Boolean);
  if (parts.length === 0) return [];
  const named = plan.find((p) => p.op === parts[0]);
  const op = named ? named.op : plan.filter((p) => built.operations[p.op]).at(-1)?.op;
  const index = named ? parts[1] : parts[0];
  if (!op || index === undefined || !/^\d+$/.test(index)) return [];
  return built.owners.get(`${op}/${index}`) ?? [];
}

/**
 * Send records in one `_action/sync` request with fail-on-error: Shopware then writes all or nothing.
 * When it refuses, the records its errors point at fail (naming the field and Shopware's message) and
 * the rest is sent again — at most three rounds, so one bad record never sinks its batch. An error that
 * points at no record fails the whole remaining batch with that message.
 */
export async function syncRecords(
  client: ShopwareClient, plan: SyncPlan, items: readonly SyncItem[], signal?: AbortSignal,
): Promise<Map<string, RecordIssue | null>> {
  const result = new Map<string, RecordIssue | null>();
  let pending = [...items];
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const built = build(plan, pending);
    const outcome = await client.sync(built.operations, signal);
    if (outcome.ok) {
      for (const item of pending) result.set(item.key, null);
      return result;
    }
    const failed = new Map<string, RecordIssue>();
    for (const error of outcome.errors) {
      for (const key of ownersOf(error, built, plan)) {
        if (failed.has(key)) continue;
        failed.set(key, {
          recordKey: key, reason: outcome.status === 409 ? "conflict" : "invalid", message: shopwareErrorMessage(error),
          ...(fieldOfPointer(error.source?.pointer) ? { field: fieldOfPointer(error.source?.pointer) } : {}),
          ...(error.code ? { vendorCode: error.code } : {}),
        });
      }
    }
    if (failed.size === 0) {
      const first = outcome.errors[0];
      const message = first ? shopwareErrorMessage(first) : outcome.message;
      for (const item of pending) result.set(item.key, { recordKey: item.key, reason: "invalid", message, ...(first?.code ? { vendorCode: first.code } : {}) });
      return result;
    }
    for (const [key, issue] of failed) result.set(key, issue);
    pending = pending.filter((item) => !failed.has(item.key));
  }
  for (const item of pending) result.set(item.key, { recordKey: item.key, reason: "invalid", message: "still refused after three rounds of removing the records Shopware named" });
  return result;
}
