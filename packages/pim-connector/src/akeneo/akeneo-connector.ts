import {
  CONNECTOR_CONTRACT_V1, ConnectorError, type ConnectorV1, type EntityKind, type EntityOf, type Page,
  type ReadOptions, type WriteOptions, type WriteOutcome,
} from "@omnibridge/core-model";
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
  const capability = (write: boolean) => ({ read: true, delta: true, write, archive: false, maxBatchSize: 100 });

  return {
    contract: CONNECTOR_CONTRACT_V1,
    vendor: "akeneo",
    system: resolved.system,
    role: "pim",
    capabilities: {
      product: capability(true),
      category: capability(false),
      attribute: capability(false),
      price: { read: false, delta: false, write: true, archive: false, maxBatchSize: 100 },
    },
    async check() {
      const started = performance.now();
      try {
        // https://api.akeneo.com/api-reference.html#get_channels: authenticated and cheap.
        const channels = await client.get("/channels?limit=10", channelsCheckSchema);
        const known = channels._embedded.items.some((c) => c.code === resolved.channel);
        return { ok: known, latencyMs: performance.now() - started, message: known ? `authenticated on ${base.baseUrl}, channel ${resolved.channel}` : `channel ${resolved.channel} does not exist on ${base.baseUrl}` };
      } catch (error) {
        return { ok: false, latencyMs: performance.now() - started, message: error instanceof ConnectorError ? error.message : "check failed" };
      }
    },
    read<K extends EntityKind>(entity: K, options: ReadOptions = {}): AsyncIterable<Page<EntityOf<K>>> {
      const d = deps(options.signal);
      if (entity === "product") return readProducts(d, options) as AsyncIterable<Page<EntityOf<K>>>;
      if (entity === "category") return readCategories(d, options) as AsyncIterable<Page<EntityOf<K>>>;
      if (entity === "attribute") return readAttributes(d, options) as AsyncIterable<Page<EntityOf<K>>>;
      throw new ConnectorError("invalid", `akeneo does not read ${entity}`, { system: resolved.system });
    },
    async write<K extends EntityKind>(entity: K, records: readonly EntityOf<K>[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
      if (records.length === 0) return [];
      const ctx = await context(options.signal);
      if (entity === "product") return writeProducts(client, lookup, ctx, records as readonly EntityOf<"product">[], options.signal);
      if (entity === "price") return writePrices(client, lookup, ctx, records as readonly EntityOf<"price">[], options.signal);
      throw new ConnectorError("invalid", `akeneo does not write ${entity}`, { system: resolved.system });
    },
    async archive(entity, keys) {
      if (keys.length === 0) return [];
      throw new ConnectorError("invalid", `akeneo connector does not archive ${entity}`, { system: resolved.system });
    },
    metrics: () => client.metrics(),
    async close() {
      client.close();
    },
  };
}


