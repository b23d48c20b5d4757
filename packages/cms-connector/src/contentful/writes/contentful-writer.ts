import { isConnectorError, type WriteOutcome } from "@omnibridge/core-model";
import type { ContentfulEntry, ContentfulFields } from "../contentful-api";
import type { ContentfulClient } from "../contentful-client";
import type { ContentfulTypeId } from "../contentful-content-types";
import { archiveEntry, getEntry, isUnchanged, saveEntry } from "./contentful-entries";
import { entryIdFor } from "../contentful-ids";

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

const MAX_CONFLICTS = 3;

/** A rejection of this record; credential errors and exhausted retries (429, 5xx) concern the batch and propagate. */
function failure(key: string, error: unknown, field?: string): WriteOutcome {
  if (!isConnectorError(error) || error.reason === "unauthorized" || error.reason === "forbidden" || error.retryable) throw error;
  return { key, status: "failed", issue: { recordKey: key, field: field ?? error.field, reason: error.reason, message: error.message, vendorCode: error.vendorCode } };
}

/**
 * Upsert one entry: read, build, PUT with its version, publish. A 409 VersionMismatch (someone
 * saved in between) re-reads and retries, up to 3 times; other rejections fail this record only.
 */
export async function upsertEntry(client: ContentfulClient, upsert: EntryUpsert): Promise<WriteOutcome> {
  const id = entryIdFor(upsert.idKey);
  for (let attempt = 1; ; attempt++) {
    let existing: ContentfulEntry | undefined;
    try {
      existing = await getEntry(client, id);
      if (!existing && upsert.mustExist) {
        return { key: upsert.key, status: "failed", externalId: id, issue: { recordKey: upsert.key, field: upsert.mustExist.field, reason: "not_found", message: upsert.mustExist.message } };
      }
      const fields = upsert.build(existing?.fields);
      const publish = upsert.publish === "keep" ? existing?.sys.publishedVersion != null : upsert.publish;
      if (existing && isUnchanged(existing, fields, publish)) return { key: upsert.key, status: "unchanged", externalId: id };
      await saveEntry(client, id, upsert.contentType, existing, fields, publish);
      return { key: upsert.key, status: existing ? "updated" : "created", externalId: id };
    } catch (error) {
      if (isConnectorError(error) && error.reason === "conflict" && attempt < MAX_CONFLICTS) continue;
      return failure(upsert.key, error);
    }
  }
}

/** Archive an entry by key (unpublish + archive); a missing entry counts as archived. */
export async function archiveByKey(client: ContentfulClient, key: string, idKey: string): Promise<WriteOutcome> {
  const id = entryIdFor(idKey);
  for (let attempt = 1; ; attempt++) {
    try {
      const entry = await getEntry(client, id);
      if (entry) await archiveEntry(client, entry);
      return { key, status: "archived", externalId: id };
    } catch (error) {
      if (isConnectorError(error) && error.reason === "conflict" && attempt < MAX_CONFLICTS) continue;
      return failure(key, error);
    }
  }
}
