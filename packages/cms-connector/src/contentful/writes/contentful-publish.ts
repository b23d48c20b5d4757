import { chunk, sleep } from "@omnibridge/connector-kit";
import { ConnectorError, isConnectorError } from "@omnibridge/core-model";
import { contentfulBulkActionSchema, type ContentfulBulkAction } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";

/** Links per bulk action (the documented maximum). */
export const BULK_LIMIT = 200;
/** Bulk actions per chunk: each failed one takes out the entities it names; the rest go again. */
const ROUNDS = 3;

/** How to wait for a bulk action: first look after `initialDelayMs`, doubling up to `maxDelayMs`, give up after `timeoutMs`. */
export interface BulkPollOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/** An entry to publish at the version the connector saved. */
export interface PublishItem {
  id: string;
  version: number;
}

/**
 * What became of one entry: published; rejected with the entity's own error body (from the
 * failed action's `details.errors`); or `single` when the bulk action could not say (a rejected
 * request, a failure naming no entity) and the entry is to be published on its own.
 */
export type PublishResult = { status: "published" } | { status: "rejected"; error: unknown } | { status: "single" };

const link = (item: PublishItem) => ({ sys: { type: "Link", linkType: "Entry", id: item.id, version: item.version } });

/** A rejection of the bulk request itself that concerns its content (not credentials, limits or outages). */
function rejectsPayload(error: unknown): boolean {
  return isConnectorError(error) && !error.retryable && error.reason !== "unauthorized" && error.reason !== "forbidden";
}

async function waitFor(client: ContentfulClient, action: ContentfulBulkAction, poll: BulkPollOptions): Promise<ContentfulBulkAction> {
  const started = Date.now();
  let current = action;
  for (let delay = poll.initialDelayMs; current.sys.status !== "succeeded" && current.sys.status !== "failed"; delay = Math.min(poll.maxDelayMs, delay * 2)) {
    if (Date.now() - started > poll.timeoutMs) {
      throw new ConnectorError("unavailable", `contentful bulk action ${current.sys.id} still ${current.sys.status} after ${poll.timeoutMs} ms`, {
        vendorCode: "BulkActionTimeout", operation: "GET /bulk_actions/actions",
      });
    }
    await sleep(delay);
    // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/bulk-actions/bulk-action
    current = await client.cma({ method: "GET", path: `/bulk_actions/actions/${current.sys.id}`, schema: contentfulBulkActionSchema });
  }
  return current;
}

/** One bulk action over `items`; undefined when the request itself was refused (the caller publishes them singly). */
async function runAction(client: ContentfulClient, items: PublishItem[], poll: BulkPollOptions): Promise<ContentfulBulkAction | undefined> {
  try {
    // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/bulk-actions/publish-bulk-action
    const created = await client.cma({
      method: "POST", path: "/bulk_actions/publish", data: { entities: { sys: { type: "Array" }, items: items.map(link) } }, schema: contentfulBulkActionSchema,
    });
    return await waitFor(client, created, poll);
  } catch (error) {
    // 400 (an item missing or at another version) and 422 do not say which item: each is then published on its own.
    if (rejectsPayload(error)) return undefined;
    throw error;
  }
}

/**
 * Publish entries through bulk actions (up to 200 links each, all or nothing). A failed action
 * names the entities it rejected: they get their own error, the others go again in a new action.
 */
export async function bulkPublish(
  client: ContentfulClient, items: readonly PublishItem[], poll: BulkPollOptions,
): Promise<Map<string, PublishResult>> {
  const results = new Map<string, PublishResult>();
  for (const part of chunk(items, BULK_LIMIT)) {
    let remaining = part;
    for (let round = 0; remaining.length && round < ROUNDS; round++) {
      const action = await runAction(client, remaining, poll);
      if (action?.sys.status === "succeeded") {
        for (const item of remaining) results.set(item.id, { status: "published" });
        remaining = [];
        break;
      }
      const named = new Map((action?.error?.details?.errors ?? []).map((entry) => [entry.entity.sys.id, entry.error]));
      if (!remaining.some((item) => named.has(item.id))) break;
      for (const item of remaining) if (named.has(item.id)) results.set(item.id, { status: "rejected", error: named.get(item.id) });
      remaining = remaining.filter((item) => !named.has(item.id));
    }
    for (const item of remaining) results.set(item.id, { status: "single" });
  }
  return results;
}
