import { createEmulatorServer, type EmulatorInterceptor, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import type { Attribute, Category, Product } from "@omnibridge/core-model";
import {
  createFaultInjector, createRateLimitWindow, rateLimitInterceptor, type EmulatorFactory, type EmulatorStartOptions,
  type FaultPlan, type RateLimitOptions, type RunningEmulator, type World, type WorldChangeSet,
} from "@omnibridge/testkit";
import type { AkeneoAttribute } from "../akeneo-api";
import { createLocaleMapper } from "../akeneo-locales";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { AKENEO_TEST_CREDENTIALS, EmulatorAuth, type EmulatorCredentials } from "./akeneo-emulator-auth";
import { BASE_ATTRIBUTES, putAttribute, putStructure } from "./akeneo-emulator-catalog";
import { akeneoRoutes } from "./akeneo-emulator-routes";
import { putCategory, putProduct, removeProduct } from "./akeneo-emulator-seed";
import { AkeneoState } from "./akeneo-emulator-state";
import type { Settings } from "./akeneo-emulator-values";

/** Options of {@link startAkeneoEmulator}. */
export interface AkeneoEmulatorOptions {
  /** World whose PIM view seeds the emulator (products, models, categories, attributes, media; no prices). */
  world?: World;
  faults?: FaultPlan;
  /** Requests per window per PIM instance; default Akeneo's 100 req/s. `false` disables it. */
  rateLimit?: RateLimitOptions | false;
  seed?: number;
  port?: number;
  /** Access token lifetime (Akeneo: 3600 s); short in tests to expire tokens mid-stream. */
  tokenLifetimeSeconds?: number;
  credentials?: EmulatorCredentials;
}

/** A running Akeneo emulator with its in-memory state exposed for assertions. */
export interface AkeneoEmulator extends RunningEmulator {
  state: AkeneoState;
  auth: EmulatorAuth;
  server: EmulatorServer;
  settings: { url: string; clientId: string; secret: string; username: string; password: string };
  /** Responses answered 429 by the rate limit. */
  rateLimited(): number;
}

const LOCALES = createLocaleMapper();

function seedContext(state: AkeneoState, url: string): AkeneoMappingContext {
  const attributes = new Map([...state.attributes].map(([code, r]) => [code, r.body as AkeneoAttribute]));
  return { system: "akeneo", channel: "ecommerce", locales: LOCALES, attributes, familyVariants: new Map(), baseUrl: url };
}

function seed(state: AkeneoState, world: World | undefined, url: string): void {
  putStructure(state);
  for (const attribute of BASE_ATTRIBUTES) state.attributes.set(attribute.code, { code: attribute.code, body: attribute, updated: 0 });
  if (!world) return;
  for (const attribute of world.attributes()) putAttribute(state, attribute, LOCALES, Date.parse(attribute.updatedAt));
  for (const category of world.categories()) putCategory(state, category, LOCALES, Date.parse(category.updatedAt));
  const ctx = seedContext(state, url);
  for (const product of world.products()) putProduct(state, product, ctx, Date.parse(product.updatedAt));
}

/**
 * The world's PIM view carries no prices: prices (and any value written through the API that the
 * world does not know) are kept when a PIM user edits the product, as Akeneo keeps untouched values.
 */
function keepApiValues(state: AkeneoState, product: Product): () => void {
  const skus = product.variants.length > 0 ? product.variants.map((v) => v.sku) : [product.key];
  const saved = skus.flatMap((sku) => {
    const uuid = state.identifiers.get(sku);
    const price = uuid ? state.products.get(uuid)?.values.price : undefined;
    return price ? [[sku, price] as const] : [];
  });
  return () => {
    for (const [sku, price] of saved) {
      const stored = state.products.get(state.identifiers.get(sku) ?? "");
      if (stored) stored.values = { ...stored.values, price };
    }
  };
}

/** Apply a world revision: Akeneo stamps `updated` with its own clock when a record is saved. */
function applyChanges(state: AkeneoState, changes: WorldChangeSet, url: string): void {
  const now = Date.now();
  for (const { entity, record } of changes.upserted) {
    if (entity === "attribute") putAttribute(state, record as Attribute, LOCALES, now);
    if (entity === "category") putCategory(state, record as Category, LOCALES, now);
    if (entity === "product") {
      const restore = keepApiValues(state, record as Product);
      removeProduct(state, record.key);
      putProduct(state, record as Product, seedContext(state, url), now);
      restore();
    }
  }
  for (const { entity, key } of changes.deleted) {
    if (entity === "product") removeProduct(state, key);
    if (entity === "category") state.categories.delete(key);
  }
}

/** 406 when the client does not accept JSON (https://api.akeneo.com/documentation/responses.html#406-error). */
const acceptOnlyJson: EmulatorInterceptor = (request) => {
  const accept = request.headers.accept;
  if (!accept || !request.path.startsWith("/api/rest/") || /application\/json|\*\/\*/.test(accept)) return undefined;
  return { status: 406, body: { code: 406, message: `"${accept}" in "Accept" header is not valid. Only "application/json" is allowed.` } };
};

/** Start the emulator on 127.0.0.1 (port 0 = a free one). */
export async function startAkeneoEmulator(options: AkeneoEmulatorOptions = {}): Promise<AkeneoEmulator> {
  const credentials = options.credentials ?? AKENEO_TEST_CREDENTIALS;
  const state = new AkeneoState();
  const auth = new EmulatorAuth(credentials, options.tokenLifetimeSeconds ?? 3600);
  const settings: Settings = { channels: new Set(["ecommerce", "web"]), locales: new Set(["en_US", "de_DE", "fr_FR"]), currencies: new Set(["EUR", "USD"]) };
  let url = "";
  let limited = 0;
  const interceptors: EmulatorInterceptor[] = [];
  const tooMany = { code: 429, message: "You have exceeded the limit of API requests per second." };
  if (options.faults) {
    interceptors.push(createFaultInjector(options.faults, {
      seed: options.seed ?? options.world?.seed ?? 1,
      rateLimitedResponse: () => ({ status: 429, headers: { "retry-after": "1" }, body: tooMany }),
      serverErrorResponse: (status) => ({ status, body: { code: status, message: "Internal Server Error" } }),
    }));
  }
  if (options.rateLimit !== false) {
    // https://api.akeneo.com/documentation/good-practices.html: 100 requests/s per instance, 429 + Retry-After (seconds).
    const window = createRateLimitWindow(options.rateLimit ?? { limit: 100, windowMs: 1_000 });
    const limiter = rateLimitInterceptor(window, {
      key: () => "instance",
      limited: (decision) => ((limited += 1), { status: 429, headers: { "retry-after": String(Math.max(1, Math.ceil(decision.resetMs / 1000))) }, body: tooMany }),
    });
    interceptors.push((request) => (request.path.startsWith("/api/") ? limiter(request) : undefined));
  }
  interceptors.push(auth.guard(), acceptOnlyJson);
  const server = await createEmulatorServer({
    name: "akeneo", port: options.port, interceptors,
    routes: [{ method: "POST", path: "/api/oauth/v1/token", handler: (r) => auth.token(r) }, ...akeneoRoutes(state, settings, () => url)],
    notFound: (r) => ({ status: 404, body: { code: 404, message: `No route found for "${r.method} ${r.path}"` } }),
  });
  url = server.url;
  seed(state, options.world, url);
  return {
    name: "akeneo", url, state, auth, server,
    settings: { url, ...credentials },
    apply: (changes) => applyChanges(state, changes, url),
    requestCount: () => server.requestCount(),
    rateLimited: () => limited,
    stop: () => server.close(),
  };
}

/** Emulator factory for the testkit host. */
export const akeneoEmulator: EmulatorFactory = {
  name: "akeneo",
  start: (options: EmulatorStartOptions) => startAkeneoEmulator(options),
};
