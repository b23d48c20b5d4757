import { ConnectorError, type AssetFile, type ConnectorV1, type Family, type Page, type ReadOptions } from "@omnibridge/core-model";
import { defineConnector } from "@omnibridge/connector-kit";
import { z } from "zod";
import { createAkeneoClient } from "./akeneo-client";
import { createLocaleMapper, DEFAULT_AKENEO_LOCALE_MAP } from "./akeneo-locales";
import { SkuLookup } from "./akeneo-lookup";
import { akeneoSettingsSchema, type AkeneoSettingsInput } from "./akeneo-settings";
import type { AkeneoMappingContext } from "./mappers/akeneo-context";
import { readAttributes, readCategories } from "./streams/catalog-streams";
import { loadMappingContext } from "./streams/load-context";
import { MediaMetadata } from "./streams/media-metadata";
import { readProducts } from "./streams/product-stream";
import { readAssetFiles, readFamilies } from "./streams/structure-streams";
import { writePrices } from "./writes/write-prices";
import { writeProducts } from "./writes/write-products";

const channelsCheckSchema = z.object({ _embedded: z.object({ items: z.array(z.object({ code: z.string() })) }) });

/** Validate settings; the error names the offending field (never its value). */
function parseSettings(settings: AkeneoSettingsInput) {
  const parsed = akeneoSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError("invalid", `akeneo settings: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, { system: "akeneo" });
}

/** The Akeneo connector: the ConnectorV1 contract plus catalogue-structure reads that are not sync entity kinds. */
export interface AkeneoConnector extends ConnectorV1 {
  /** Families (attribute sets) with their family variants; incremental (`updated >`). */
  readFamilies(options?: ReadOptions): AsyncIterable<Page<Family>>;
  /** Product media files' metadata (file name, MIME type, size); every read lists them all. */
  readAssetFiles(options?: ReadOptions): AsyncIterable<Page<AssetFile>>;
}

/**
 * Create the Akeneo PIM connector (REST API, 7.0 / SaaS). Reads `product`, `category`,
 * `attribute` incrementally; writes `product` and `price` through PATCH collections; reads
 * families and media file metadata beside the contract (`readFamilies`, `readAssetFiles`).
 */
export function createAkeneoConnector(settings: AkeneoSettingsInput): AkeneoConnector {
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

  const connector = defineConnector({
    vendor: "akeneo", system: resolved.system, role: "pim",
    entities: {
      product: {
        read: (options) => {
          lookup.startRun(); // a new run trusts no SKU → uuid learned in an earlier one (products may be recreated)
          return readProducts(deps(options.signal), options);
        },
        write: async (records, { signal }) => writeProducts(client, lookup, await context(signal), records, signal),
        maxBatchSize: 100,
      },
      category: { read: (options) => readCategories(deps(options.signal), options), maxBatchSize: 100 },
      attribute: { read: (options) => readAttributes(deps(options.signal), options), maxBatchSize: 100 },
      price: {
        write: async (records, { signal }) => writePrices(client, lookup, await context(signal), records, signal),
        maxBatchSize: 100,
      },
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
  return Object.assign(connector, {
    readFamilies: (options: ReadOptions = {}) => readFamilies(deps(options.signal), options),
    readAssetFiles: (options: ReadOptions = {}) => readAssetFiles(deps(options.signal), options),
  });
}
