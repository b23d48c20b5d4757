import { isConnectorError, type WriteOutcome } from "@omnibridge/core-model";
import type { ContentfulEntry } from "../contentful-api";
import { entryIdFor } from "../contentful-ids";
import { asPublished, publishEntry } from "./contentful-entries";
import { bulkPublish, type PublishResult } from "./contentful-publish";
import { archiveKnown, failure, rejectionIssue, saveRecord, upsertSingle, type EntryUpsert, type WriteContext } from "./contentful-writer";

/** A record saved and waiting for its entry to be published. */
interface Waiting {
  index: number;
  upsert: EntryUpsert;
  id: string;
  status: "created" | "updated";
}

/** The outcome of a waiting record once its entry's publication is known. */
async function settle(context: WriteContext, item: Waiting, result: PublishResult | undefined, version: number): Promise<WriteOutcome> {
  const { upsert, id, status } = item;
  if (result?.status === "published") return { key: upsert.key, status, externalId: id };
  if (result?.status === "rejected") {
    const code = (result.error as { sys?: { id?: unknown } } | null)?.sys?.id;
    if (code === "VersionMismatch") return upsertSingle(context, upsert, status);
    return { key: upsert.key, status: "failed", externalId: id, issue: rejectionIssue(upsert.key, id, result.error) };
  }
  // The bulk action could not say: publish this entry on its own; a stale version re-does the record.
  try {
    context.known.remember(await publishEntry(context.client, id, version));
    return { key: upsert.key, status, externalId: id };
  } catch (error) {
    if (isConnectorError(error) && error.reason === "conflict") return upsertSingle(context, upsert, status);
    return { ...failure(upsert.key, error), externalId: id };
  }
}

/**
 * Write a batch of entry upserts in about one request per changed entry: the entries the connector
 * does not know yet are read in one request (`sys.id[in]`), each changed entry is saved with one PUT
 * at its known version, and the saved ones are published together by bulk actions. Unchanged entries
 * cost no request of their own. Outcomes in input order.
 */
export async function writeEntries(context: WriteContext, upserts: readonly EntryUpsert[]): Promise<WriteOutcome[]> {
  const ids = upserts.map((upsert) => entryIdFor(upsert.idKey));
  const current: Map<string, ContentfulEntry> = await context.known.lookup(ids);
  const outcomes: WriteOutcome[] = new Array(upserts.length);
  const waiting: Waiting[] = [];
  const versions = new Map<string, number>();
  for (const [index, upsert] of upserts.entries()) {
    const id = ids[index]!;
    const saved = await saveRecord(context, upsert, current.get(id));
    // Records sharing an entry (its locales) build on each other's saves; it is published once, at its last version.
    if (saved.entry) current.set(id, saved.entry);
    if ("outcome" in saved) outcomes[index] = saved.outcome;
    else {
      waiting.push({ index, upsert, id, status: saved.status });
      versions.set(id, saved.publish.version);
    }
  }
  const results = await bulkPublish(context.client, [...versions].map(([id, version]) => ({ id, version })), context.poll);
  for (const [id, result] of results) {
    const entry = current.get(id);
    if (result.status === "published" && entry) context.known.remember(asPublished(entry));
  }
  for (const item of waiting) outcomes[item.index] = await settle(context, item, results.get(item.id), versions.get(item.id)!);
  return outcomes;
}

/** Archive entries by key, reading the unknown ones in one request. */
export async function archiveEntries(context: WriteContext, items: ReadonlyArray<{ key: string; idKey: string }>): Promise<WriteOutcome[]> {
  const current = await context.known.lookup(items.map((item) => entryIdFor(item.idKey)));
  const outcomes: WriteOutcome[] = [];
  for (const item of items) outcomes.push(await archiveKnown(context, item.key, item.idKey, current.get(entryIdFor(item.idKey))));
  return outcomes;
}
