import {
  CONNECTOR_CONTRACT_V1, ConnectorError, entitySchemas, issuesFromZod, isConnectorError,
  type Capabilities, type Category, type ConnectorV1, type ContentEntry, type EntityKind, type Price, type Product, type StockLevel, type WriteOutcome,
} from "@omnibridge/core-model";
import { parseSettings } from "../shared/parse-settings";
import { contentfulLocalesSchema, contentfulSyncPageSchema } from "./contentful-api";
import { createContentfulClient } from "./contentful-client";
import { contentTypeFor } from "./contentful-content-types";
import { ensureContentTypes } from "./contentful-entries";
import { contentfulSettingsSchema, type ContentfulSettings } from "./contentful-settings";
import { archiveByKey, upsertEntry, type EntryUpsert } from "./contentful-writer";
import { baseKeyOf, categoryFields, categoryPageKey, contentEntryFields, productFields, productPageKey } from "./mappers/from-canonical";
import { readSync } from "./streams/contentful-sync-stream";

const BATCH = 50; // No batch write in the CMA; the engine hands us this many records at a time.
const writeOnly = { read: false, delta: false, write: true, archive: true, maxBatchSize: BATCH };

/** Create the Contentful connector (CMA writes, Sync API reads). */
export function createContentfulConnector(input: ContentfulSettings): ConnectorV1 {
  const settings = parseSettings("contentful", contentfulSettingsSchema, input);
  const client = createContentfulClient(settings);
  let space: Promise<{ main: string; locales: string[] }> | undefined;
  let typesReady: Promise<void> | undefined;
  // https://www.contentful.com/developers/docs/references/content-management-api/#/reference/locales
  const locales = () => (space ??= client.cma({ method: "GET", path: "/locales", schema: contentfulLocalesSchema }).then((result) => {
    const main = result.items.find((locale) => locale.default)?.code ?? result.items[0]?.code ?? "en-US";
    return { main, locales: settings.locales ?? result.items.map((locale) => locale.code) };
  }).catch((error: unknown) => { space = undefined; throw error; }));
  const unsupported = (action: string, entity: string) => new ConnectorError("invalid", `${settings.system} cannot ${action} ${entity}`, { system: settings.system });
  const ready = () => (typesReady ??= ensureContentTypes(client).catch((error: unknown) => { typesReady = undefined; throw error; }));

  const plans: Partial<Record<EntityKind, (record: never, main: string, all: string[]) => EntryUpsert>> = {
    product: (p: Product, main, all) => ({ key: p.key, idKey: productPageKey(p.key), contentType: "productPage", publish: p.status === "active", build: (f) => productFields(p, all, main, f) }),
    category: (c: Category, main, all) => ({ key: c.key, idKey: categoryPageKey(c.key), contentType: "categoryPage", publish: true, build: (f) => categoryFields(c, all, main, f) }),
    contentEntry: (e: ContentEntry, main) => ({ key: e.key, idKey: baseKeyOf(e), contentType: contentTypeFor(e.type), publish: e.status === "published", build: (f) => contentEntryFields(e, main, f) }),
    price: (p: Price, main) => ({
      key: p.key, idKey: productPageKey(p.sku), contentType: "productPage", publish: "keep", mustExist: { field: "sku", message: `no product page with SKU ${p.sku}` },
      build: (f) => ({ ...f, price: { [main]: { amount: p.price.amount, currency: p.price.currency, priceListKey: p.priceListKey } } }),
    }),
    stockLevel: (s: StockLevel, main) => ({
      key: s.key, idKey: productPageKey(s.sku), contentType: "productPage", publish: "keep", mustExist: { field: "sku", message: `no product page with SKU ${s.sku}` },
      build: (f) => ({ ...f, availability: { [main]: { ...(f?.availability?.[main] as object | undefined), [s.locationKey]: s.available } } }),
    }),
  };

  async function write(entity: EntityKind, records: readonly { key: string }[]): Promise<WriteOutcome[]> {
    const plan = plans[entity];
    if (!plan) throw unsupported("write", entity);
    if (records.length === 0) return [];
    const [{ main, locales: all }] = await Promise.all([locales(), ready()]);
    const outcomes: WriteOutcome[] = [];
    for (const [index, record] of records.entries()) {
      const parsed = entitySchemas[entity].safeParse(record);
      const key = typeof record?.key === "string" && record.key ? record.key : `#${index}`;
      if (!parsed.success) outcomes.push({ key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] });
      else outcomes.push(await upsertEntry(client, plan(parsed.data as never, main, all)));
    }
    return outcomes;
  }

  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "contentful", system: settings.system, role: "cms",
    capabilities: {
      contentEntry: { read: true, delta: true, write: true, archive: true, maxBatchSize: BATCH },
      product: writeOnly, category: writeOnly, price: { ...writeOnly, archive: false }, stockLevel: { ...writeOnly, archive: false },
    } satisfies Capabilities,
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
        const { main } = await locales();
        yield* readSync(client, { system, defaultLocale: main }, options);
      })() as never;
    },
    write: (entity, records) => write(entity, records as readonly { key: string }[]),
    async archive(entity, keys) {
      const idKey = entity === "product" ? productPageKey : entity === "category" ? categoryPageKey : entity === "contentEntry" ? (k: string) => k : undefined;
      if (!idKey) throw unsupported("archive", entity);
      const outcomes: WriteOutcome[] = [];
      for (const key of keys) outcomes.push(await archiveByKey(client, key, idKey(key)));
      return outcomes;
    },
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}
