import { randomBytes } from "node:crypto";
import type { Customer, Order, Price, Product } from "@omnibridge/core-model";
import { createEmulatorServer, type EmulatorInterceptor, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import { createFaultInjector, type EmulatorFactory, type FaultPlan, type RunningEmulator, type WorldChangeSet } from "@omnibridge/testkit";
import { failure, shopwareRoutes } from "./shopware-emulator-routes";
import { placeShopwareOrder, retailPrices, seedBase, seedCustomer, seedProduct, SEED_IDS } from "./shopware-emulator-seed";
import { DEFAULT_CURRENCY_ID, ShopwareStore } from "./shopware-emulator-store";

/** Options of {@link startShopwareEmulator}. */
export interface ShopwareEmulatorOptions {
  products?: Iterable<Product>;
  prices?: Iterable<Price>;
  customers?: Iterable<Customer>;
  orders?: Iterable<Order>;
  /** Token lifetime (default 600 s, as documented for client credentials). */
  tokenTtlMs?: number;
  /** Largest `limit` a search accepts (default 500). */
  maxLimit?: number;
  faults?: FaultPlan;
  seed?: number;
  port?: number;
  clientId?: string;
  clientSecret?: string;
}

/** A running Shopware emulator with its in-memory shop for assertions. */
export interface ShopwareEmulator {
  url: string;
  store: ShopwareStore;
  server: EmulatorServer;
  /** Settings for `createShopwareConnector`: url, credentials, tax, currencies, sales channel, groups. */
  settings: {
    url: string; clientId: string; clientSecret: string; taxId: string; currencies: Record<string, string>;
    salesChannels: Record<string, string>; customerGroups: Record<string, string>;
  };
  /** Tokens issued so far. */
  tokensIssued(): number;
  /** Expire every issued token now (the next request gets a 401). */
  expireTokens(): void;
  /** Place an order in the shop, as a checkout would (the order source tests use). */
  placeOrder(order: Order): string;
  stop(): Promise<void>;
}

/** Token endpoint and bearer check: `POST /api/oauth/token` (client credentials), tokens expire after `ttlMs`. */
function oauth(
  clientId: string, clientSecret: string, ttlMs: number, tokens: Map<string, number>, counter: { issued: number },
): EmulatorInterceptor {
  return (request) => {
    if (request.path === "/api/oauth/token" && request.method === "POST") {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.grant_type !== "client_credentials" || body.client_id !== clientId || body.client_secret !== clientSecret) {
        return failure(401, "FRAMEWORK__OAUTH_INVALID_CLIENT", "Unauthorized", "Client authentication failed");
      }
      const token = randomBytes(24).toString("hex");
      tokens.set(token, Date.now() + ttlMs);
      counter.issued++;
      return { status: 200, body: { token_type: "Bearer", expires_in: Math.round(ttlMs / 1000), access_token: token } };
    }
    const token = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    if (!expiresAt || expiresAt <= Date.now()) {
      return failure(401, "FRAMEWORK__UNAUTHORIZED", "Unauthorized", "The resource owner or authorization server denied the request. Access token could not be verified");
    }
    return undefined;
  };
}

/** Start the Shopware 6 Admin API emulator on 127.0.0.1. */
export async function startShopwareEmulator(options: ShopwareEmulatorOptions = {}): Promise<ShopwareEmulator> {
  const store = new ShopwareStore();
  seedBase(store);
  const retail = retailPrices(options.prices ?? []);
  let i = 0;
  for (const product of options.products ?? []) seedProduct(store, product, retail, i++ % 2 === 1);
  i = 0;
  for (const customer of options.customers ?? []) seedCustomer(store, customer, i++ % 2 === 1);
  for (const order of options.orders ?? []) placeShopwareOrder(store, order);
  const clientId = options.clientId ?? "SWIAEMULATORCLIENTID0000000";
  const clientSecret = options.clientSecret ?? "emulator-secret-access-key-0000000000000000";
  const tokens = new Map<string, number>();
  const counter = { issued: 0 };
  const faults = createFaultInjector(options.faults ?? {}, {
    seed: options.seed ?? 1,
    rateLimitedResponse: () => ({ ...failure(429, "FRAMEWORK__RATE_LIMIT_EXCEEDED", "Too Many Requests", "Too many requests"), headers: { "retry-after": "1" } }),
    serverErrorResponse: (status) => failure(status, "FRAMEWORK__INTERNAL_ERROR", "Internal Server Error", `internal error (${status})`),
  });
  const server = await createEmulatorServer({
    name: "shopware", port: options.port,
    routes: shopwareRoutes(store, { maxLimit: options.maxLimit ?? 500, version: "6.6.10.0" }),
    interceptors: [oauth(clientId, clientSecret, options.tokenTtlMs ?? 600_000, tokens, counter), faults],
    notFound: (request) => failure(404, "FRAMEWORK__ROUTE_NOT_FOUND", "Not Found", `No route found for "${request.method} ${request.path}"`),
  });
  return {
    url: server.url, store, server,
    settings: {
      url: server.url, clientId, clientSecret, taxId: SEED_IDS.tax, currencies: { EUR: DEFAULT_CURRENCY_ID, USD: SEED_IDS.usd },
      salesChannels: { web: SEED_IDS.salesChannel }, customerGroups: { b2b: SEED_IDS.b2bGroup },
    },
    tokensIssued: () => counter.issued,
    expireTokens: () => tokens.forEach((_, token) => tokens.set(token, 0)),
    placeOrder: (order) => placeShopwareOrder(store, order).id,
    stop: () => server.close(),
  };
}

/** Apply a world revision: changed products and customers get new server-time stamps; new orders are placed. */
export function applyShopwareWorldChanges(store: ShopwareStore, changes: WorldChangeSet): void {
  for (const { entity, record } of changes.upserted) {
    if (entity === "product") seedProduct(store, record as Product, new Map(), true);
    else if (entity === "customer" && !store.worldIds.has(`customer:${record.key}`)) seedCustomer(store, record as Customer, false);
    else if (entity === "order" && !store.worldIds.has(`order:${(record as Order).number}`)) placeShopwareOrder(store, record as Order);
  }
  for (const { entity, key } of changes.deleted) {
    const id = store.worldIds.get(`${entity}:${key}`);
    if (entity === "product" && id) store.write("product", { id, active: false });
  }
}

/** Emulator factory for testkit's host: the world's web shop (products with retail EUR prices, persons, web orders). */
export const shopwareEmulator: EmulatorFactory = {
  name: "shopware",
  async start({ world, faults, seed, port }): Promise<RunningEmulator> {
    const persons = [...world.customers()].filter((c) => c.type === "person");
    const orders = [...world.orders()].filter((o) => o.channel === "web");
    const emulator = await startShopwareEmulator({
      products: world.products(), prices: world.prices(), customers: persons, orders, faults, seed: seed ?? world.seed, port,
    });
    return {
      name: "shopware", url: emulator.url, settings: { ...emulator.settings },
      apply: (changes) => applyShopwareWorldChanges(emulator.store, changes),
      requestCount: () => emulator.server.requestCount(),
      stop: () => emulator.stop(),
    };
  },
};
