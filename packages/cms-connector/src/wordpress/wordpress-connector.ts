import { ConnectorError, type ConnectorV1, type EntityKind } from "@omnibridge/core-model";
import { defineConnector, redactUrl } from "@omnibridge/connector-kit";
import { ZodError } from "zod";
import { parseSettings } from "../shared/parse-settings";
import { wordpressUserSchema } from "./wordpress-api";
import { createWordpressClient } from "./wordpress-client";
import { wordpressSettingsSchema, type WordpressSettingsInput } from "./wordpress-settings";
import { readContentEntries } from "./streams/wordpress-content-stream";
import { createWordpressWrites } from "./writes/wordpress-writes";

const BATCH = 25; // /batch/v1 maxItems, the largest unit WordPress itself accepts.

/** Create the WordPress connector (REST API wp/v2 with an Application Password). */
export function createWordpressConnector(input: WordpressSettingsInput): ConnectorV1 {
  const settings = parseSettings("wordpress", wordpressSettingsSchema, input);
  const client = createWordpressClient(settings);
  const collections = [
    { collection: "posts", defaultType: "product_story" as const },
    { collection: "pages", defaultType: "page" as const },
    { collection: settings.postType, defaultType: "product_page" as const },
    { collection: settings.categoryPostType, defaultType: "category_page" as const },
  ];
  const writes = createWordpressWrites(client, settings, collections.map((c) => c.collection));
  const writable = (entity: EntityKind, archive: boolean) => ({
    write: (records: readonly unknown[]) => writes.write(entity, records),
    ...(archive ? { archive: (keys: readonly string[]) => writes.archive(entity, keys) } : {}),
    delta: false,
    maxBatchSize: BATCH,
  });
  return defineConnector({
    vendor: "wordpress", system: settings.system, role: "cms",
    entities: {
      contentEntry: { ...writable("contentEntry", true), delta: true, read: (options) => readContentEntries(client, { collections, system: settings.system, locale: settings.locale, ...options }) },
      product: writable("product", true), category: writable("category", true), promotion: writable("promotion", true), campaign: writable("campaign", true),
      price: writable("price", false), stockLevel: writable("stockLevel", false),
    },
    async check() {
      await client.index();
      const me = wordpressUserSchema.parse(await client.me());
      return `authenticated as ${me.slug ?? me.id} on ${redactUrl(settings.url)}`;
    },
    wrapError: (error) => (error instanceof ZodError
      ? new ConnectorError("protocol", `${settings.system}: unexpected response from /wp/v2/users/me`, { system: settings.system })
      : new ConnectorError("internal", `${settings.system}: ${error instanceof Error ? error.message : String(error)}`, { system: settings.system })),
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
}
