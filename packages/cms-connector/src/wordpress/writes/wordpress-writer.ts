import { backoffDelay, sleep } from "@omnibridge/connector-kit";
import { ConnectorError, isConnectorError, isRetryable, retryAfterMs, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import type { WordpressMeta, WordpressPost } from "../wordpress-api";
import type { WordpressClient } from "../wordpress-client";
import type { WordpressPostBody } from "../mappers/from-canonical";
import { idFromFallbackKey } from "../mappers/wordpress-context";
import { findByMeta } from "../wordpress-lookup";

/** A record to upsert into a collection, found by our `omnibridge_key` meta. */
export interface PostUpsert {
  /** Canonical key of the record (reported in its outcome). */
  key: string;
  /** Value of `omnibridge_key` meta the post is found by (`product-page:<SKU>` for a product). */
  lookupKey: string;
  body: WordpressPostBody;
  /** Warnings about the record (markup removed before writing); the first rides on a successful outcome. */
  warnings?: RecordIssue[];
}

/**
 * Errors that concern the whole connection, not one record, propagate: bad credentials, and
 * retryable failures (429, 5xx, network) still failing after the client's retries. The batch
 * is then not done; writing it again later is safe because every write is an idempotent upsert.
 */
export function isSystemic(error: unknown): boolean {
  return isConnectorError(error) && (error.reason === "unauthorized" || error.reason === "forbidden" || error.retryable);
}

/** A per-record failure outcome from a ConnectorError (vendor rejection). */
export function failed(key: string, error: unknown, field?: string): WriteOutcome {
  if (!isConnectorError(error) || isSystemic(error)) throw error;
  const issue: RecordIssue = {
    recordKey: key, field: field ?? error.field, reason: error.reason, message: error.message, vendorCode: error.vendorCode,
  };
  return { key, status: "failed", issue };
}

function sameMeta(current: WordpressMeta | null | undefined, wanted: WordpressMeta): boolean {
  return Object.entries(wanted).every(([name, value]) => (current?.[name as keyof WordpressMeta] ?? "") === (value ?? ""));
}

/** True when the post already holds exactly what we would send. */
export function isUnchanged(post: WordpressPost, body: WordpressPostBody): boolean {
  return (
    post.status === body.status && post.slug === body.slug && (post.title?.raw ?? "") === body.title &&
    (post.content?.raw ?? "") === body.content && (post.excerpt?.raw ?? "") === body.excerpt && sameMeta(post.meta, body.meta)
  );
}

/**
 * POST is not idempotent, so the HTTP client does not retry it. On a retryable failure (429,
 * 5xx, timeout) we wait, look the key up, and only create again when the first try left nothing.
 */
async function createOnce(client: WordpressClient, collection: string, item: PostUpsert): Promise<WordpressPost> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.create(collection, item.body);
    } catch (error) {
      if (!isRetryable(error) || attempt > 5) throw error;
      await sleep(retryAfterMs(error) ?? backoffDelay(attempt));
      const found = (await findByMeta(client, collection, "omnibridge_key", [item.lookupKey])).get(item.lookupKey);
      if (found) return found;
    }
  }
}

/**
 * A successful outcome carries the record's warnings (markup removed before writing) as its issue;
 * one issue per outcome, so several fields are named together in its message.
 */
export function withWarnings(outcome: WriteOutcome, warnings: readonly RecordIssue[] | undefined): WriteOutcome {
  const [first, ...more] = warnings ?? [];
  if (!first || outcome.status === "failed") return outcome;
  const message = more.length === 0 ? first.message : [first, ...more].map((w) => `${w.field}: ${w.message}`).join("; ");
  return { ...outcome, issue: { ...first, message } };
}

async function upsertOne(
  client: WordpressClient, collection: string, item: PostUpsert, existing: WordpressPost | undefined,
): Promise<WriteOutcome> {
  return withWarnings(await upsertOneBody(client, collection, item, existing), item.warnings);
}

async function upsertOneBody(
  client: WordpressClient, collection: string, item: PostUpsert, existing: WordpressPost | undefined,
): Promise<WriteOutcome> {
  const explicitId = existing ? undefined : idFromFallbackKey(item.lookupKey);
  try {
    if (existing && isUnchanged(existing, item.body)) return { key: item.key, status: "unchanged", externalId: String(existing.id) };
    if (existing || explicitId !== undefined) {
      // A post we did not write keeps its own key (`wp-<type>-<id>`): no key meta is added.
      const body = explicitId !== undefined ? { ...item.body, meta: { ...item.body.meta, omnibridge_key: "" } } : item.body;
      const post = await client.update(collection, existing?.id ?? explicitId!, body);
      return { key: item.key, status: "updated", externalId: String(post.id) };
    }
    const post = await createOnce(client, collection, item);
    return { key: item.key, status: "created", externalId: String(post.id) };
  } catch (error) {
    return failed(item.key, error);
  }
}

/**
 * Upsert posts idempotently by `omnibridge_key`: one lookup for the batch, then create,
 * update or leave unchanged per record. WordPress has no upsert of its own.
 * https://developer.wordpress.org/rest-api/reference/posts/
 */
export async function upsertPosts(client: WordpressClient, collection: string, items: readonly PostUpsert[]): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const existing = await findByMeta(client, collection, "omnibridge_key", items.map((item) => item.lookupKey));
  const outcomes: WriteOutcome[] = [];
  for (const item of items) {
    const outcome = await upsertOne(client, collection, item, existing.get(item.lookupKey));
    // Two records with one key in a batch: the second must update what the first created.
    if (outcome.status === "created" && outcome.externalId) existing.set(item.lookupKey, stub(outcome.externalId));
    outcomes.push(outcome);
  }
  return outcomes;
}

function stub(id: string): WordpressPost {
  return { id: Number(id), modified_gmt: "", slug: "", status: "", type: "" };
}

/** Trash posts by key (`DELETE` without force); an already trashed or missing post is archived already. */
export async function trashPosts(client: WordpressClient, collection: string, keys: readonly string[]): Promise<WriteOutcome[]> {
  if (keys.length === 0) return [];
  const existing = await findByMeta(client, collection, "omnibridge_key", keys);
  const outcomes: WriteOutcome[] = [];
  for (const key of keys) {
    const id = existing.get(key)?.id ?? idFromFallbackKey(key);
    if (id === undefined || existing.get(key)?.status === "trash") {
      outcomes.push({ key, status: "archived", externalId: id === undefined ? undefined : String(id) });
      continue;
    }
    try {
      await client.trash(collection, id);
      outcomes.push({ key, status: "archived", externalId: String(id) });
    } catch (error) {
      if (isConnectorError(error) && (error.vendorCode === "rest_already_trashed" || error.reason === "not_found")) outcomes.push({ key, status: "archived", externalId: String(id) });
      else outcomes.push(failed(key, error));
    }
  }
  return outcomes;
}

/** Thrown for entity kinds the adapter does not write. */
export function unsupported(system: string, entity: string, action: string): ConnectorError {
  return new ConnectorError("invalid", `${system} cannot ${action} ${entity}`, { system });
}
