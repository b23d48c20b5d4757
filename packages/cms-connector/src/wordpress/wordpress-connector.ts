import {
  CONNECTOR_CONTRACT_V1, ConnectorError, entitySchemas, issuesFromZod, isConnectorError,
  type Capabilities, type Category, type ContentEntry, type ConnectorV1, type EntityKind, type Price, type Product, type StockLevel, type WriteOutcome,
} from "@omnibridge/core-model";
import { parseSettings } from "../shared/parse-settings";
import { wordpressUserSchema } from "./wordpress-api";
import { createWordpressClient } from "./wordpress-client";
import { wordpressSettingsSchema, type WordpressSettings } from "./wordpress-settings";
import { readContentEntries } from "./streams/wordpress-content-stream";
import { categoryPageKey, fromCategory, fromContentEntry, fromProduct, productPageKey, type WordpressPostBody } from "./mappers/from-canonical";
import { trashPosts, upsertPosts, unsupported, type PostUpsert } from "./wordpress-writer";
import { writeCommerceMeta } from "./wordpress-commerce-writer";

const BATCH = 25; // /batch/v1 maxItems, the largest unit WordPress itself accepts.
const write = { read: false, delta: false, write: true, archive: true, maxBatchSize: BATCH };

/** Validate records; invalid ones become failed outcomes naming the field, the rest are mapped. */
function prepare<T extends { key: string }>(entity: EntityKind, records: readonly T[], map: (record: T) => PostUpsert) {
  const outcomes: (WriteOutcome | undefined)[] = [];
  const valid: Array<{ index: number; item: PostUpsert }> = [];
  for (const [index, record] of records.entries()) {
    const parsed = entitySchemas[entity].safeParse(record);
    const key = typeof record?.key === "string" && record.key ? record.key : `#${index}`;
    if (!parsed.success) outcomes[index] = { key, status: "failed", issue: issuesFromZod(key, parsed.error)[0] };
    else valid.push({ index, item: map(parsed.data as unknown as T) });
  }
  return { outcomes, valid };
}

/** Create the WordPress connector (REST API wp/v2 with an Application Password). */
export function createWordpressConnector(input: WordpressSettings): ConnectorV1 {
  const settings = parseSettings("wordpress", wordpressSettingsSchema, input);
  const client = createWordpressClient(settings);
  const collections = [
    { collection: "posts", defaultType: "product_story" as const },
    { collection: "pages", defaultType: "page" as const },
    { collection: settings.postType, defaultType: "product_page" as const },
    { collection: settings.categoryPostType, defaultType: "category_page" as const },
  ];
  const collectionOf = (type: ContentEntry["type"]) =>
    type === "product_page" ? settings.postType : type === "category_page" ? settings.categoryPostType : type === "product_story" ? "posts" : "pages";
  const capabilities: Capabilities = {
    contentEntry: { read: true, delta: true, write: true, archive: true, maxBatchSize: BATCH },
    product: write, category: write,
    price: { ...write, archive: false }, stockLevel: { ...write, archive: false },
  };

  async function upsertGrouped(entity: EntityKind, records: readonly { key: string }[], map: (record: never) => PostUpsert & { collection: string }) {
    const { outcomes, valid } = prepare(entity, records, map as (record: { key: string }) => PostUpsert & { collection: string });
    const groups = new Map<string, typeof valid>();
    for (const entry of valid) {
      const collection = (entry.item as PostUpsert & { collection: string }).collection;
      groups.set(collection, [...(groups.get(collection) ?? []), entry]);
    }
    for (const [collection, group] of groups) {
      const results = await upsertPosts(client, collection, group.map((entry) => entry.item));
      group.forEach((entry, i) => (outcomes[entry.index] = results[i]));
    }
    return outcomes as WriteOutcome[];
  }

  const item = (key: string, body: WordpressPostBody, collection: string) => ({ key: body.meta.omnibridge_key ?? key, body, collection });
  const writers: Partial<Record<EntityKind, (records: readonly never[]) => Promise<WriteOutcome[]>>> = {
    product: (records) => upsertGrouped("product", records, (p: Product) => item(p.key, fromProduct(p, settings.locale), settings.postType)),
    category: (records) => upsertGrouped("category", records, (c: Category) => item(c.key, fromCategory(c, settings.locale), settings.categoryPostType)),
    contentEntry: (records) => upsertGrouped("contentEntry", records, (e: ContentEntry) => item(e.key, fromContentEntry(e), collectionOf(e.type))),
    price: (records) => writeCommerceMeta(client, settings.postType, "price", records as readonly Price[]),
    stockLevel: (records) => writeCommerceMeta(client, settings.postType, "stockLevel", records as readonly StockLevel[]),
  };

  async function archive(entity: EntityKind, keys: readonly string[]): Promise<WriteOutcome[]> {
    if (entity === "product") return rekey(keys, productPageKey, (k) => trashPosts(client, settings.postType, k));
    if (entity === "category") return rekey(keys, categoryPageKey, (k) => trashPosts(client, settings.categoryPostType, k));
    if (entity !== "contentEntry") throw unsupported(settings.system, entity, "archive");
    const outcomes: WriteOutcome[] = [];
    // The key does not say which collection holds the entry: try each until found.
    for (const key of keys) outcomes.push(await archiveEntry(key));
    return outcomes;
  }

  async function archiveEntry(key: string): Promise<WriteOutcome> {
    let last: WriteOutcome = { key, status: "archived" };
    for (const { collection } of collections) {
      last = (await trashPosts(client, collection, [key]))[0]!;
      if (last.externalId) return last;
    }
    return last;
  }

  return {
    contract: CONNECTOR_CONTRACT_V1,
    vendor: "wordpress",
    system: settings.system,
    role: "cms",
    capabilities,
    async check() {
      const started = performance.now();
      try {
        await client.index();
        const me = wordpressUserSchema.parse(await client.me());
        return { ok: true, latencyMs: performance.now() - started, message: `authenticated as ${me.slug ?? me.id} on ${settings.url}` };
      } catch (error) {
        return { ok: false, latencyMs: performance.now() - started, message: isConnectorError(error) ? error.message : "unexpected response from /wp/v2/users/me" };
      }
    },
    read(entity, options = {}) {
      if (entity !== "contentEntry") throw unsupported(settings.system, entity, "read");
      return readContentEntries(client, { collections, system: settings.system, locale: settings.locale, ...options }) as never;
    },
    async write(entity, records) {
      const writer = writers[entity];
      if (!writer) throw unsupported(settings.system, entity, "write");
      return writer(records as readonly never[]);
    },
    archive: (entity, keys) => archive(entity, keys),
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}

async function rekey(keys: readonly string[], toPostKey: (key: string) => string, run: (keys: string[]) => Promise<WriteOutcome[]>) {
  const outcomes = await run(keys.map(toPostKey));
  return outcomes.map((outcome, i) => ({ ...outcome, key: keys[i]! }));
}

