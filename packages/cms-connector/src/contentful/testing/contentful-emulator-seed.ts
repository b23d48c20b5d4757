import type { ContentEntry } from "@omnibridge/core-model";
import { CONTENT_TYPES, contentTypeFor } from "../contentful-content-types";
import { entryIdFor } from "../contentful-ids";
import { baseKeyOf, contentEntryFields } from "../mappers/from-canonical";
import { defaultLocale, publishEntry, unpublishEntry, type ContentfulSpaceState, type StoredEntry } from "./contentful-emulator-state";

/** The connector's content types, already active (as after a first run of the connector). */
export function seedContentTypes(state: ContentfulSpaceState): void {
  const now = state.now();
  for (const [id, spec] of Object.entries(CONTENT_TYPES)) {
    state.contentTypes.set(id, { id, name: spec.name, displayField: "title", fields: spec.fields.map((field) => ({ ...field })), version: 2, publishedVersion: 1, createdAt: now, updatedAt: now });
  }
}

/** Store a canonical content entry as an entry (published unless a draft), with its updatedAt. */
export function storeEntry(state: ContentfulSpaceState, record: ContentEntry): void {
  const id = entryIdFor(baseKeyOf(record));
  const existing = state.entries.get(id);
  const clock = state.now;
  state.now = () => record.updatedAt;
  const entry: StoredEntry = existing ?? {
    id,
    contentTypeId: contentTypeFor(record.type),
    version: 0,
    createdAt: record.updatedAt,
    updatedAt: record.updatedAt,
    fields: {},
    syncSeq: 0,
  };
  entry.fields = contentEntryFields(record, defaultLocale(state), existing?.fields);
  entry.version += 1;
  entry.updatedAt = record.updatedAt;
  state.entries.set(id, entry);
  if (record.status === "published") publishEntry(state, entry);
  else unpublishEntry(state, entry);
  state.now = clock;
}
