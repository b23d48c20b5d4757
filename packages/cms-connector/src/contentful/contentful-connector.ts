import {
  CONNECTOR_CONTRACT_V1, ConnectorError, entitySchemas, issuesFromZod, isConnectorError,
  type Capabilities, type ConnectorV1, type EntityKind, type WriteOutcome,
} from "@omnibridge/core-model";
import { parseSettings } from "../shared/parse-settings";
import { contentfulLocalesSchema, contentfulSyncPageSchema } from "./contentful-api";
import { createContentfulClient, type ContentfulClient } from "./contentful-client";
import { ensureContentTypes } from "./contentful-entries";
import { archiveIdKey, ENTRY_PLANS } from "./contentful-plans";
import { contentfulSettingsSchema, type ContentfulSettings, type ResolvedContentfulSettings } from "./contentful-settings";
import { archiveByKey, upsertEntry } from "./contentful-writer";
import { readSync } from "./streams/contentful-sync-stream";

const BATCH = 50; // No batch write in the CMA; the engine hands us this many records at a time.
const writeOnly = { read: false, delta: false, write: true, archive: true, maxBatchSize: BATCH };
const capabilities: Capabilities = {
  contentEntry: { read: true, delta: true, write: true, archive: true, maxBatchSize: BATCH },
  product: writeOnly, category: writeOnly, promotion: writeOnly, campaign: writeOnly, price: { ...writeOnly, archive: false }, stockLevel: { ...writeOnly, archive: false },
};

/** Memoize a promise; a failure is not cached, so the next call tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= load().catch((error: unknown) => {
    pending = undefined;
    throw error;
  }));
}

/** The environment's default locale and the locales to write. */
function spaceLocales(client: ContentfulClient, settings: ResolvedContentfulSettings) {
  // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/locales
  return once(async () => {
    const result = await client.cma({ method: "GET", path: "/locales", schema: contentfulLocalesSchema });
    const main = result.items.find((locale) => locale.default)?.code ?? result.items[0]?.code ?? "en-US";
    return { main, locales: settings.locales ?? result.items.map((locale) => locale.code) };
  });
}

/** Create the Contentful connector (CMA writes, Sync API reads). */
export function createContentfulConnector(input: ContentfulSettings): ConnectorV1 {
  const settings = parseSettings("contentful", contentfulSettingsSchema, input);
  const client = createContentfulClient(settings);
  const locales = spaceLocales(client, settings);
  const ready = once(() => ensureContentTypes(client));
  const unsupported = (action: string, entity: string) => new ConnectorError("invalid", `${settings.system} cannot ${action} ${entity}`, { system: settings.system });

  async function write(entity: EntityKind, records: readonly unknown[]): Promise<WriteOutcome[]> {
    const plan = ENTRY_PLANS[entity];
    if (!plan) throw unsupported("write", entity);
    if (records.length === 0) return [];
    const [{ main, locales: all }] = await Promise.all([locales(), ready()]);
    const outcomes: WriteOutcome[] = [];
    for (const [index, record] of records.entries()) {
      const parsed = entitySchemas[entity].safeParse(record);
      const raw = (record as { key?: unknown } | null)?.key;
      const key = typeof raw === "string" && raw ? raw : `#${index}`;
      if (!parsed.success) outcomes.push({ key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] });
      else {
        const upsert = plan(parsed.data as never, main, all);
        outcomes.push(upsert.archive ? await archiveByKey(client, upsert.key, upsert.idKey) : await upsertEntry(client, upsert));
      }
    }
    return outcomes;
  }

  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "contentful", system: settings.system, role: "cms", capabilities,
    async check() {
      const started = performance.now();
      try {
        const { main } = await locales();
        await client.cda("/sync", { initial: "true", limit: 1 }, contentfulSyncPageSchema);
        return { ok: true, latencyMs: performance.now() - started, message: `space ${settings.spaceId}/${settings.environment} reachable (default locale ${main})` };
      } catch (error) {
        return { ok: false, latencyMs: performance.now() - started, message: isConnectorError(error) ? error.message : "unexpected response" };
      }
    },
    read(entity, options = {}) {
      if (entity !== "contentEntry") throw unsupported("read", entity);
      const system = settings.system;
      return (async function* () {
        yield* readSync(client, { system, defaultLocale: (await locales()).main }, options);
      })() as never;
    },
    write: (entity, records) => write(entity, records),
    async archive(entity, keys) {
      if (!archiveIdKey(entity, "x")) throw unsupported("archive", entity);
      const outcomes: WriteOutcome[] = [];
      for (const key of keys) outcomes.push(await archiveByKey(client, key, archiveIdKey(entity, key)!));
      return outcomes;
    },
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}
