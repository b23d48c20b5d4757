import { ConnectorError, type ConnectorV1 } from "@omnibridge/core-model";
import { defineConnector } from "@omnibridge/connector-kit";
import { z } from "zod";
import { createAkeneoClient } from "./akeneo-client";
import { createLocaleMapper, DEFAULT_AKENEO_LOCALE_MAP } from "./akeneo-locales";
import { SkuLookup } from "./akeneo-lookup";
import { akeneoSettingsSchema, type AkeneoSettings } from "./akeneo-settings";
import type { AkeneoMappingContext } from "./mappers/akeneo-context";
import { readAttributes, readCategories } from "./streams/catalog-streams";
import { loadMappingContext } from "./streams/load-context";
import { MediaMetadata } from "./streams/media-metadata";
import { readProducts } from "./streams/product-stream";
import { writePrices } from "./writes/write-prices";
import { writeProducts } from "./writes/write-products";

const channelsCheckSchema = z.object({ _embedded: z.object({ items: z.array(z.object({ code: z.string() })) }) });

/** Validate settings; the error names the offending field (never its value). */
function parseSettings(settings: AkeneoSettings) {
  const parsed = akeneoSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError("invalid", `akeneo settings: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, { system: "akeneo" });
}

/**
 * Create the Akeneo PIM connector (REST API, 7.0 / SaaS). Reads `product`, `category`,
 * `attribute` incrementally; writes `product` and `price` through PATCH collections.
 */
export function createAkeneoConnector(settings: AkeneoSettings): ConnectorV1 {
  const resolved = parseSettings(settings);
  const client = createAkeneoClient(resolved);
  const lookup = new SkuLookup(client);
  const base = { system: resolved.system, channel: resolved.channel, locales: createLocaleMapper({ ...DEFAULT_AKENEO_LOCALE_MAP, ...resolved.localeMap }), baseUrl: resolved.url.replace(/\/+$/, "") };
  let cached: { at: number; context: Promise<AkeneoMappingContext> } | undefined;
  const context = (signal?: AbortSignal) => {
    // The catalogue structure changes rarely: reuse it for a minute across reads and writes.
    if (!cached || Date.now() - cached.at > 60_000) {
      const entry = { at: Date.now(), context: loadMappingContext(client, base, signal) };
      entry.context.catch(() => (cached === entry ? (cached = undefined) : undefined));
      cached = entry;
    }
    return cached.context;
  };
  const media = resolved.mediaMetadata ? new MediaMetadata(client) : undefined;
  const deps = (signal?: AbortSignal) => ({ client, system: resolved.system, context: () => context(signal), media });

  return defineConnector({
    vendor: "akeneo", system: resolved.system, role: "pim",
    entities: {
      product: {
        read: (options) => readProducts(deps(options.signal), options),
        write: async (records, { signal }) => writeProducts(client, lookup, await context(signal), records, signal),
        maxBatchSize: 100,
      },
      category: { read: (options) => readCategories(deps(options.signal), options), maxBatchSize: 100 },
      attribute: { read: (options) => readAttributes(deps(options.signal), options), maxBatchSize: 100 },
      price: { write: async (records, { signal }) => writePrices(client, lookup, await context(signal), records, signal), maxBatchSize: 100 },
    },
    async check() {
      // https://api.akeneo.com/api-reference.html#get_channels: authenticated and cheap.
      const channels = await client.get("/channels?limit=10", channelsCheckSchema);
      const known = channels._embedded.items.some((c) => c.code === resolved.channel);
      return { ok: known, message: known ? `authenticated on ${base.baseUrl}, channel ${resolved.channel}` : `channel ${resolved.channel} does not exist on ${base.baseUrl}` };
    },
    metrics: () => client.metrics(),
    close: () => client.close(),
  });
}
