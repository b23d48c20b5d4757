import {
  ConnectorError, entitySchemas, issuesFromZod,
  type AssetFile, type ConnectorV1, type EntityKind, type Page, type ReadOptions, type WriteOutcome,
} from "@omnibridge/core-model";
import { defineConnector } from "@omnibridge/connector-kit";
import { parseSettings } from "../shared/parse-settings";
import { contentfulLocalesSchema, contentfulSyncPageSchema } from "./contentful-api";
import { createContentfulClient, type ContentfulClient } from "./contentful-client";
import { ensureContentTypes } from "./writes/contentful-entries";
import { archiveIdKey, ENTRY_PLANS } from "./contentful-plans";
import { contentfulSettingsSchema, type ContentfulSettingsInput, type ContentfulSettings } from "./contentful-settings";
import { archiveEntries, writeEntries } from "./writes/contentful-batch-writer";
import { createKnownEntries } from "./writes/contentful-known";
import type { EntryUpsert, WriteContext } from "./writes/contentful-writer";
import { readAssetSync, readSync } from "./streams/contentful-sync-stream";

/** The Contentful connector: the contract, plus the space's asset files beside it. */
export interface ContentfulConnector extends ConnectorV1 {
  /**
   * Asset file metadata (file name, URL, MIME type, size, image dimensions, alt text per locale)
   * through the Sync API: incremental with the returned cursor, deleted assets as deleted keys.
   */
  readAssetFiles(options?: ReadOptions): AsyncIterable<Page<AssetFile>>;
}

/**
 * Records per write: the CMA has no batch save, but one `sys.id[in]` read and one bulk publish action
 * (up to 200 links) serve a whole batch, so each changed entry costs about one PUT.
 */
const BATCH = 100;

/** Memoize a promise; a failure is not cached, so the next call tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= load().catch((error: unknown) => {
    pending = undefined;
    throw error;
  }));
}

/** The environment's default locale and the locales to write. */
function spaceLocales(client: ContentfulClient, settings: ContentfulSettings) {
  // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/locales
  return once(async () => {
    const result = await client.cma({ method: "GET", path: "/locales", schema: contentfulLocalesSchema });
    const main = result.items.find((locale) => locale.default)?.code ?? result.items[0]?.code ?? "en-US";
    return { main, locales: settings.locales ?? result.items.map((locale) => locale.code) };
  });
}

/** Create the Contentful connector (CMA writes, Sync API reads). */
export function createContentfulConnector(input: ContentfulSettingsInput): ContentfulConnector {
  const settings = parseSettings("contentful", contentfulSettingsSchema, input);
  const client = createContentfulClient(settings);
  const locales = spaceLocales(client, settings);
  const ready = once(() => ensureContentTypes(client));
  const context: WriteContext = { client, known: createKnownEntries(client), poll: settings.bulkActionPoll };
  const unsupported = (action: string, entity: string) => new ConnectorError("invalid", `${settings.system} cannot ${action} ${entity}`, { system: settings.system });

  async function write(entity: EntityKind, records: readonly unknown[]): Promise<WriteOutcome[]> {
    const plan = ENTRY_PLANS[entity];
    if (!plan) throw unsupported("write", entity);
    const [{ main, locales: all }] = await Promise.all([locales(), ready()]);
    const outcomes: WriteOutcome[] = new Array(records.length);
    const upserts: Array<{ index: number; upsert: EntryUpsert }> = [];
    const archives: Array<{ index: number; key: string; idKey: string }> = [];
    for (const [index, record] of records.entries()) {
      const parsed = entitySchemas[entity].safeParse(record);
      const raw = (record as { key?: unknown } | null)?.key;
      const key = typeof raw === "string" && raw ? raw : `#${index}`;
      if (!parsed.success) outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
      else {
        const upsert = plan(parsed.data as never, main, all);
        if (upsert.archive) archives.push({ index, key: upsert.key, idKey: upsert.idKey });
        else upserts.push({ index, upsert });
      }
    }
    const written = await writeEntries(context, upserts.map((item) => item.upsert));
    upserts.forEach((item, i) => (outcomes[item.index] = written[i]!));
    const archived = await archiveEntries(context, archives);
    archives.forEach((item, i) => (outcomes[item.index] = archived[i]!));
    return outcomes;
  }

  async function archive(entity: EntityKind, keys: readonly string[]): Promise<WriteOutcome[]> {
    const items = keys.map((key) => {
      const idKey = archiveIdKey(entity, key);
      if (!idKey) throw unsupported("archive", entity);
      return { key, idKey };
    });
    return archiveEntries(context, items);
  }

  const writable = (entity: EntityKind, archives: boolean) => ({
    write: (records: readonly unknown[]) => write(entity, records),
    ...(archives ? { archive: (keys: readonly string[]) => archive(entity, keys) } : {}),
    delta: false,
    maxBatchSize: BATCH,
  });
  const system = settings.system;
  const connector = defineConnector({
    vendor: "contentful", system, role: "cms",
    entities: {
      contentEntry: {
        ...writable("contentEntry", true), delta: true,
        read: async function* (options) {
          yield* readSync(client, { system, defaultLocale: (await locales()).main }, options);
        },
      },
      product: writable("product", true), category: writable("category", true), promotion: writable("promotion", true),
      campaign: writable("campaign", true), price: writable("price", false), stockLevel: writable("stockLevel", false),
    },
    async check() {
      const { main } = await locales();
      await client.cda("/sync", { initial: "true", limit: 1 }, contentfulSyncPageSchema);
      return `space ${settings.spaceId}/${settings.environment} reachable (default locale ${main})`;
    },
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
  return Object.assign(connector, {
    async *readAssetFiles(options: ReadOptions = {}): AsyncGenerator<Page<AssetFile>> {
      yield* readAssetSync(client, { system, defaultLocale: (await locales()).main }, options);
    },
  });
}
