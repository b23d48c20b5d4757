/** A field of a content type, as the CMA describes it. */
export interface ContentfulFieldDefinition {
  id: string;
  name: string;
  type: "Symbol" | "Text" | "Integer" | "Number" | "Boolean" | "Date" | "Object" | "Array";
  items?: { type: "Symbol" };
  localized: boolean;
  required: boolean;
  validations?: Array<{ size?: { min?: number; max?: number }; regexp?: { pattern: string } }>;
}

/** A content type in the emulated space. */
export interface StoredContentType {
  id: string;
  name: string;
  displayField: string;
  fields: ContentfulFieldDefinition[];
  version: number;
  publishedVersion?: number;
  createdAt: string;
  updatedAt: string;
}

/** Locale-keyed field values: `{ title: { en: "Desk", "de-DE": "Tisch" } }`. */
export type LocalizedFields = Record<string, Record<string, unknown>>;

/** A link to a tag (`metadata.tags[]`). */
export interface ContentfulTagLink {
  sys: { type: "Link"; linkType: "Tag"; id: string };
}

/** An entry or asset: draft fields, the published snapshot, and its place in the sync log. */
export interface StoredEntry {
  id: string;
  /** Entry (default) or Asset. */
  type?: "Entry" | "Asset";
  /** Empty for assets. */
  contentTypeId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  fields: LocalizedFields;
  published?: { fields: LocalizedFields; version: number; at: string; firstAt: string; count: number };
  archivedVersion?: number;
  archivedAt?: string;
  /** `metadata.tags` as last saved (a PUT replaces it, the CMA does not merge). */
  metadata?: { tags: ContentfulTagLink[] };
  /** Position of its last published change (publish, unpublish, delete) in the sync log. */
  syncSeq: number;
  /** Unpublished or deleted: the sync API reports a DeletedEntry. */
  tombstone?: { at: string };
}

/** The emulated space and environment. */
export interface ContentfulSpaceState {
  spaceId: string;
  environment: string;
  locales: Array<{ code: string; default: boolean; name: string }>;
  contentTypes: Map<string, StoredContentType>;
  entries: Map<string, StoredEntry>;
  assets: Map<string, StoredEntry>;
  /**
   * Deleted entries and assets that had been published once, by `<type>:<id>`: the Sync API
   * keeps reporting them as DeletedEntry / DeletedAsset to clients that synced before.
   */
  removed: Map<string, StoredEntry>;
  /** Head of the sync log. */
  seq: number;
  /** Clock (overridable for deterministic updatedAt from a world). */
  now: () => string;
}

/** An empty space with the given locales (the first is the default). */
export function createSpaceState(spaceId: string, environment: string, locales: readonly string[]): ContentfulSpaceState {
  return {
    spaceId, environment,
    locales: locales.map((code, i) => ({ code, default: i === 0, name: code })),
    contentTypes: new Map(), entries: new Map(), assets: new Map(), removed: new Map(), seq: 0,
    now: () => new Date().toISOString(),
  };
}

/** The default locale code. */
export function defaultLocale(state: ContentfulSpaceState): string {
  return state.locales.find((locale) => locale.default)?.code ?? state.locales[0]!.code;
}

/** Publish an entry's current fields (appends to the sync log). */
export function publishEntry(state: ContentfulSpaceState, entry: StoredEntry): void {
  const at = state.now();
  entry.published = {
    fields: structuredClone(entry.fields),
    version: entry.version,
    at,
    firstAt: entry.published?.firstAt ?? at,
    count: (entry.published?.count ?? 0) + 1,
  };
  entry.version += 1;
  entry.syncSeq = ++state.seq;
  delete entry.tombstone;
}

/** Unpublish (or delete): the sync API reports a DeletedEntry from now on. */
export function unpublishEntry(state: ContentfulSpaceState, entry: StoredEntry): void {
  if (!entry.published) return;
  delete entry.published;
  entry.version += 1;
  entry.syncSeq = ++state.seq;
  entry.tombstone = { at: state.now() };
}

/** Delete an entry or asset; a published-then-unpublished one stays in the sync log as a deletion. */
export function removeResource(state: ContentfulSpaceState, resource: StoredEntry): void {
  const type = resource.type ?? "Entry";
  (type === "Asset" ? state.assets : state.entries).delete(resource.id);
  if (resource.tombstone) state.removed.set(`${type}:${resource.id}`, resource);
}
