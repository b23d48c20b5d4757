import { backoffDelay, sleep } from "@omnibridge/connector-kit";
import { ConnectorError, isConnectorError, isRetryable, retryAfterMs, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import type { WordpressMeta, WordpressPost } from "../wordpress-api";
import type { WordpressClient } from "../wordpress-client";
import type { WordpressPostBody } from "../mappers/from-canonical";
import { idFromFallbackKey } from "../mappers/wordpress-context";
import { findByMeta } from "../wordpress-lookup";
import { runWrites, type PostWrite, type PostWriteResult } from "./wordpress-batch";

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
 * A successful outcome carries the record's warnings (markup removed before writing) as its issue;
 * one issue per outcome, so several fields are named together in its message.
 */
export function withWarnings(outcome: WriteOutcome, warnings: readonly RecordIssue[] | undefined): WriteOutcome {
  const [first, ...more] = warnings ?? [];
  if (!first || outcome.status === "failed") return outcome;
  const message = more.length === 0 ? first.message : [first, ...more].map((w) => `${w.field}: ${w.message}`).join("; ");
  return { ...outcome, issue: { ...first, message } };
}

/** Rounds a batch may take: retryable failures (the call, or single requests in it) go again after a fresh lookup. */
const ATTEMPTS = 5;

type Pending = { index: number; item: PostUpsert };
/** The write one record needs against what the lookup found, or its outcome when it needs none. */
function planOne(collection: string, item: PostUpsert, existing: WordpressPost | undefined): PostWrite | WriteOutcome {
  if (existing && isUnchanged(existing, item.body)) return { key: item.key, status: "unchanged", externalId: String(existing.id) };
  const explicitId = existing ? undefined : idFromFallbackKey(item.lookupKey);
  // A post we did not write keeps its own key (`wp-<type>-<id>`): no key meta is added.
  if (explicitId !== undefined) return { collection, id: explicitId, body: { ...item.body, meta: { ...item.body.meta, omnibridge_key: "" } } };
  return { collection, id: existing?.id, body: item.body };
}

/** Split off records whose key is already in this round: a twin must update what the first creates, next round. */
function oneRound(pending: readonly Pending[]): { round: Pending[]; later: Pending[] } {
  const keys = new Set<string>();
  const round: Pending[] = [];
  const later: Pending[] = [];
  for (const entry of pending) {
    if (keys.has(entry.item.lookupKey)) later.push(entry);
    else {
      keys.add(entry.item.lookupKey);
      round.push(entry);
    }
  }
  return { round, later };
}

/**
 * Upsert posts idempotently by `omnibridge_key`: one lookup for the batch, then the creates and
 * updates together through `/batch/v1` (one request each where the site has no batch route);
 * unchanged posts cost nothing. Creates are not idempotent, so a retryable failure is never
 * repeated blindly: the keys are looked up again and only what is still missing is created.
 * https://developer.wordpress.org/rest-api/reference/posts/
 */
export async function upsertPosts(client: WordpressClient, collection: string, items: readonly PostUpsert[]): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(items.length);
  let pending: Pending[] = items.map((item, index) => ({ index, item }));
  for (let failures = 0; pending.length;) {
    const existing = await findByMeta(client, collection, "omnibridge_key", pending.map((entry) => entry.item.lookupKey));
    const { round, later } = oneRound(pending);
    const writes: Array<Pending & { write: PostWrite }> = [];
    for (const entry of round) {
      const plan = planOne(collection, entry.item, existing.get(entry.item.lookupKey));
      if ("collection" in plan) writes.push({ ...entry, write: plan });
      else outcomes[entry.index] = withWarnings(plan, entry.item.warnings);
    }
    let results: PostWriteResult[];
    try {
      results = await runWrites(client, writes.map((entry) => entry.write));
    } catch (error) {
      if (!isRetryable(error) || ++failures >= ATTEMPTS) throw error;
      await sleep(retryAfterMs(error) ?? backoffDelay(failures));
      continue;
    }
    const retry: Pending[] = [];
    let wait: number | undefined;
    writes.forEach((entry, i) => {
      const result = results[i]!;
      if (result.ok) {
        const status = entry.write.id === undefined ? "created" : "updated";
        outcomes[entry.index] = withWarnings({ key: entry.item.key, status, externalId: String(result.post.id) }, entry.item.warnings);
      } else if (result.error.retryable && failures + 1 < ATTEMPTS) {
        retry.push(entry);
        wait = Math.max(wait ?? 0, result.error.retryAfterMs ?? 0);
      } else outcomes[entry.index] = failed(entry.item.key, result.error);
    });
    if (retry.length) await sleep(wait || backoffDelay(++failures));
    pending = [...retry, ...later];
  }
  return outcomes;
}

/** Trash posts by key (`DELETE` without force); an already trashed or missing post is archived already. */
export async function trashPosts(client: WordpressClient, collection: string, keys: readonly string[]): Promise<WriteOutcome[]> {
  if (keys.length === 0) return [];
  const existing = await findByMeta(client, collection, "omnibridge_key", keys);
  const outcomes: WriteOutcome[] = new Array(keys.length);
  const writes: Array<{ index: number; key: string; id: number }> = [];
  keys.forEach((key, index) => {
    const id = existing.get(key)?.id ?? idFromFallbackKey(key);
    if (id === undefined || existing.get(key)?.status === "trash") outcomes[index] = { key, status: "archived", externalId: id === undefined ? undefined : String(id) };
    else writes.push({ index, key, id });
  });
  // Trashing is idempotent: a call failing as a whole throws and the batch is simply archived again later.
  const results = await runWrites(client, writes.map(({ id }) => ({ collection, id, trash: true })));
  writes.forEach(({ index, key, id }, i) => {
    const result = results[i]!;
    const gone = !result.ok && (result.error.vendorCode === "rest_already_trashed" || result.error.reason === "not_found");
    outcomes[index] = result.ok || gone ? { key, status: "archived", externalId: String(id) } : failed(key, result.error);
  });
  return outcomes;
}

/** Thrown for entity kinds the adapter does not write. */
export function unsupported(system: string, entity: string, action: string): ConnectorError {
  return new ConnectorError("invalid", `${system} cannot ${action} ${entity}`, { system });
}
