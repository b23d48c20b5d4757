import { isConnectorError, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import type { ContentfulEntry, ContentfulFields } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";
import type { ContentfulTypeId } from "../contentful-content-types";
import { classifyContentfulError } from "../contentful-error";
import { entryIdFor } from "../contentful-ids";
import { archiveEntry, isUnchanged, publishEntry, putEntry, unpublishEntry } from "./contentful-entries";
import type { KnownEntries } from "./contentful-known";
import type { BulkPollOptions, PublishItem } from "./contentful-publish";

/** One upsert: the entry's key, content type, and how to build its fields from the current ones. */
export interface EntryUpsert {
  key: string;
  /** Key the entry id derives from (the base key of a localized entry). */
  idKey: string;
  contentType: ContentfulTypeId;
  publish: boolean | "keep";
  build: (existing: ContentfulFields | undefined) => ContentfulFields;
  /** The record ended (a promotion or campaign): unpublish and archive its entry instead. */
  archive?: boolean;
  /** Only update an existing entry (price, stock): a missing one fails `not_found`. */
  mustExist?: { field: string; message: string };
}

/** What a write needs: the transport, the entries last seen, and how to wait for bulk actions. */
export interface WriteContext {
  client: ContentfulClient;
  known: KnownEntries;
  poll: BulkPollOptions;
}

/** Saving one record: a final outcome, or an entry saved and waiting to be published. */
export type Saved =
  | { outcome: WriteOutcome; entry?: ContentfulEntry }
  | { publish: PublishItem; status: "created" | "updated"; entry: ContentfulEntry };

const isConflict = (error: unknown) => isConnectorError(error) && error.reason === "conflict";

/** A rejection of this record; credential errors and exhausted retries (429, 5xx) concern the batch and propagate. */
export function failure(key: string, error: unknown, field?: string): WriteOutcome {
  if (!isConnectorError(error) || error.reason === "unauthorized" || error.reason === "forbidden" || error.retryable) throw error;
  return { key, status: "failed", issue: { recordKey: key, field: field ?? error.field, reason: error.reason, message: error.message, vendorCode: error.vendorCode } };
}

/** The issue of an entity a bulk action rejected, from its own error body (classified like a response). */
export function rejectionIssue(key: string, id: string, body: unknown): RecordIssue {
  const classified = classifyContentfulError({ status: 422, body, headers: {}, operation: "POST /bulk_actions/publish" });
  return {
    recordKey: key, field: classified?.field, reason: classified?.reason ?? "invalid", vendorCode: classified?.vendorCode,
    message: `publishing entry ${id} failed: ${classified?.message ?? "rejected by the bulk action"}`,
  };
}

/** Build and save one record on top of `existing`; publishing is left to the caller. */
async function saveAgainst(context: WriteContext, upsert: EntryUpsert, id: string, existing: ContentfulEntry | undefined): Promise<Saved> {
  const { key } = upsert;
  if (!existing && upsert.mustExist) {
    return { outcome: { key, status: "failed", externalId: id, issue: { recordKey: key, field: upsert.mustExist.field, reason: "not_found", message: upsert.mustExist.message } } };
  }
  const fields = upsert.build(existing?.fields);
  const publish = upsert.publish === "keep" ? existing?.sys.publishedVersion != null : upsert.publish;
  if (existing && isUnchanged(existing, fields, publish)) return { outcome: { key, status: "unchanged", externalId: id }, entry: existing };
  let saved = await putEntry(context.client, id, upsert.contentType, existing, fields);
  context.known.remember(saved);
  const status = existing ? "updated" : "created";
  if (publish) return { publish: { id, version: saved.sys.version }, status, entry: saved };
  if (saved.sys.publishedVersion != null) {
    saved = await unpublishEntry(context.client, id, saved.sys.version);
    context.known.remember(saved);
  }
  return { outcome: { key, status, externalId: id }, entry: saved };
}

/**
 * Save one record against its last known entry, without reading it first. A 409 VersionMismatch
 * (someone saved in between, or the entry was not known) re-reads that entry and tries once more.
 */
export async function saveRecord(context: WriteContext, upsert: EntryUpsert, current: ContentfulEntry | undefined): Promise<Saved> {
  const id = entryIdFor(upsert.idKey);
  let existing = current;
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) existing = await context.known.refresh(id);
      return await saveAgainst(context, upsert, id, existing);
    } catch (error) {
      if (attempt === 1 && isConflict(error)) continue;
      return { outcome: failure(upsert.key, error) };
    }
  }
}

/**
 * One record on its own, read fresh: save, then publish it singly (after a bulk action found its
 * version stale). `status` is what the first save did, so a record is not reported unchanged
 * because its own earlier save already holds the fields.
 */
export async function upsertSingle(context: WriteContext, upsert: EntryUpsert, status: "created" | "updated"): Promise<WriteOutcome> {
  const id = entryIdFor(upsert.idKey);
  for (let attempt = 1; ; attempt++) {
    try {
      const saved = await saveAgainst(context, upsert, id, await context.known.refresh(id));
      if ("outcome" in saved) return saved.outcome.status === "unchanged" ? { ...saved.outcome, status } : saved.outcome;
      context.known.remember(await publishEntry(context.client, id, saved.publish.version));
      return { key: upsert.key, status, externalId: id };
    } catch (error) {
      if (attempt === 1 && isConflict(error)) continue;
      return failure(upsert.key, error);
    }
  }
}

/** Archive an entry (unpublish + archive) given its last known state; a missing entry counts as archived. */
export async function archiveKnown(
  context: WriteContext, key: string, idKey: string, current: ContentfulEntry | undefined,
): Promise<WriteOutcome> {
  const id = entryIdFor(idKey);
  let entry = current;
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) entry = await context.known.refresh(id);
      if (entry) context.known.remember(await archiveEntry(context.client, entry));
      return { key, status: "archived", externalId: id };
    } catch (error) {
      if (attempt === 1 && isConflict(error)) continue;
      return failure(key, error);
    }
  }
}
