import { CONNECTOR_CONTRACT_V1, isConnectorError, type Capabilities, type ConnectorV1 } from "@omnibridge/core-model";
import { parseSettings } from "../shared/parse-settings";
import { wordpressUserSchema } from "./wordpress-api";
import { createWordpressClient } from "./wordpress-client";
import { wordpressSettingsSchema, type WordpressSettings } from "./wordpress-settings";
import { readContentEntries } from "./streams/wordpress-content-stream";
import { createWordpressWrites } from "./wordpress-writes";
import { unsupported } from "./wordpress-writer";

const BATCH = 25; // /batch/v1 maxItems, the largest unit WordPress itself accepts.
const write = { read: false, delta: false, write: true, archive: true, maxBatchSize: BATCH };
const capabilities: Capabilities = {
  contentEntry: { read: true, delta: true, write: true, archive: true, maxBatchSize: BATCH },
  product: write, category: write, promotion: write, campaign: write, price: { ...write, archive: false }, stockLevel: { ...write, archive: false },
};

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
  const writes = createWordpressWrites(client, settings, collections.map((c) => c.collection));
  return {
    contract: CONNECTOR_CONTRACT_V1, vendor: "wordpress", system: settings.system, role: "cms", capabilities,
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
    write: (entity, records) => writes.write(entity, records),
    archive: (entity, keys) => writes.archive(entity, keys),
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}
